#!/usr/bin/env bash
# Load comparison: the same smtp-source load against exomock (every message
# journaled before its 250, then indexed into SQLite) and Postfix's smtp-sink
# (stores nothing), with and without connection reuse, for each --durability
# (write: the 250 after the journal write; fsync: after its fdatasync). Prints
# messages per second, peak memory and ratios; smtp-sink runs beside each row.
# Postfix's tools come from `apt-get download postfix` + `dpkg -x` into a cache
# folder; the Postfix daemon is never installed.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
CACHE=${EXOMOCK_CACHE:-$ROOT/.cache/postfix}
EXOMOCK=${EXOMOCK_BIN:-$ROOT/build/exomock}
MESSAGES=${MESSAGES:-20000}   # per run
SESSIONS=${SESSIONS:-20}      # concurrent smtp-source sessions
SIZE=${SIZE:-2048}            # message size in bytes
RUNS=${RUNS:-3}               # best of
DURABILITIES=${DURABILITIES:-"write fsync"}

fetch_postfix() {
  [[ -x $CACHE/root/usr/sbin/smtp-source ]] && return
  mkdir -p "$CACHE"
  (cd "$CACHE" && apt-get download postfix >/dev/null 2>&1 && dpkg -x postfix_*.deb root)
}

# Runs smtp-source against PORT; prints the elapsed seconds.
drive() {
  local port=$1 reuse=$2 start end
  start=$(date +%s.%N)
  "$CACHE/root/usr/sbin/smtp-source" -s "$SESSIONS" -m "$MESSAGES" -l "$SIZE" $reuse \
    -f bench@contoso.com -t sink@contoso.com "127.0.0.1:$port" >/dev/null
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN {print b - a}'
}

peak_kib() { awk '/VmHWM/ {print $2}' "/proc/$1/status"; }

start_sink() {
  local port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  "$CACHE/root/usr/sbin/smtp-sink" -u nobody "127.0.0.1:$port" 1024 &
  SINK_PID=$!
  SINK_PORT=$port
  for _ in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return; sleep 0.1; done
}

start_exomock() {
  DATA=$(mktemp -d)
  coproc EXO { exec "$EXOMOCK" serve --scenario "$ROOT/bench/sink.toml" --listen sink=127.0.0.1:0 \
    --data-dir "$DATA" --durability "$1" --log-level warn 2>/dev/null; }
  EXO_PID=$EXO_PID
  local line
  read -r line <&"${EXO[0]}"
  EXO_PORT=${line##*:}
}

best() { sort -g | head -1; }

fetch_postfix
export LD_LIBRARY_PATH=$CACHE/root/usr/lib/postfix
[[ -x $EXOMOCK ]] || { echo "build exomock first (make build)" >&2; exit 1; }

printf '%s messages of %s bytes, %s concurrent sessions, best of %s runs\n' \
  "$MESSAGES" "$SIZE" "$SESSIONS" "$RUNS"
printf '%-36s %12s %12s %8s %14s %14s\n' load exomock/s smtp-sink/s ratio "exomock peak" "sink peak"
for durability in $DURABILITIES; do
for mode in "one message per connection:" "connection reuse:-d"; do
  label="${mode%%:*}, $durability"; flag=${mode#*:}
  start_sink; start_exomock "$durability"
  exo=$(for _ in $(seq "$RUNS"); do drive "$EXO_PORT" "$flag"; done | best)
  sink=$(for _ in $(seq "$RUNS"); do drive "$SINK_PORT" "$flag"; done | best)
  exo_peak=$(peak_kib "$EXO_PID"); sink_peak=$(peak_kib "$SINK_PID")
  stored=$("$EXOMOCK" messages --data-dir "$DATA" --json | wc -l)
  kill "$SINK_PID"; kill -TERM "$EXO_PID"; wait "$EXO_PID" 2>/dev/null || true
  rm -rf "$DATA"
  [[ $stored -eq $((MESSAGES * RUNS)) ]] || { echo "exomock stored $stored of $((MESSAGES * RUNS))" >&2; exit 1; }
  awk -v l="$label" -v m="$MESSAGES" -v e="$exo" -v s="$sink" -v ep="$exo_peak" -v sp="$sink_peak" \
    'BEGIN {printf "%-36s %12.0f %12.0f %7.2fx %11s KiB %11s KiB\n", l, m / e, m / s, s / e, ep, sp}'
done
done
