#!/usr/bin/env bash
# Build the Docker images the local-container tests run, with no registry.
#
#   runnable-test/node-python:1  node + python3 (+ stdlib) + /bin/sh and a few coreutils
#   runnable-test/no-node:1      /bin/sh and the same coreutils only: the "image
#                                without node" case
#
# Nothing is downloaded: each root filesystem is assembled from this machine's own
# binaries (the host's `node`, the host's `python3` with its stdlib, Debian's dash
# and coreutils) plus the shared libraries `ldd` lists for them, and fed to
# `docker import`. Files keep their host paths (pyenv's python has an absolute
# RUNPATH to its libpython, so it must stay where it was built to live).
#
# Re-runs are cheap: the inputs (this script, and size+mtime of every file that
# goes in) are hashed and the image is tagged <repo>:inputs-<hash>; when that tag
# exists and is the same image as <repo>:1 nothing is rebuilt.
#
# Needs an engine (scripts/ci/docker-up.sh). Set RUNNABLE_TEST_IMAGES_FORCE=1 to rebuild.
set -euo pipefail

NODE_IMAGE_REPO=runnable-test/node-python
NO_NODE_IMAGE_REPO=runnable-test/no-node
IMAGE_TAG=1
# Outside the repo: CI runs on a fresh clone. Holds only the transient build trees.
CACHE_DIR="${RUNNABLE_TEST_CACHE:-/var/cache/runnable-test}"
SELF="$(readlink -f "${BASH_SOURCE[0]}")"

# What a shell task needs. `echo`, `test`, `true`, `false` are also dash builtins;
# the binaries are there for `env true`, `xargs`-style use and exec form commands.
SHELL_TOOLS=(dash env cat echo sleep mkdir rm ls true false test cp mv pwd printf
  head tail wc chmod touch id uname basename dirname grep sed tr cut sort tee date)

say() { echo "build-test-images: $*"; }
die() { echo "build-test-images: ERROR: $*" >&2; exit 1; }

docker info >/dev/null 2>&1 || die "no Docker engine answers (DOCKER_HOST=${DOCKER_HOST:-unset}); run scripts/ci/docker-up.sh first."

# Absolute paths of the shared libraries (and the loader) the given binaries need.
# One ldd call for all of them: ldd is slow to start, and there are ~70 python modules.
libs_of() {
  local out
  out="$(ldd "$@" 2>&1)" || true
  if grep -q 'not found' <<<"$out"; then
    die "a binary needs a library this machine does not have: $(grep 'not found' <<<"$out" | tr -s ' \t' ' ')"
  fi
  awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// && $2 ~ /^\(/ { print $1 }' <<<"$out"
}

tool_paths() {
  local t p
  for t in "${SHELL_TOOLS[@]}"; do
    p="$(type -P "$t")" || die "host has no '$t' binary (Debian coreutils/dash/grep/sed expected)"
    echo "$p"
  done
}

# --- inputs -------------------------------------------------------------------
NODE_BIN="$(readlink -f "$(type -P node)")" || die "no node on PATH"
# python3 may be a pyenv shim (a shell script): ask the interpreter for its real self.
read -r PY_BIN PY_STDLIB < <(python3 -c 'import os, sys, sysconfig; print(os.path.realpath(sys.executable), sysconfig.get_paths()["stdlib"])') \
  || die "no working python3 on PATH"
PY_STDLIB="$(readlink -f "$PY_STDLIB")"
# Parts of the stdlib no task needs: tests, GUI, the static libpython for building
# extensions, bundled wheels. site-packages is left out on purpose: it holds this
# machine's pip installs (hundreds of MB), not the language.
PY_EXCLUDES=(--exclude=./site-packages --exclude=./test --exclude=./tests --exclude=./idlelib
  --exclude=./tkinter --exclude=./turtledemo --exclude=./ensurepip --exclude='./config-*'
  --exclude='./lib-dynload/_tkinter*' --exclude='*/idle_test')

SHELL_FILES="$(tool_paths)"
PY_DYNLOAD=()
while IFS= read -r -d '' f; do PY_DYNLOAD+=("$f"); done \
  < <(find "$PY_STDLIB/lib-dynload" -name '*.so' ! -name '_tkinter*' -print0)

