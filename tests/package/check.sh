#!/usr/bin/env bash
# Installs a .deb into a scratch directory tree (dpkg -x: no root, no container)
# and checks what a user relies on from the installed files alone: the CLI runs
# and checks an installed example model, the desktop entry and the MIME type are
# valid and agree on the file association, and the completions and man pages are
# where the shells and man look for them.
#
#   tests/package/check.sh PATH/TO/tablewright_*.deb
set -euo pipefail
deb="$1"
root="$(mktemp -d)"
trap 'rm -rf "$root"' EXIT
dpkg-deb -x "$deb" "$root"
fail() { echo "package check failed: $*" >&2; exit 1; }

ar t "$deb" | grep -qx 'data.tar.xz' || fail "the package's files are not xz-compressed (scripts/package.sh repacks them)"
owners="$(dpkg-deb -c "$deb" | awk '{print $2}' | sort -u)"
[ "$owners" = root/root ] || fail "the package's files are owned by $owners, not root/root"

cli="$root/usr/bin/tablewright"
"$cli" --version | grep -q '^tablewright ' || fail "tablewright --version"
"$cli" check "$root/usr/share/tablewright/models/acme-bank.tablewright.json" | grep -q ok ||
  fail "tablewright check on the installed ACME model"
"$cli" verify "$root/usr/share/tablewright/models/acme-bank.tablewright.json" >/dev/null ||
  fail "tablewright verify on the installed ACME model"
[ -x "$root/usr/bin/tablewright-desktop" ] || fail "no desktop app in /usr/bin"

desktop=("$root"/usr/share/applications/*.desktop)
[ ${#desktop[@]} = 1 ] || fail "expected one desktop entry, found ${#desktop[@]}"
desktop-file-validate "${desktop[0]}" || fail "desktop-file-validate ${desktop[0]}"
grep -qx 'Exec=tablewright-desktop %f' "${desktop[0]}" || fail "the desktop entry does not pass the file it opens"
mime="$(sed -n 's/^MimeType=\(.*\);$/\1/p' "${desktop[0]}")"
xml="$root/usr/share/mime/packages/tablewright.xml"
grep -q "<mime-type type=\"$mime\">" "$xml" || fail "the desktop entry's MIME type $mime is not defined in $xml"
grep -q '<glob pattern="\*.tablewright.json"' "$xml" || fail "$xml does not claim *.tablewright.json"
# The shared MIME database accepts the definition (as update-mime-database
# does on install).
mkdir -p "$root/mime-db/packages"
cp "$xml" "$root/mime-db/packages/"
update-mime-database "$root/mime-db" 2>"$root/mime.log" || { cat "$root/mime.log" >&2; fail "update-mime-database rejected $xml"; }
grep -q 'application/x-tablewright+json:\*\.tablewright\.json' "$root/mime-db/globs2" ||
  fail "the MIME database has no glob for *.tablewright.json"
icon="$(sed -n 's/^Icon=//p' "${desktop[0]}")"
[ -f "$root/usr/share/icons/hicolor/128x128/apps/$icon.png" ] || fail "no 128x128 icon named $icon"

grep -q '_tablewright()' "$root/usr/share/bash-completion/completions/tablewright" || fail "bash completion"
grep -q '#compdef tablewright' "$root/usr/share/zsh/vendor-completions/_tablewright" || fail "zsh completion"
grep -q 'complete -c tablewright' "$root/usr/share/fish/vendor_completions.d/tablewright.fish" || fail "fish completion"
for page in tablewright tablewright-deploy tablewright-prove; do
  zcat "$root/usr/share/man/man1/$page.1.gz" | grep -q '^\.TH' || fail "man page $page(1)"
done
zcat "$root/usr/share/man/man1/tablewright.1.gz" | grep -q 'Exit status' || fail "the man page documents the exit status"
echo "package ok: $(basename "$deb") ($(du -h "$deb" | cut -f1)), installed tree checked"
