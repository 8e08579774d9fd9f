#!/usr/bin/env bash
# Stop the dockerd that scripts/ci/docker-up.sh started, and only that one.
#
# An engine this script did not start (a system service, someone's own dockerd)
# is never touched: we only act on the pid recorded in our pidfile, and only if
# that pid is still a dockerd.
set -euo pipefail

STATE_DIR="${RUNNABLE_DOCKERD_DIR:-/tmp/runnable-dockerd}"
PIDFILE="$STATE_DIR/dockerd.pid"
WAIT_SECONDS="${RUNNABLE_DOCKERD_WAIT:-30}"

say() { echo "docker-down: $*"; }

if [[ ! -s "$PIDFILE" ]]; then
  say "no dockerd started by docker-up.sh ($PIDFILE absent); nothing to do"
  exit 0
fi
pid="$(cat "$PIDFILE")"
if ! kill -0 "$pid" 2>/dev/null; then
  say "dockerd pid $pid from $PIDFILE is gone already; removing the stale pidfile"
  rm -f "$PIDFILE"
  exit 0
fi
# Pids are reused: make sure this is still the dockerd we launched.
if [[ "$(cat "/proc/$pid/comm" 2>/dev/null)" != dockerd ]]; then
  say "pid $pid is no longer a dockerd ($(cat "/proc/$pid/comm" 2>/dev/null || echo '?')); leaving it alone, removing the stale pidfile"
  rm -f "$PIDFILE"
  exit 0
fi

# SIGTERM lets dockerd stop its containers and its managed containerd cleanly.
say "stopping dockerd pid $pid"
kill -TERM "$pid"
deadline=$(( $(date +%s) + WAIT_SECONDS ))
while kill -0 "$pid" 2>/dev/null; do
  if (( $(date +%s) >= deadline )); then
    say "dockerd pid $pid still running after ${WAIT_SECONDS}s; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    break
  fi
  sleep 0.5
done
rm -f "$PIDFILE"
say "dockerd stopped"
