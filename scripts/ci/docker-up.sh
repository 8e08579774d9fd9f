#!/usr/bin/env bash
# Make a Docker engine answer on this machine, for the local-container tests.
#
# Idempotent: an engine that already answers is left alone. Otherwise dockerd
# (Debian's docker.io, installed if missing) is started in the background with
# no bridge and no iptables rules: the tests run every container with
# `--network none`, and this machine has no registry to pull from anyway.
#
# Run as root on Debian bookworm. What it did is printed as "docker-up: ..." lines.
# State (pidfile, log) lives in $RUNNABLE_DOCKERD_DIR (default /tmp/runnable-dockerd);
# scripts/ci/docker-down.sh stops the engine recorded there, and only that one.
set -euo pipefail

STATE_DIR="${RUNNABLE_DOCKERD_DIR:-/tmp/runnable-dockerd}"
PIDFILE="$STATE_DIR/dockerd.pid"
LOGFILE="$STATE_DIR/dockerd.log"
WAIT_SECONDS="${RUNNABLE_DOCKERD_WAIT:-60}"
DEFAULT_SOCK=/var/run/docker.sock

say() { echo "docker-up: $*"; }
die() { echo "docker-up: ERROR: $*" >&2; exit 1; }

# `docker info` with a bound: a wedged engine must not hang CI. DOCKER_API_VERSION
# is dropped here: a value newer than the engine makes every call fail ("client
# version X is too new"), and we must not mistake that for "no engine" and start a
# second dockerd. It is checked on its own at the end.
engine_answers() { timeout 10 env -u DOCKER_API_VERSION docker info >/dev/null 2>&1; }
dver() { env -u DOCKER_API_VERSION docker version --format "$1" 2>/dev/null; }

# The client may be newer than the engine (the static 28.x client in
# /usr/local/bin vs Debian's 20.10 engine, API 1.41). The docker CLI negotiates
# down on its own and dockerode calls unversioned paths (the engine's own
# version); only a DOCKER_API_VERSION exported by the caller can break that.
check_api_version() {
  local server_api
  server_api="$(dver '{{.Server.APIVersion}}')"
  if [[ -n "${DOCKER_API_VERSION:-}" ]] && ! timeout 10 docker info >/dev/null 2>&1; then
    die "the engine answers but DOCKER_API_VERSION=$DOCKER_API_VERSION is newer than the API it speaks ($server_api); unset DOCKER_API_VERSION (clients negotiate) or set it to $server_api."
  fi
}

# Where the engine must listen. DOCKER_HOST is what every client here (the docker
# CLI and dockerode) reads, so honour it; we can only start an engine on a unix socket.
SOCK="$DEFAULT_SOCK"
if [[ -n "${DOCKER_HOST:-}" ]]; then
  case "$DOCKER_HOST" in
    unix://*) SOCK="${DOCKER_HOST#unix://}" ;;
    *)
      if command -v docker >/dev/null && engine_answers; then
        say "engine at DOCKER_HOST=$DOCKER_HOST already answers; nothing to do"
        exit 0
      fi
      die "DOCKER_HOST=$DOCKER_HOST is not a unix socket and no engine answers there; unset DOCKER_HOST to let this script start a local dockerd on $DEFAULT_SOCK."
      ;;
  esac
fi

# 1. The client. A static client may already be on PATH (here: /usr/local/bin/docker);
#    Debian's docker.io brings its own in /usr/bin. Either talks to the engine.
# 2. The engine: install Debian's docker.io only when dockerd is absent.
if ! command -v dockerd >/dev/null; then
  [[ $(id -u) -eq 0 ]] || die "dockerd is not installed and installing it needs root (apt-get install docker.io)."
  say "dockerd not found: installing Debian's docker.io (apt-get)"
  start=$(date +%s)
  export DEBIAN_FRONTEND=noninteractive
  # Package scripts would try to start the docker service with default options
  # (bridge + iptables) and no init system; forbid service starts during the install.
  created_policy=0
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
    chmod +x /usr/sbin/policy-rc.d
    created_policy=1
    trap 'rm -f /usr/sbin/policy-rc.d' EXIT
  fi
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  # --no-install-recommends: skips apparmor, git, needrestart, cgroupfs-mount which
  # we do not need. iptables comes along as a hard dependency, though we do not use it.
  apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends docker.io >/dev/null
  if [[ $created_policy -eq 1 ]]; then rm -f /usr/sbin/policy-rc.d; trap - EXIT; fi
  say "installed docker.io $(dpkg-query -W -f='${Version}' docker.io) in $(( $(date +%s) - start ))s"
