#!/usr/bin/env bash
# Make a real Kubernetes API server answer on loopback, for the argo executor's integration tests
# (test/argo-apiserver.test.ts, the action's argo tests): etcd + kube-apiserver v1.20.2, a token kubeconfig,
# Argo's CRDs applied. No controller, scheduler or kubelet: Workflows are stored, watched and patched, never run
# (the tests play the controller). Recipe and quirks: ../shared/reference/argo.md §4.5.
#
#   etcd            Debian's etcd-server (installed with apt-get when absent)
#   kube-apiserver  ../shared/bin/kube-apiserver-v1.20.2-linux-amd64.xz (checked against SHA256SUMS) when present,
#                   else built from Debian's `kubernetes` source package (7-30 min on 2 cores, bounded by
#                   RUNNABLE_KUBE_BUILD_TIMEOUT, default 1200 s); either way decompressed/built ONCE into
#                   $CACHE/bin (outside the repo) and reused afterwards. The build adds deb-src entries for apt's
#                   Debian archives (/etc/apt/sources.list.d/runnable-test-deb-src.*) and removes its 3 GB tree.
#   Argo CRDs       test/fixtures/argo-schema/crds-minimal-v4.1.2 (Argo v4.1.2 minimal CRDs, copied from ../shared)
#   state           $CACHE/kube: kubeconfig (mode 600, the token lives only there and in tokens.csv), pid files,
#                   logs, etcd data, certificates. scripts/ci/kube-down.sh stops exactly the pids recorded here.
#
# Idempotent: a server started earlier that still answers is kept (the CRDs are re-applied). When no apiserver
# binary can be had (no ../shared and the build is impossible or too slow) it exits 0 after writing the reason to
# $CACHE/kube/unavailable, so that the tests skip visibly with that reason; any other failure exits 1.
# Run as root on Debian bookworm. Ports: etcd 32379-32381 (RUNNABLE_ETCD_PORT), apiserver 36443 (RUNNABLE_KUBE_PORT).
set -euo pipefail

REPO="$(cd "$(dirname "$0")/../.." && pwd)"
CACHE="${RUNNABLE_TEST_CACHE:-/var/cache/runnable-test}"
STATE="$CACHE/kube"
BIN="$CACHE/bin/v1.20.2/kube-apiserver" # named kube-apiserver: kube-down checks /proc/<pid>/comm
SHARED_XZ="${RUNNABLE_SHARED_BIN:-$REPO/../shared/bin}/kube-apiserver-v1.20.2-linux-amd64.xz"
CRDS="${RUNNABLE_ARGO_CRDS:-$REPO/test/fixtures/argo-schema/crds-minimal-v4.1.2}" # copies of ../shared/schemas/argo-workflows/…
PORT="${RUNNABLE_KUBE_PORT:-36443}"
ETCD_PORT="${RUNNABLE_ETCD_PORT:-32379}" # and the two above it: peer, metrics
BUILD_TIMEOUT="${RUNNABLE_KUBE_BUILD_TIMEOUT:-1200}"
WAIT_SECONDS=60
KUBECONFIG_FILE="$STATE/kubeconfig"
t0=$(date +%s)

say() { echo "kube-up: $*"; }
die() { echo "kube-up: ERROR: $*" >&2; exit 1; }
# No apiserver can be had on this machine: say why, leave the reason for the tests, succeed.
skip() {
  mkdir -p "$STATE"
  echo "$*" >"$STATE/unavailable"
  say "SKIPPED: $* (the apiserver tests will skip and say so)"
  exit 0
}

