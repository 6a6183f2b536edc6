#!/usr/bin/env bash
# Installs the Debian packages Xueji needs to build, run, test or benchmark, and nothing that is
# already there. Called by the Makefile so that a bare Debian bookworm + Swift machine needs no
# hand set-up. Usage: scripts/install-deps.sh [run|test|bench]
set -euo pipefail

purpose=${1:-run}
packages=(pkg-config libmicrohttpd-dev libsqlite3-dev libpq-dev libsodium-dev sqlite3 libxlsxwriter-dev libminizip-dev)
case "$purpose" in
  run) ;;
  test) packages+=(postgresql libreoffice-calc-nogui chromium chromium-driver fonts-noto-cjk) ;;
  bench) packages+=(postgresql wrk libreoffice-calc-nogui) ;;
  *) echo "install-deps: unknown purpose '$purpose' (run, test or bench)" >&2; exit 64 ;;
esac

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "install-deps: installing ${missing[*]}" >&2
sudo=()
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "install-deps: need root or sudo to install ${missing[*]}" >&2; exit 1; }
  sudo=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