fi
command -v docker >/dev/null || die "no docker client on PATH even after installing docker.io."

if engine_answers; then
  say "an engine already answers ($(dver 'server {{.Server.Version}}, API {{.Server.APIVersion}}')); nothing to do"
  check_api_version
  exit 0
fi

# Our own earlier dockerd, if its pidfile is left: still starting (a concurrent
# docker-up), dying, or wedged. Give it the same bounded wait before deciding.
ours_alive() { # pid is alive, not a zombie, and still a dockerd (pids are reused)
  local pid="$1"
  [[ -r "/proc/$pid/stat" ]] || return 1
  [[ "$(cat "/proc/$pid/comm" 2>/dev/null)" == dockerd ]] || return 1
  [[ "$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null)" != Z ]]
}
mkdir -p "$STATE_DIR"
if [[ -s "$PIDFILE" ]] && ours_alive "$(cat "$PIDFILE")"; then
  old_pid="$(cat "$PIDFILE")"
  say "dockerd pid $old_pid (started by an earlier docker-up) is running but does not answer yet; waiting up to ${WAIT_SECONDS}s"
  deadline=$(( $(date +%s) + WAIT_SECONDS ))
  while ours_alive "$old_pid"; do
    if engine_answers; then
      say "dockerd pid $old_pid answers now; nothing to do"
      exit 0
    fi
    (( $(date +%s) < deadline )) || die "dockerd pid $old_pid (ours) does not answer on $SOCK after ${WAIT_SECONDS}s; see $LOGFILE, stop it with scripts/ci/docker-down.sh and retry."
    sleep 0.5
  done
  say "dockerd pid $old_pid went away; starting a new one"
fi
rm -f "$PIDFILE"

# One start attempt: 0 when the engine answers, 1 when dockerd exited while
# starting, and a hard failure when it runs but never answers.
start_dockerd() {
  say "starting dockerd on unix://$SOCK (--bridge=none --iptables=false), log $LOGFILE"
  # setsid: the engine must outlive this script and the shell that ran it, and must
  # not receive the terminal's SIGINT. dockerd writes and removes its own pidfile.
  setsid dockerd \
    --host="unix://$SOCK" \
    --bridge=none \
    --iptables=false \
    --ip6tables=false \
    --pidfile="$PIDFILE" \
    </dev/null >>"$LOGFILE" 2>&1 &
  launched=$!
  local deadline=$(( $(date +%s) + WAIT_SECONDS ))
  until engine_answers; do
    kill -0 "$launched" 2>/dev/null || return 1
    if (( $(date +%s) >= deadline )); then
      echo "---- last lines of $LOGFILE ----" >&2
      tail -n 30 "$LOGFILE" >&2 || true
      die "dockerd (pid $launched) did not answer on $SOCK within ${WAIT_SECONDS}s (see $LOGFILE); stop it with scripts/ci/docker-down.sh."
    fi
    sleep 0.5
  done
  # dockerd wrote the pidfile itself by now; make sure it is there.
  [[ -s "$PIDFILE" ]] || echo "$launched" >"$PIDFILE"
}

export DOCKER_HOST="unix://$SOCK"
if ! start_dockerd; then
  # Seen here after an earlier dockerd was SIGKILLed: its managed containerd was
  # still dying, the new dockerd waited on it and gave up ("timeout waiting for
  # containerd to start"). By now it is gone, and a second start works.
  say "dockerd exited while starting (last line: $(tail -n 1 "$LOGFILE")); retrying once in 3s"
  sleep 3
  if ! start_dockerd; then
    echo "---- last lines of $LOGFILE ----" >&2
    tail -n 30 "$LOGFILE" >&2 || true
    die "dockerd exited while starting, twice (see above / $LOGFILE)."
  fi
fi

say "engine up: server $(dver '{{.Server.Version}}') (API $(dver '{{.Server.APIVersion}}')), client $(dver '{{.Client.Version}}') (API $(dver '{{.Client.APIVersion}}')), pid $(cat "$PIDFILE")"
check_api_version
