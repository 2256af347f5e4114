#!/usr/bin/env bash
# Installs the Debian packages FFIPinSanitizer needs when they are missing.
# Sourced or run by scripts/demo and scripts/test; safe to run repeatedly.
# Usage: scripts/ensure-deps.sh [core|go|python|java|javalibs|bench]...   (default: core go)
set -euo pipefail

want_core=(clang-19 llvm-19-dev llvm-19-tools libclang-rt-19-dev lld-19 clang-format-19 cmake ninja-build python3 python3-psutil pkg-config afl++ strace)
# Every Go release ffipin-go supports, so that the suite tests each.
want_go=(golang-1.23-go golang-1.22-go)
want_python=(python3-dev cython3 python3-setuptools python3-pytest)
want_java=(openjdk-17-jdk-headless)
# Java libraries with JNI code, for bindings/jni/realcode/run.
want_javalibs=(liblz4-java liblz4-jni libsnappy-java libsnappy-jni libzstd-jni-java libzstd-jni1
  libxerial-sqlite-jdbc-java libxerial-sqlite-jdbc-jni)
# golang-github-mattn-go-sqlite3-dev: the cgo workload of test/bench/run (GOPATH
# form under /usr/share/gocode; pulls libsqlite3-dev).
want_bench=(valgrind dpkg-dev golang-github-mattn-go-sqlite3-dev)

groups=("$@")
[ ${#groups[@]} -gt 0 ] || groups=(core go)

missing=()
need_backports=0
for g in "${groups[@]}"; do
  case "$g" in
    core) pkgs=("${want_core[@]}") ;;
    go) pkgs=("${want_go[@]}"); need_backports=1 ;;
    python) pkgs=("${want_python[@]}") ;;
    java) pkgs=("${want_java[@]}") ;;
    javalibs) pkgs=("${want_javalibs[@]}") ;;
    bench) pkgs=("${want_bench[@]}") ;;
    *) echo "ensure-deps: unknown package group '$g' (core, go, python, java, javalibs, bench)" >&2; exit 2 ;;
  esac
  for p in "${pkgs[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
done
[ ${#missing[@]} -gt 0 ] || exit 0

SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive

# golang-1.2x-go live in bookworm-backports, a suite of the Debian archive
# this machine already uses (its address comes from the apt sources).
if [ "$need_backports" = 1 ] && ! grep -rqs 'bookworm-backports' /etc/apt/sources.list /etc/apt/sources.list.d/; then
  archive=$("$(dirname "${BASH_SOURCE[0]}")/apt-archive.sh") || exit 1
  echo "ensure-deps: adding bookworm-backports ($archive) to apt sources" >&2
  printf 'Types: deb\nURIs: %s\nSuites: bookworm-backports\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' "$archive" \
    | $SUDO tee /etc/apt/sources.list.d/ffipin-backports.sources >/dev/null
fi
echo "ensure-deps: installing ${missing[*]}" >&2
$SUDO apt-get update -qq >&2
backports_pkgs=() main_pkgs=()
for p in "${missing[@]}"; do
  case "$p" in golang-*-go) backports_pkgs+=("$p") ;; *) main_pkgs+=("$p") ;; esac
done
[ ${#main_pkgs[@]} -eq 0 ] || $SUDO apt-get install -y -qq --no-install-recommends "${main_pkgs[@]}" >&2
[ ${#backports_pkgs[@]} -eq 0 ] || $SUDO apt-get install -y -qq --no-install-recommends -t bookworm-backports "${backports_pkgs[@]}" >&2
