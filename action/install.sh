#!/usr/bin/env bash
# Step 1 of the GitHub Action (action.yml): install the release binary for the runner's
# architecture, its checksum verified, and put it on the PATH.
#
# Environment: VERSION (e.g. 0.1.0), REPOSITORY (owner/name, where the releases are),
# ARCHIVE (optional: a local path or URL of the archive instead, e.g. a mirror; its SHA256SUMS
# is looked for beside it), RUNNER_TEMP, GITHUB_PATH (as GitHub sets them).
set -euo pipefail

die() { echo "::error title=pprof-leak::$*" >&2; exit 1; }

case "$(uname -m)" in
x86_64 | amd64) arch=x86_64 ;;
aarch64 | arm64) arch=aarch64 ;;
*) die "no pprof-leak release for $(uname -m)" ;;
esac
name="pprof-leak-$VERSION-linux-$arch"
archive="${ARCHIVE:-https://github.com/$REPOSITORY/releases/download/v$VERSION/$name.tar.gz}"
dir="$RUNNER_TEMP/pprof-leak-$VERSION"
mkdir -p "$dir"

fetch() { # fetch SOURCE DEST: a local path or a URL
	case "$1" in
	http://* | https://*) curl -fsSL --retry 3 -o "$2" "$1" || die "cannot download $1" ;;
	*) cp "$1" "$2" || die "no archive at $1" ;;
	esac
}
fetch "$archive" "$dir/$name.tar.gz"
fetch "$(dirname "$archive")/SHA256SUMS" "$dir/SHA256SUMS"
(cd "$dir" && grep " $name.tar.gz\$" SHA256SUMS | sha256sum -c --quiet -) \
	|| die "$name.tar.gz does not match its SHA256SUMS: not installed"
tar -xzf "$dir/$name.tar.gz" -C "$dir"
"$dir/$name/pprof-leak" --version >/dev/null || die "the installed pprof-leak does not run"
echo "$dir/$name" >>"$GITHUB_PATH"
echo "installed $("$dir/$name/pprof-leak" --version) in $dir/$name"