alive() { # alive <pid> <comm>: running, not a zombie, still that program (pids are reused)
  [[ -r "/proc/$1/stat" ]] || return 1
  [[ "$(cat "/proc/$1/comm" 2>/dev/null)" == "$2" ]] || return 1
  [[ "$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" != Z ]]
}
pid_alive() { [[ -s "$STATE/$1.pid" ]] && alive "$(cat "$STATE/$1.pid")" "$1"; }
# while starting: the pid may still be setsid for a moment before it execs the program
running() { [[ -r "/proc/$1/stat" ]] && [[ "$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" != Z ]]; }
token() { cut -d, -f1 "$STATE/pki/tokens.csv"; }
# curl to the apiserver with the token; the token goes through a header file, never the command line (ps).
kcurl() {
  curl -sk --max-time 20 -H @"$STATE/pki/auth-header" "$@"
}
api_ready() { [[ -s "$STATE/pki/auth-header" ]] && [[ "$(kcurl -o /dev/null -w '%{http_code}' "https://127.0.0.1:$PORT/readyz" 2>/dev/null)" == 200 ]]; }

install_etcd() {
  command -v etcd >/dev/null && return 0
  [[ $(id -u) -eq 0 ]] || die "etcd is not installed and installing it needs root (apt-get install etcd-server)."
  say "etcd not found: installing Debian's etcd-server (apt-get)"
  local start created_policy=0
  start=$(date +%s)
  export DEBIAN_FRONTEND=noninteractive
  # the package would start an etcd service on the default ports: forbid service starts during the install
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
    chmod +x /usr/sbin/policy-rc.d
    created_policy=1
  fi
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends etcd-server >/dev/null
  [[ $created_policy -eq 1 ]] && rm -f /usr/sbin/policy-rc.d
  say "installed etcd-server $(dpkg-query -W -f='${Version}' etcd-server) in $(( $(date +%s) - start ))s"
}

# The prebuilt binary of ../shared/bin, checked against its SHA256SUMS, decompressed into the cache.
apiserver_from_shared() {
  local dir sums
  dir="$(dirname "$SHARED_XZ")"
  sums="$dir/SHA256SUMS"
  [[ -f "$sums" ]] || die "$SHARED_XZ has no $sums beside it: cannot check it."
  say "checking $SHARED_XZ against $sums"
  (cd "$dir" && grep ' kube-apiserver-v1.20.2-linux-amd64.xz$' SHA256SUMS | sha256sum -c --quiet -) ||
    die "$SHARED_XZ does not match its checksum in $sums."
  local want
  want="$(awk '$2 == "kube-apiserver" {print $1}' "$sums")"
  xz -dc "$SHARED_XZ" >"$BIN.tmp"
  if [[ -n "$want" ]] && [[ "$(sha256sum "$BIN.tmp" | cut -d' ' -f1)" != "$want" ]]; then
    rm -f "$BIN.tmp"
    die "the decompressed kube-apiserver does not match the uncompressed checksum in $sums."
  fi
  chmod 755 "$BIN.tmp"
  mv "$BIN.tmp" "$BIN"
  say "decompressed into $BIN (reused from now on)"
}

# deb-src entries for the archives apt already uses (deb822 or one-line format).
add_deb_src() {
  local out=/etc/apt/sources.list.d/runnable-test-deb-src.sources
  [[ -f $out ]] && return 0
  if [[ -f /etc/apt/sources.list.d/debian.sources ]]; then
    sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources >"$out"
  elif [[ -f /etc/apt/sources.list ]] && grep -q '^deb ' /etc/apt/sources.list; then
    out=/etc/apt/sources.list.d/runnable-test-deb-src.list
    [[ -f $out ]] && return 0
    grep -E '^deb +(\[[^]]*\] +)?https?://[^ ]*debian\.org' /etc/apt/sources.list | sed 's/^deb /deb-src /' >"$out" ||
      { rm -f "$out"; return 1; } # not Debian's archives (Ubuntu): no kubernetes source package there
  else
    return 1
  fi
}

# The recipe of argo.md §4.5: Debian's kubernetes source, reflect2 1.0.2 swapped in, `make WHAT=cmd/kube-apiserver`.
apiserver_from_source() {
  [[ "${RUNNABLE_KUBE_BUILD:-1}" != 0 ]] || skip "no prebuilt kube-apiserver ($SHARED_XZ absent) and RUNNABLE_KUBE_BUILD=0 forbids building one"
  [[ $(id -u) -eq 0 ]] || skip "no prebuilt kube-apiserver ($SHARED_XZ absent) and building one needs root (apt-get)"
  local avail_kb
  avail_kb=$(df -Pk "$CACHE" | awk 'NR==2 {print $4}')
  (( avail_kb > 4 * 1024 * 1024 )) || skip "no prebuilt kube-apiserver and less than 4 GB free in $CACHE for building one"
  say "no prebuilt kube-apiserver ($SHARED_XZ absent): building it from Debian's kubernetes source package (timeout ${BUILD_TIMEOUT}s)"
  local start work src
  start=$(date +%s)
  work="$CACHE/build"
  rm -rf "$work"
  mkdir -p "$work/home"
  export DEBIAN_FRONTEND=noninteractive
  add_deb_src || skip "cannot add deb-src entries (no /etc/apt/sources.list.d/debian.sources nor deb lines in /etc/apt/sources.list)"
  apt-get -o DPkg::Lock::Timeout=600 update -qq || skip "apt-get update failed with the deb-src entries"
  apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends \
    golang-go dpkg-dev rsync golang-github-modern-go-reflect2-dev >/dev/null ||
    skip "cannot install the build dependencies (golang-go dpkg-dev rsync golang-github-modern-go-reflect2-dev)"
  (cd "$work" && apt-get source --download-only kubernetes >/dev/null 2>&1) || skip "apt-get source kubernetes failed (no deb-src archive reachable)"
  (cd "$work" && dpkg-source -x kubernetes_*.dsc src >/dev/null 2>&1) || skip "dpkg-source -x of the kubernetes source package failed"
  src="$work/src"
  # vendored reflect2 1.0.1 segfaults with Go >= 1.18 on the first custom-resource create
  rm -rf "$src/vendor/github.com/modern-go/reflect2"
  cp -r /usr/share/gocode/src/github.com/modern-go/reflect2 "$src/vendor/github.com/modern-go/"
  mkdir -p "$work/gopath/src/k8s.io"
  ln -sfn "$src" "$work/gopath/src/k8s.io/kubernetes"
  say "source unpacked in $(( $(date +%s) - start ))s; compiling (log $work/build.log)"
  if ! (cd "$work/gopath/src/k8s.io/kubernetes" &&
    GOPATH="$work/gopath" GOPROXY=off CGO_ENABLED=0 HOME="$work/home" GOCACHE="$work/gocache" \
      timeout "$BUILD_TIMEOUT" make WHAT=cmd/kube-apiserver >"$work/build.log" 2>&1); then
    tail -n 5 "$work/build.log" | sed 's/^/kube-up:   /'
    rm -rf "$work"
    skip "building kube-apiserver from Debian's source failed or took longer than ${BUILD_TIMEOUT}s (RUNNABLE_KUBE_BUILD_TIMEOUT)"
  fi
  cp "$src/_output/bin/kube-apiserver" "$BIN.tmp"
  chmod 755 "$BIN.tmp"
  mv "$BIN.tmp" "$BIN"
  rm -rf "$work" # 3 GB of source tree and Go cache
  say "built $BIN in $(( $(date +%s) - start ))s (reused from now on)"
}

ensure_apiserver_binary() {
  mkdir -p "$(dirname "$BIN")"
  if [[ -x "$BIN" ]]; then
    say "reusing $BIN"
  elif [[ -f "$SHARED_XZ" ]]; then
    apiserver_from_shared
  else
    apiserver_from_source
  fi
  "$BIN" --version 2>/dev/null | grep -q 'v1.20.2' || die "$BIN does not run or is not v1.20.2 (remove it and retry)."
}

# Keys and a fresh random token (mode 600): the token is written only here and into the kubeconfig.
make_credentials() {
  mkdir -p "$STATE/pki" "$STATE/certs"
  chmod 700 "$STATE/pki"
  (
    umask 077
    openssl genrsa -out "$STATE/pki/sa.key" 2048 2>/dev/null
    openssl rsa -in "$STATE/pki/sa.key" -pubout -out "$STATE/pki/sa.pub" 2>/dev/null
    echo "$(openssl rand -hex 24),runnable-test,runnable-test-uid,system:masters" >"$STATE/pki/tokens.csv"
    echo "Authorization: Bearer $(token)" >"$STATE/pki/auth-header"
  )
}

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

start_etcd() {
  port_free "$ETCD_PORT" || die "port $ETCD_PORT is taken by a process kube-up did not start; free it (ss -ltnp 'sport = :$ETCD_PORT')."
  rm -rf "$STATE/etcd-data"
  say "starting etcd on 127.0.0.1:$ETCD_PORT (log $STATE/etcd.log)"
  setsid etcd --name runnable-test --data-dir "$STATE/etcd-data" \
    --listen-client-urls "http://127.0.0.1:$ETCD_PORT" --advertise-client-urls "http://127.0.0.1:$ETCD_PORT" \
    --listen-peer-urls "http://127.0.0.1:$((ETCD_PORT + 1))" --initial-advertise-peer-urls "http://127.0.0.1:$((ETCD_PORT + 1))" \
    --initial-cluster "runnable-test=http://127.0.0.1:$((ETCD_PORT + 1))" --listen-metrics-urls "http://127.0.0.1:$((ETCD_PORT + 2))" \
    </dev/null >"$STATE/etcd.log" 2>&1 &
  echo $! >"$STATE/etcd.pid"
  local deadline=$(( $(date +%s) + WAIT_SECONDS ))
  until curl -s --max-time 2 "http://127.0.0.1:$ETCD_PORT/health" | grep -q '"health":"true"'; do
    running "$(cat "$STATE/etcd.pid")" || { tail -n 20 "$STATE/etcd.log" >&2; die "etcd exited while starting (see $STATE/etcd.log)."; }
    (( $(date +%s) < deadline )) || die "etcd did not answer within ${WAIT_SECONDS}s (see $STATE/etcd.log)."
    sleep 0.3
  done
}

# Flags of argo.md §4.5: --insecure-port must stay 0 in 1.20, so https with self-signed certificates and a static
# token; --endpoint-reconciler-type=none silences "may not be in the loopback range" for the kubernetes Service.
start_apiserver() {
  port_free "$PORT" || die "port $PORT is taken by a process kube-up did not start; free it or set RUNNABLE_KUBE_PORT."
  say "starting kube-apiserver on https://127.0.0.1:$PORT (log $STATE/kube-apiserver.log)"
  setsid "$BIN" --etcd-servers="http://127.0.0.1:$ETCD_PORT" \
    --bind-address=127.0.0.1 --advertise-address=127.0.0.1 --secure-port="$PORT" --cert-dir="$STATE/certs" \
    --service-account-issuer=https://kubernetes.default.svc \
    --service-account-key-file="$STATE/pki/sa.pub" --service-account-signing-key-file="$STATE/pki/sa.key" \
    --service-cluster-ip-range=10.96.0.0/24 --token-auth-file="$STATE/pki/tokens.csv" \
    --authorization-mode=AlwaysAllow --disable-admission-plugins=ServiceAccount \
    --endpoint-reconciler-type=none \
    </dev/null >"$STATE/kube-apiserver.log" 2>&1 &
  echo $! >"$STATE/kube-apiserver.pid"
  local deadline=$(( $(date +%s) + WAIT_SECONDS ))
  until api_ready; do
    running "$(cat "$STATE/kube-apiserver.pid")" || { tail -n 20 "$STATE/kube-apiserver.log" >&2; die "kube-apiserver exited while starting (see $STATE/kube-apiserver.log)."; }
    (( $(date +%s) < deadline )) || die "kube-apiserver did not become ready within ${WAIT_SECONDS}s (see $STATE/kube-apiserver.log)."
    sleep 0.5
  done
}

write_kubeconfig() {
  (
    umask 077
    cat >"$KUBECONFIG_FILE.tmp" <<EOF
apiVersion: v1
kind: Config
clusters:
  - name: runnable-test
    cluster:
      server: https://127.0.0.1:$PORT
      insecure-skip-tls-verify: true
users:
  - name: runnable-test
    user:
      token: $(token)
contexts:
  - name: runnable-test
    context:
      cluster: runnable-test
      user: runnable-test
      namespace: default
current-context: runnable-test
EOF
  )
  mv "$KUBECONFIG_FILE.tmp" "$KUBECONFIG_FILE"
}

# kubectl is not assumed: POST each CRD as YAML (the apiserver accepts application/yaml); 409 means it is there.
apply_crds() {
  [[ -d "$CRDS" ]] || die "Argo's CRDs are not at $CRDS (set RUNNABLE_ARGO_CRDS to a folder of CRD YAML files)."
  local url="https://127.0.0.1:$PORT/apis/apiextensions.k8s.io/v1/customresourcedefinitions" f code n=0
  for f in "$CRDS"/*.yaml; do
    code=$(kcurl -o "$STATE/crd-response.json" -w '%{http_code}' -X POST -H 'Content-Type: application/yaml' --data-binary @"$f" "$url")
    case "$code" in
      201 | 409) n=$((n + 1)) ;;
      *) cat "$STATE/crd-response.json" >&2; die "applying $f: HTTP $code." ;;
    esac
  done
  rm -f "$STATE/crd-response.json"
  # the CRDs are served once established: wait until the group lists workflows and cronworkflows
  local deadline=$(( $(date +%s) + WAIT_SECONDS ))
  until kcurl "https://127.0.0.1:$PORT/apis/argoproj.io/v1alpha1" | grep -q '"name": *"cronworkflows"' &&
    kcurl "https://127.0.0.1:$PORT/apis/argoproj.io/v1alpha1" | grep -q '"name": *"workflows"'; do
    (( $(date +%s) < deadline )) || die "Argo's CRDs were applied but argoproj.io/v1alpha1 does not serve workflows after ${WAIT_SECONDS}s."
    sleep 0.3
  done
  say "Argo CRDs applied from $CRDS ($n)"
}

mkdir -p "$STATE"
rm -f "$STATE/unavailable"
if pid_alive kube-apiserver && pid_alive etcd && api_ready; then
  say "kube-apiserver pid $(cat "$STATE/kube-apiserver.pid") (started by an earlier kube-up) answers; keeping it"
  apply_crds
  say "ready in $(( $(date +%s) - t0 ))s: KUBECONFIG=$KUBECONFIG_FILE"
  exit 0
fi
# a half-started or dead earlier one: stop what is ours, start afresh
bash "$REPO/scripts/ci/kube-down.sh" >/dev/null

install_etcd
ensure_apiserver_binary
make_credentials
start_etcd
start_apiserver
write_kubeconfig
apply_crds
say "ready in $(( $(date +%s) - t0 ))s: kube-apiserver pid $(cat "$STATE/kube-apiserver.pid"), etcd pid $(cat "$STATE/etcd.pid"); KUBECONFIG=$KUBECONFIG_FILE"
