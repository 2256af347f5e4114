#!/usr/bin/env bash
# Prints the address of the Debian archive this machine's apt already uses
# for its release (the URI of a `deb` source whose suite is the release's
# codename), so that scripts adding a suite (bookworm-backports, deb-src)
# never name a registry themselves. Exits 1 with a message if none is found.
set -euo pipefail
codename=$(. /etc/os-release 2>/dev/null && echo "${VERSION_CODENAME:-}")
[ -n "$codename" ] || { echo "apt-archive: no VERSION_CODENAME in /etc/os-release" >&2; exit 1; }
python3 - "$codename" /etc/apt/sources.list /etc/apt/sources.list.d/* <<'PY'
import sys
codename, paths = sys.argv[1], sys.argv[2:]

def deb822(text):
    for stanza in text.split("\n\n"):
        fields = {}
        for line in stanza.splitlines():
            if line.strip().startswith("#") or ":" not in line:
                continue
            key, value = line.split(":", 1)
            fields[key.strip().lower()] = value.split()
        if "deb" in fields.get("types", []) and codename in fields.get("suites", []):
            yield from fields.get("uris", [])

def one_line(text):
    for line in text.splitlines():
        words = line.split("#", 1)[0].split()
        if len(words) >= 3 and words[0] == "deb":
            words = [w for w in words[1:] if not w.startswith("[")]
            if len(words) >= 2 and words[1] == codename:
                yield words[0]

for path in paths:
    try:
        text = open(path).read()
    except OSError:
        continue
    uris = deb822(text) if path.endswith(".sources") else one_line(text)
    for uri in uris:
        print(uri.rstrip("/"))
        sys.exit(0)
sys.exit(f"apt-archive: no deb source for '{codename}' in {' '.join(paths)}")
PY
