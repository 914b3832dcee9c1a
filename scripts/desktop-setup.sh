#!/usr/bin/env bash
# What the desktop app needs on a fresh Debian machine, installed only when missing:
#
#   scripts/desktop-setup.sh app     # GTK/WebKitGTK libraries to build it, the UI built
#                                    # into ui/dist (npm ci; npm run build), and an X
#                                    # server (Xvfb) for machines without a display
#   scripts/desktop-setup.sh headless # that, and xdotool and imagemagick to see the
#                                    # window on a virtual display (a screenshot)
#   scripts/desktop-setup.sh test    # all that, and what drives the real window in tests:
#                                    # WebKitWebDriver, tauri-driver; jq for the code tests;
#                                    # desktop-file-utils and shared-mime-info to check the .deb
set -euo pipefail
cd "$(dirname "$0")/.."

mode="${1:-app}"

# Debian packages: Tauri's build libraries (WebKitGTK 4.1, GTK 3, librsvg, libxdo,
# OpenSSL), Xvfb and dbus-run-session to run the window without a desktop.
packages=(pkg-config libwebkit2gtk-4.1-dev libgtk-3-dev librsvg2-dev libxdo-dev libssl-dev xvfb xauth dbus)
case "$mode" in
  app) ;;
  headless) packages+=(xdotool imagemagick) ;;
  test) packages+=(xdotool imagemagick webkit2gtk-driver jq desktop-file-utils shared-mime-info) ;;
  *) echo "usage: $0 app | headless | test" >&2; exit 2 ;;
esac
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The UI the app's binary embeds (tauri.conf.json: frontendDist ../ui/dist),
# built again only when its sources changed: a rebuild rewrites ui/dist, and
# the app's binary is then relinked around it.
scripts/npm-ci.sh ui
stamp=ui/node_modules/.tablewright-dist.sha256
sources="$(find ui/src ui/index.html ui/package-lock.json ui/vite.config.ts ui/tsconfig.json \
  -type f | LC_ALL=C sort | xargs sha256sum | sha256sum | cut -d' ' -f1)"
if [ ! -f ui/dist/index.html ] || [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$sources" ]; then
  npm run --prefix ui build --silent
  echo "$sources" >"$stamp"
fi

if [ "$mode" = test ]; then
  # tauri-driver bridges WebDriver clients to WebKitWebDriver and the app.
  version="2.1.0"
  if ! .tools/cargo/bin/tauri-driver --help 2>/dev/null | grep -q .; then
    cargo install --quiet --locked tauri-driver --version "$version" --root .tools/cargo
  fi
fi
