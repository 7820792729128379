#!/usr/bin/env bash
# Sustained comparison: Postfix's smtp-source sends at least MIN_MESSAGES
# messages of SIZE bytes, for at least MIN_SECONDS, over SESSIONS concurrent
# reused connections, to smtp-sink (stores nothing) and to exomock at each
# durability (journal:write, journal:fsync). A target sqlite:DURABILITY runs
# `serve --store-engine sqlite`, the plain SQLite WAL group commit that builds
# up to 274c2ee had beside the journal (EXOMOCK_BIN=a build of that commit). For exomock the clock stops only when every
# message sent is in SQLite, where readers query it: a 250 alone does not
# count. The count is read with the sqlite3 shell, which (unlike `exomock
# messages`) never applies the journal itself, so the server's own indexing is
# what is timed. Targets run in turn, ROUNDS times, in one invocation; the
# table gives each one's median and its ratio to smtp-sink's median.
# Postfix's tools come from `apt-get download postfix` + `dpkg -x` into a cache
# folder; the Postfix daemon is never installed.
#
#   bench/sustained.sh                                  # the full run
#   MIN_MESSAGES=50000 MIN_SECONDS=5 bench/sustained.sh # a quick try
#   EXOMOCK_BIN=... TARGETS="sink journal:write sqlite:write journal:fsync sqlite:fsync" \
#     bench/sustained.sh                                # the README's comparison
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
CACHE=${EXOMOCK_CACHE:-$ROOT/.cache/postfix}
EXOMOCK=${EXOMOCK_BIN:-$ROOT/build/exomock}
MIN_MESSAGES=${MIN_MESSAGES:-1048576}  # 2 GiB of 2 KiB messages
MIN_SECONDS=${MIN_SECONDS:-60}         # of sending, per target
CHUNK=${CHUNK:-100000}                 # messages per smtp-source invocation
SESSIONS=${SESSIONS:-50}               # concurrent smtp-source sessions
SIZE=${SIZE:-2048}                     # message size in bytes
ROUNDS=${ROUNDS:-1}
TARGETS=${TARGETS:-"sink journal:write journal:fsync"}
RESULTS=${RESULTS:-$ROOT/bench/results}

fetch_postfix() {
  [[ -x $CACHE/root/usr/sbin/smtp-source ]] && return
  mkdir -p "$CACHE"
  (cd "$CACHE" && apt-get download postfix >/dev/null 2>&1 && dpkg -x postfix_*.deb root)
}

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN {print b - a}'; }
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}
peak_kib() { awk '/VmHWM/ {print $2}' "/proc/$1/status"; }

# Sends CHUNK-message batches to PORT until both minimums are met; sets SENT.
drive() {
  local port=$1 start
  start=$(now)
  SENT=0
  while ((SENT < MIN_MESSAGES)) ||
    awk -v s="$start" -v n="$(now)" -v m="$MIN_SECONDS" 'BEGIN {exit !(n - s < m)}'; do
    "$CACHE/root/usr/sbin/smtp-source" -s "$SESSIONS" -m "$CHUNK" -l "$SIZE" -d \
      -f bench@contoso.com -t sink@contoso.com "127.0.0.1:$port" >/dev/null
    SENT=$((SENT + CHUNK))
  done
}

stored() { sqlite3 "$1/exomock.sqlite3" 'SELECT count(*) FROM messages' 2>/dev/null || echo 0; }

# One target; prints "target messages seconds peak_kib".
run_sink() {
  local port start end peak
  port=$(free_port)
  "$CACHE/root/usr/sbin/smtp-sink" -u nobody "127.0.0.1:$port" 1024 &
  local pid=$!
  for _ in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
  start=$(now)
  drive "$port"
  end=$(now)
  peak=$(peak_kib "$pid")
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  echo "sink $SENT $(elapsed "$start" "$end") $peak"
}

run_exomock() {
  local engine=${1%%:*} durability=${1#*:} data start end peak line engine_args=()
  [[ $engine == journal ]] || engine_args=(--store-engine "$engine")
  data=$(mktemp -d)
  coproc EXO { exec "$EXOMOCK" serve --scenario "$ROOT/bench/sink.toml" --listen sink=127.0.0.1:0 \
    --data-dir "$data" --durability "$durability" "${engine_args[@]}" --log-level warn \
    2>/dev/null; }
  local pid=$EXO_PID
  read -r line <&"${EXO[0]}"
  start=$(now)
  drive "${line##*:}"
  until (($(stored "$data") >= SENT)); do sleep 0.2; done
  end=$(now)
  peak=$(peak_kib "$pid")
  kill -TERM "$pid"
  wait "$pid" 2>/dev/null || true
  local count
  count=$(stored "$data")
  rm -rf "$data"
  ((count == SENT)) || { echo "$1 stored $count of $SENT" >&2; exit 1; }
  echo "$1 $SENT $(elapsed "$start" "$end") $peak"
}

fetch_postfix
export LD_LIBRARY_PATH=$CACHE/root/usr/lib/postfix
[[ -x $EXOMOCK ]] || { echo "build exomock first (make build)" >&2; exit 1; }
mkdir -p "$RESULTS"
RAW=$RESULTS/sustained-$(date -u +%Y%m%dT%H%M%SZ).txt

{
  printf '# at least %s messages of %s bytes and %s s per target, %s sessions, %s round(s)\n' \
    "$MIN_MESSAGES" "$SIZE" "$MIN_SECONDS" "$SESSIONS" "$ROUNDS"
  printf '# %s (%s), checkout %s, %s cores\n' "$EXOMOCK" "$("$EXOMOCK" --version)" \
    "$(git -C "$ROOT" rev-parse --short HEAD)" "$(nproc)"
  for round in $(seq "$ROUNDS"); do
    for target in $TARGETS; do
      if [[ $target == sink ]]; then row=$(run_sink); else row=$(run_exomock "$target"); fi
      echo "run $round $row"
    done
  done
} | tee "$RAW"

# The table: per target the median rate over its rounds, and the ratio to smtp-sink's.
awk -v size="$SIZE" '
  $1 == "run" { rate = $4 / $5; n[$3]++; r[$3, n[$3]] = rate; peak[$3] = $6 > peak[$3] ? $6 : peak[$3]
                if (!($3 in seen)) { seen[$3] = 1; order[++targets] = $3 } }
  function median(t,   i, j, k, tmp, c) {
    c = n[t]; for (i = 1; i <= c; i++) v[i] = r[t, i]
    for (i = 1; i <= c; i++) for (j = i + 1; j <= c; j++) if (v[j] < v[i]) { tmp = v[i]; v[i] = v[j]; v[j] = tmp }
    return c % 2 ? v[(c + 1) / 2] : (v[c / 2] + v[c / 2 + 1]) / 2 }
  END {
    printf "%-16s %10s %8s %12s %14s\n", "target", "msgs/s", "MB/s", "vs smtp-sink", "peak RSS"
    sink = ("sink" in n) ? median("sink") : 0
    for (i = 1; i <= targets; i++) { t = order[i]; m = median(t)
      printf "%-16s %10.0f %8.1f %11.2fx %10d KiB\n", t, m, m * size / 1e6, sink ? m / sink : 0, peak[t] }
  }' "$RAW" | tee -a "$RAW"
