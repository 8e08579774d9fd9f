#!/usr/bin/env bash
# Stop the kube-apiserver and etcd that scripts/ci/kube-up.sh started, and only those.
#
# It acts only on the pids recorded in $CACHE/kube/*.pid, and only while each is still the program kube-up
# started (pids are reused); anything else is left alone. The apiserver binary in $CACHE/bin is kept for the next
# kube-up; the run state (etcd data, certificates, token, kubeconfig) is removed, so no credential outlives it.
set -euo pipefail

CACHE="${RUNNABLE_TEST_CACHE:-/var/cache/runnable-test}"
STATE="$CACHE/kube"
WAIT_SECONDS=30

say() { echo "kube-down: $*"; }

stop() { # stop <name>: the process of $STATE/<name>.pid, if it is still <name>
  local name="$1" pidfile="$STATE/$1.pid" pid deadline
  if [[ ! -s "$pidfile" ]]; then
    say "no $name started by kube-up.sh ($pidfile absent); nothing to do"
    return 0
  fi
  pid="$(cat "$pidfile")"
  if ! kill -0 "$pid" 2>/dev/null; then
    say "$name pid $pid is gone already"
  elif [[ "$(cat "/proc/$pid/comm" 2>/dev/null)" != "$name" ]]; then
    say "pid $pid is no longer $name ($(cat "/proc/$pid/comm" 2>/dev/null || echo '?')); leaving it alone"
  else
    say "stopping $name pid $pid"
    kill -TERM "$pid"
    deadline=$(( $(date +%s) + WAIT_SECONDS ))
    while kill -0 "$pid" 2>/dev/null && [[ "$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null)" != Z ]]; do
      if (( $(date +%s) >= deadline )); then
        say "$name pid $pid still running after ${WAIT_SECONDS}s; sending SIGKILL"
        kill -KILL "$pid" 2>/dev/null || true
        break
      fi
      sleep 0.2
    done
  fi
  rm -f "$pidfile"
}

[[ -d "$STATE" ]] || { say "nothing started by kube-up.sh ($STATE absent)"; exit 0; }
stop kube-apiserver # first: it would log etcd's disappearance otherwise
stop etcd
rm -rf "$STATE/etcd-data" "$STATE/pki" "$STATE/certs" "$STATE/kubeconfig" "$STATE/kubeconfig.tmp"
say "stopped; run state removed (the binary in $CACHE/bin is kept)"
