#!/usr/bin/env bash
# Debian packages Idara needs. `runtime`: what WeasyPrint draws PDFs with (Pango) and fonts
# that draw Arabic and Tifinagh. `test` adds Chromium for the browser tests, Poppler to read
# PDFs back, Redis (the broker, as in production) and Node.js, which runs the OpenID provider of
# the identity tests (its npm packages, pinned by its package-lock.json); `bench` adds wrk.
# Installs what is missing when run as root.
set -euo pipefail
runtime=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-core fonts-dejavu-core)
test=(chromium poppler-utils redis-server)
bench=(wrk)
case "${1:-test}" in
  runtime) packages=("${runtime[@]}") ;;
  test) packages=("${runtime[@]}" "${test[@]}") ;;
  bench) packages=("${runtime[@]}" "${test[@]}" "${bench[@]}") ;;
  *) echo "usage: $0 [runtime|test|bench]" >&2; exit 2 ;;
esac
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${1:-test}" != runtime ] && ! command -v npm >/dev/null; then
  missing+=(nodejs npm)
fi
if ((${#missing[@]})); then
  if [ "$(id -u)" -ne 0 ]; then
    echo "Missing Debian packages: ${missing[*]}. Install them: sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
  echo "Installing Debian packages: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
provider="$(dirname "$0")/../idara/identity/tests/provider"
if [ "${1:-test}" != runtime ] && [ ! -d "$provider/node_modules/oidc-provider" ]; then
  npm ci --prefix "$provider" --no-audit --no-fund --loglevel=error
fi