# Every single file (not the stdlib tree) that goes into each image, libraries included.
# shellcheck disable=SC2086 # the lists are newline-separated absolute paths without spaces
SHELL_SET="$( { echo "$SHELL_FILES"; libs_of $SHELL_FILES; } | sort -u)"
NODE_PYTHON_SET="$( {
  echo "$SHELL_SET"
  echo "$NODE_BIN"
  echo "$PY_BIN"
  libs_of "$NODE_BIN" "$PY_BIN" "${PY_DYNLOAD[@]}"
} | sort -u)"

# Hash of what an image is made of: this script plus size and mtime of every input
# file (content hashing ~200 MB each run would cost seconds for nothing).
inputs_hash() { # $1 = file list, $2 = stdlib dir or ""
  {
    sha256sum "$SELF"
    tr '\n' '\0' <<<"$1" | xargs -0 stat -L -c '%n %s %Y' 
    if [[ -n "$2" ]]; then
      (cd "$2" && find . -path ./site-packages -prune -o -printf '%p %s %T@\n' | sort)
    fi
  } | sha256sum | cut -c1-16
}

# --- rootfs assembly ------------------------------------------------------------
# Copy a host path into the rootfs, following its symlink chain so that both the
# name the loader asks for and the real file exist.
add_path() { # $1 = rootfs, $2 = absolute host path
  local root="$1" p="$2" target
  while [[ -L "$p" ]]; do
    if [[ ! -L "$root$p" && ! -e "$root$p" ]]; then
      mkdir -p "$root$(dirname "$p")"
      cp -P "$p" "$root$p"
    fi
    target="$(readlink "$p")"
    [[ "$target" == /* ]] || target="$(dirname "$p")/$target"
    p="$target"
  done
  if [[ ! -e "$root$p" ]]; then
    mkdir -p "$root$(dirname "$p")"
    cp -p "$p" "$root$p"
  fi
}

new_rootfs() { # $1 = dir
  local root="$1" d
  rm -rf "$root"
  mkdir -p "$root"
  # Mirror the host's merged /usr (bin -> usr/bin, lib -> usr/lib, ...), so paths
  # baked into binaries (the loader /lib64/ld-linux-x86-64.so.2) resolve the same.
  for d in bin sbin lib lib64; do
    if [[ -L "/$d" ]]; then
      mkdir -p "$root/$(readlink -f "/$d")"
      ln -s "$(readlink "/$d")" "$root/$d"
    fi
  done
  mkdir -p "$root"/{usr/bin,usr/sbin,usr/lib,usr/local/bin,etc,tmp,root,work,proc,sys,dev}
  chmod 1777 "$root/tmp"
  chmod 700 "$root/root"
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$root/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$root/etc/group"
  # /bin/sh is dash, as on Debian.
  ln -sf dash "$root/usr/bin/sh"
}

import_rootfs() { # $1 = rootfs, $2 = repo, $3 = hash
  local root="$1" repo="$2" hash="$3"
  tar -C "$root" --numeric-owner -c . \
    | docker import \
        --change 'ENV PATH=/usr/local/bin:/usr/bin:/bin' \
        --change 'WORKDIR /work' \
        --message "runnable-test inputs $hash" \
        - "$repo:$IMAGE_TAG" >/dev/null
  docker tag "$repo:$IMAGE_TAG" "$repo:inputs-$hash"
  # Older inputs-* tags of this repo are dead weight now.
  docker images --format '{{.Repository}}:{{.Tag}}' "$repo" | grep ':inputs-' | grep -v ":inputs-$hash\$" \
    | xargs -r docker rmi >/dev/null 2>&1 || true
}

up_to_date() { # $1 = repo, $2 = hash
  [[ "${RUNNABLE_TEST_IMAGES_FORCE:-0}" != 1 ]] || return 1
  local a b
  a="$(docker image inspect -f '{{.Id}}' "$1:$IMAGE_TAG" 2>/dev/null)" || return 1
  b="$(docker image inspect -f '{{.Id}}' "$1:inputs-$2" 2>/dev/null)" || return 1
  [[ "$a" == "$b" ]]
}

build_no_node() {
  local files hash root start
  start=$(date +%s)
  files="$SHELL_SET"
  hash="$(inputs_hash "$files" "")"
  if up_to_date "$NO_NODE_IMAGE_REPO" "$hash"; then
    say "$NO_NODE_IMAGE_REPO:$IMAGE_TAG up to date (inputs $hash)"
    return
  fi
  root="$CACHE_DIR/rootfs-no-node"
  new_rootfs "$root"
  while read -r f; do add_path "$root" "$f"; done <<<"$files"
  import_rootfs "$root" "$NO_NODE_IMAGE_REPO" "$hash"
  rm -rf "$root"
  say "built $NO_NODE_IMAGE_REPO:$IMAGE_TAG (inputs $hash) in $(( $(date +%s) - start ))s"
}

build_node_python() {
  local files hash root start
  start=$(date +%s)
  files="$NODE_PYTHON_SET"
  hash="$(inputs_hash "$files" "$PY_STDLIB")"
  if up_to_date "$NODE_IMAGE_REPO" "$hash"; then
    say "$NODE_IMAGE_REPO:$IMAGE_TAG up to date (inputs $hash)"
    return
  fi
  root="$CACHE_DIR/rootfs-node-python"
  new_rootfs "$root"
  while read -r f; do add_path "$root" "$f"; done <<<"$files"
  mkdir -p "$root$PY_STDLIB"
  tar -C "$PY_STDLIB" "${PY_EXCLUDES[@]}" -c . | tar -C "$root$PY_STDLIB" -x
  mkdir -p "$root$PY_STDLIB/site-packages"
  # Every directory on the way to the interpreter must be enterable by any user
  # (pyenv lives under /root, which is 0700), since tasks may run as non-root.
  local d="$PY_BIN"
  while d="$(dirname "$d")"; [[ "$d" != / ]]; do chmod a+rx "$root$d"; done
  # Stable names on PATH whatever the host layout was.
  ln -sf "$NODE_BIN" "$root/usr/local/bin/node"
  ln -sf "$PY_BIN" "$root/usr/local/bin/python3"
  ln -sf "$PY_BIN" "$root/usr/local/bin/python"
  import_rootfs "$root" "$NODE_IMAGE_REPO" "$hash"
  rm -rf "$root"
  say "built $NODE_IMAGE_REPO:$IMAGE_TAG (inputs $hash, node $("$NODE_BIN" --version), python $("$PY_BIN" -c 'import platform; print(platform.python_version())')) in $(( $(date +%s) - start ))s"
}

# Smoke test: the image works with no network, as the tests will run it.
verify() {
  local out
  out="$(docker run --rm --network none "$NODE_IMAGE_REPO:$IMAGE_TAG" node -e 'console.log(1+1)')"
  [[ "$out" == 2 ]] || die "node in $NODE_IMAGE_REPO:$IMAGE_TAG printed '$out', expected 2"
  out="$(docker run --rm --network none "$NODE_IMAGE_REPO:$IMAGE_TAG" python3 -c 'import json,pickle,inspect,ssl,sqlite3,ctypes; print(2)')"
  [[ "$out" == 2 ]] || die "python3 in $NODE_IMAGE_REPO:$IMAGE_TAG printed '$out', expected 2"
  out="$(docker run --rm --network none "$NODE_IMAGE_REPO:$IMAGE_TAG" sh -c 'echo hi; env')"
  [[ "${out%%$'\n'*}" == hi && "$out" == *PATH=/usr/local/bin:/usr/bin:/bin* ]] || die "sh in $NODE_IMAGE_REPO:$IMAGE_TAG printed '$out', expected hi"
  out="$(docker run --rm --network none "$NO_NODE_IMAGE_REPO:$IMAGE_TAG" sh -c 'echo hi; command -v node || echo no-node')"
  [[ "$out" == $'hi\nno-node' ]] || die "$NO_NODE_IMAGE_REPO:$IMAGE_TAG printed '$out', expected hi and no-node"
  say "verified: node, python3 and sh run with --network none"
}

mkdir -p "$CACHE_DIR"
t0=$(date +%s)
build_no_node
build_node_python
verify
docker images --format '{{.Repository}}:{{.Tag}} {{.Size}}' | grep '^runnable-test/' | grep -v ':inputs-' | sed 's/^/build-test-images: image /'
say "done in $(( $(date +%s) - t0 ))s"
