#!/usr/bin/env bash
# Builds docker/Dockerfile with Debian's podman and runc, from a base image imported from
# debootstrap (no registry), then checks the image: it runs as a non-root user, serves the
# demo scenario, a real client's message comes back through the API, the default command
# refuses a non-loopback API without a token and passes its health check with one.
# Host networking throughout: bridge mode hands containers private-range addresses.
set -euo pipefail
cd "$(dirname "$0")/../.."

fail() { echo "container test: $*" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || fail "needs root (rootful podman)"
missing=""
for p in podman runc debootstrap curl python3; do command -v "$p" >/dev/null || missing="$missing $p"; done
if [ -n "$missing" ]; then
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends podman runc debootstrap \
    curl python3 >/dev/null
fi

# crun fails on these machines' hybrid cgroups; nofile no higher than the hard limit, and nproc
# set low: podman run's default (4194304) and even this shell's hard limit are refused here by
# runc ("error setting rlimits for ready process: ... type 6"), 4096 is not.
conf=$(mktemp)
work=$(mktemp -d)
cleanup() {
  for c in exomock-test exomock-default; do podman rm -f "$c" >/dev/null 2>&1 || true; done
}
trap 'cleanup; rm -rf "$conf" "$work"' EXIT
nofile=$(ulimit -Hn)
cat > "$conf" <<CONF
[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
[containers]
default_ulimits = ["nofile=$nofile:$nofile", "nproc=4096:4096"]
CONF
export CONTAINERS_CONF="$conf"
cleanup  # what an interrupted run left

# The base image: a minbase debootstrap tree, kept between runs.
rootfs=${EXOMOCK_ROOTFS_CACHE:-/var/cache/exomock/rootfs}
if ! podman image exists localhost/debian:bookworm; then
  if [ ! -x "$rootfs/usr/bin/apt-get" ]; then
    mkdir -p "$(dirname "$rootfs")"
    debootstrap --variant=minbase bookworm "$rootfs" http://deb.debian.org/debian >/dev/null
    rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/*.bin
  fi
  tar -C "$rootfs" -c . | podman import - localhost/debian:bookworm >/dev/null
fi

start=$(date +%s)
podman build --format docker --network=host -f docker/Dockerfile --build-arg BASE=localhost/debian:bookworm \
  --build-arg RUNTIME_BASE=localhost/debian:bookworm -t localhost/exomock:test . >"$work/build.log" 2>&1 \
  || { tail -40 "$work/build.log"; fail "podman build failed"; }
echo "container test: image built in $(( $(date +%s) - start )) s, $(podman image inspect localhost/exomock:test --format '{{.Size}}') bytes"

# 1. Non-root, on free ports: a real client's message through the API.
podman run -d --network=host --name exomock-test localhost/exomock:test serve \
  --scenario /etc/exomock/scenario.toml --ephemeral --data-dir /var/lib/exomock --error-delay 0 >/dev/null
ready=""
for _ in $(seq 100); do
  ready=$(podman logs exomock-test 2>/dev/null | grep -m1 '^exomock ready ' || true)
  [ -n "$ready" ] && break
  sleep 0.1
done
[ -n "$ready" ] || { podman logs exomock-test; fail "no ready line"; }
[ "$(podman exec exomock-test id -u)" = 10001 ] || fail "not running as the exomock user"
smtp=$(grep -o 'submission=[^ ]*' <<<"$ready" | cut -d: -f2)
api=http://$(grep -o ' http=[^ ]*' <<<"$ready" | cut -d= -f2)
python3 - "$smtp" <<'PY'
import smtplib, ssl, sys
context = ssl.create_default_context()
context.check_hostname = False
context.verify_mode = ssl.CERT_NONE
with smtplib.SMTP("127.0.0.1", int(sys.argv[1]), timeout=30) as s:
    s.starttls(context=context)
    s.login("scanner@contoso.com", "Demo-Passw0rd!")
    s.sendmail("scanner@contoso.com", ["someone@example.net"],
               b"From: scanner@contoso.com\r\nSubject: from the container test\r\n\r\nhi\r\n")
PY
found=$(curl -fsS "$api/api/v1/search?query=subject:%22from%20the%20container%20test%22")
python3 -c 'import json,sys; b=json.loads(sys.argv[1]); assert b["messages_count"] == 1, b; assert b["messages"][0]["Subject"] == "from the container test", b' "$found" \
  || fail "the message is not in the API: $found"
podman stop -t 10 exomock-test >/dev/null
[ "$(podman inspect exomock-test --format '{{.State.ExitCode}}')" = 0 ] || fail "exit code after SIGTERM"

# 2. The default command: refused without a token, healthy with one.
if podman run --rm --network=host localhost/exomock:test >"$work/no-token.log" 2>&1; then
  fail "served a non-loopback API without a token"
fi
grep -q "token" "$work/no-token.log" || { cat "$work/no-token.log"; fail "no word about the token"; }
podman run -d --network=host --name exomock-default -e EXOMOCK_HTTP_TOKEN=container-test-token \
  localhost/exomock:test >/dev/null
healthy=""
for _ in $(seq 50); do
  if podman healthcheck run exomock-default >"$work/health.log" 2>&1; then healthy=yes; break; fi
  sleep 0.2
done
[ -n "$healthy" ] || { cat "$work/health.log"; fail "health check never passed"; }
code=$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:8025/api/v1/messages)
[ "$code" = 401 ] || fail "the API answered $code without the token"
podman logs exomock-default 2>&1 | grep -q 'container-test-token' && fail "the token is in the log"
echo "container test: passed"
