#!/usr/bin/env bash
# Builds Tablewright's Linux packages with Tauri's bundler (from npm, in
# packaging/): a .deb and an .rpm holding the desktop app, the `tablewright` CLI,
# the icons, a desktop entry with the *.tablewright.json file association and
# its MIME type, shell completions (bash, zsh, fish), the man pages and the
# example models.
#
#   scripts/package.sh                 # release build (LTO: slow on 2 cores), .deb and .rpm
#   scripts/package.sh --debug deb     # the debug binaries, the .deb only: what CI checks
#
# The packages land in TARGET/{release,debug}/bundle/{deb,rpm}/. Standard output
# is the packages' paths alone, one per line; the build's own output goes to
# standard error.
set -euo pipefail
cd "$(dirname "$0")/.."
exec 3>&1 1>&2

profile=release
bundle_flags=()
if [ "${1:-}" = "--debug" ]; then
  profile=debug
  bundle_flags=(--debug)
  shift
fi
bundles="${1:-deb,rpm}"

scripts/desktop-setup.sh app
scripts/npm-ci.sh packaging
if [ "$profile" = debug ]; then
  # The binaries the tests run (tests/support builds them this way): with the
  # workspace's test features unified, so after `cargo test` nothing rebuilds.
  cargo test --workspace --no-run --locked
else
  cargo build --locked --release -p tablewright-desktop
  # The CLI with its own profile: a panic aborts (Cargo.toml says why).
  cargo build --locked --profile release-cli -p tablewright-cli
fi
target_dir="$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')"
bin="$target_dir/$profile"
if [ "$profile" = release ]; then
  cli="$target_dir/release-cli/tablewright"
else
  cli="$bin/tablewright"
fi

# What the CLI generates about itself, staged for the bundler to copy.
stage="$target_dir/$profile/package-stage"
rm -rf "$stage"
mkdir -p "$stage/completions" "$stage/man"
"$cli" completions bash >"$stage/completions/tablewright.bash"
"$cli" completions zsh >"$stage/completions/_tablewright"
"$cli" completions fish >"$stage/completions/tablewright.fish"
"$cli" man "$stage/man"
gzip -9n "$stage/man"/*.1

# The files whose place depends on this build, added to tauri.conf.json's own.
python3 - "$cli" "$stage" >"$stage/tauri.package.json" <<'PY'
import json, sys
cli, stage = sys.argv[1], sys.argv[2]
files = {
    "/usr/bin/tablewright": cli,
    "/usr/share/bash-completion/completions/tablewright": f"{stage}/completions/tablewright.bash",
    "/usr/share/zsh/vendor-completions/_tablewright": f"{stage}/completions/_tablewright",
    "/usr/share/fish/vendor_completions.d/tablewright.fish": f"{stage}/completions/tablewright.fish",
    "/usr/share/man/man1": f"{stage}/man",
}
base = json.load(open("src-tauri/tauri.conf.json"))["bundle"]["linux"]
linux = {kind: {"files": {**base[kind]["files"], **files}} for kind in ("deb", "rpm")}
print(json.dumps({"bundle": {"linux": linux}}))
PY

(cd src-tauri && ../packaging/node_modules/.bin/tauri bundle "${bundle_flags[@]}" --bundles "$bundles" \
  --config "$stage/tauri.package.json")
version="$(python3 -c 'import json; print(json.load(open("src-tauri/tauri.conf.json"))["version"])')"

# Tauri's bundler compresses a .deb's files with gzip; xz takes a quarter to
# two fifths off (the release .deb's size target is 15 MB). The package is
# unpacked as it is and built again, owned by root, with xz: at its strongest
# for a release, at the default level for the much larger debug build CI checks.
if [[ ",$bundles," == *,deb,* ]]; then
  xz_level=(-z9 -Sextreme)
  [ "$profile" = debug ] && xz_level=(-z6)
  for deb in "$bin"/bundle/deb/*"$version"*.deb; do
    unpacked="$(mktemp -d)"
    dpkg-deb -R "$deb" "$unpacked/pkg"
    dpkg-deb --root-owner-group -Zxz "${xz_level[@]}" --build "$unpacked/pkg" "$deb.xz" >/dev/null
    mv "$deb.xz" "$deb"
    rm -rf "$unpacked"
  done
fi

for kind in ${bundles//,/ }; do
  ls "$bin"/bundle/"$kind"/*"$version"*."$kind" >&3
done
