#!/usr/bin/env bash
# Makes `apt-get source` work: adds a deb-src entry for the release's main
# component, at the address of the archive apt already uses
# (scripts/apt-archive.sh), when no deb-src entry exists yet. Safe to run
# repeatedly; used by every script that builds a Debian source package.
set -euo pipefail
if grep -rqsE '^(Types:.*deb-src|deb-src )' /etc/apt/sources.list /etc/apt/sources.list.d/; then
  exit 0
fi
SUDO=""
[ "$(id -u)" = 0 ] || SUDO=sudo
archive=$("$(dirname "${BASH_SOURCE[0]}")/apt-archive.sh")
codename=$(. /etc/os-release && echo "$VERSION_CODENAME")
echo "ensure-deb-src: adding deb-src for $codename main ($archive) to apt sources" >&2
printf 'Types: deb-src\nURIs: %s\nSuites: %s\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
  "$archive" "$codename" | $SUDO tee /etc/apt/sources.list.d/ffipin-src.sources >/dev/null
$SUDO apt-get update -qq >&2
