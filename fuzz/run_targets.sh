#!/usr/bin/env bash
# `make fuzz`'s runner: each libFuzzer target of BUILD_DIR/fuzz for SECONDS, JOBS
# at a time, starting from the committed corpus (fuzz/corpus/NAME, read only) and
# a working corpus in BUILD_DIR/fuzz-corpus/NAME that keeps what it learns between
# runs. Prints each target's executions; fails, naming the target and the saved
# input (BUILD_DIR/fuzz-findings/), when any target finds a crash, a leak, undefined
# behaviour, a timeout or a broken property.
# Usage: fuzz/run_targets.sh BUILD_DIR SECONDS JOBS TARGET...
set -uo pipefail
build=$1 seconds=$2 jobs=$3
shift 3
source_dir="$(cd "$(dirname "$0")" && pwd)"
mkdir -p "$build/fuzz-findings" "$build/fuzz-logs"

run_one() {
  local name=$1
  mkdir -p "$build/fuzz-corpus/$name"
  # The protocol core's executions cost in proportion to the input (each byte is a
  # step of the session): 2 KiB holds a whole authenticated transaction, and shorter
  # inputs run 3-4x as often as the 14 KiB the largest seed would allow.
  local options=()
  [ "$name" = smtp_core ] && options+=(-max_len=2048)
  # -timeout: an input that takes 5 s is a hang for any of these surfaces.
  # malloc_context_size=0: no stack recorded per allocation (a fifth of the core's time);
  # a use-after-free report then lacks the allocation's stack, which running the saved
  # input again with ASAN_OPTIONS unset gives.
  ASAN_OPTIONS=${ASAN_OPTIONS:-malloc_context_size=0} UBSAN_OPTIONS=print_stacktrace=1 \
    "$build/fuzz/fuzz_$name" "${options[@]}" -max_total_time="$seconds" \
    -timeout=5 -print_final_stats=1 -artifact_prefix="$build/fuzz-findings/$name-" \
    "$build/fuzz-corpus/$name" "$source_dir/corpus/$name" >"$build/fuzz-logs/$name.log" 2>&1
  local rc=$?
  local execs
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$build/fuzz-logs/$name.log")
  if [ "$rc" -eq 0 ]; then
    printf '%-20s %12s executions in %ss, no finding\n' "$name" "${execs:-?}" "$seconds"
  else
    printf '%-20s FINDING (exit %s) after %s executions: see %s\n' "$name" "$rc" "${execs:-?}" \
      "$build/fuzz-logs/$name.log"
    grep -m 3 -E 'ERROR:|runtime error:|fuzz finding:|Test unit written' "$build/fuzz-logs/$name.log"
  fi
  return "$rc"
}
export -f run_one
export build seconds source_dir

printf '%s\n' "$@" | xargs -P "$jobs" -I{} bash -c 'run_one {}'
