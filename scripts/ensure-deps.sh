#!/usr/bin/env bash
# Installs the Debian packages FFIPinSanitizer needs when they are missing.
# Sourced or run by scripts/demo and scripts/test; safe to run repeatedly.
# Usage: scripts/ensure-deps.sh [core|go|python|bench]...   (default: core go)
set -euo pipefail

want_core=(clang-19 llvm-19-dev llvm-19-tools libclang-rt-19-dev lld-19 clang-format-19 cmake ninja-build python3 pkg-config)
# Every Go release ffipin-go supports, so that the suite tests each.
want_go=(golang-1.23-go golang-1.22-go)
want_python=(python3-dev)
want_bench=(valgrind dpkg-dev)

groups=("$@")
[ ${#groups[@]} -gt 0 ] || groups=(core go)

missing=()
need_backports=0
for g in "${groups[@]}"; do
  case "$g" in
    core) pkgs=("${want_core[@]}") ;;
    go) pkgs=("${want_go[@]}"); need_backports=1 ;;
    python) pkgs=("${want_python[@]}") ;;
    bench) pkgs=("${want_bench[@]}") ;;
    *) echo "ensure-deps: unknown package group '$g' (core, go, python, bench)" >&2; exit 2 ;;
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
