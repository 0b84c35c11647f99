#!/usr/bin/env bash
# Build the release archive of this commit:
#
#   scripts/release.sh            → dist/pprof-leak-<version>-linux-<arch>.tar.gz, dist/SHA256SUMS
#
# The binary is built with the Swift runtime and Foundation linked in (--static-swift-stdlib):
# it needs the C library, libstdc++, zlib and libcurl of the system, and no Swift toolchain.
# `pprof-leak --version` names the version and the commit. The archive holds the stripped
# binary, the man page, the completions, LICENSE, README.md and a SHA256SUMS of those files;
# dist/SHA256SUMS holds the archive's. Reproducible: file times are the commit's, owners 0,
# names sorted, gzip without a name or time (scripts/test-release.sh checks two builds agree).
# Requirements: swift, git, tar, gzip, sha256sum, strip.
set -euo pipefail
cd "$(dirname "$0")/.."

die() { echo "release.sh: $*" >&2; exit 1; }
for tool in swift git tar gzip sha256sum strip; do
	command -v "$tool" >/dev/null 2>&1 || die "$tool not found"
done

version=$(sed -n 's/^  static let version = "\(.*\)"$/\1/p' Sources/pprof-leak/PprofLeak.swift)
[[ -n "$version" ]] || die "no version in Sources/pprof-leak/PprofLeak.swift"
commit=$(git rev-parse HEAD)
# A build of uncommitted changes says so: it is not the commit's.
git diff --quiet HEAD -- Sources Package.swift || commit+="-modified"
epoch=$(git log -1 --format=%ct)
case "$(uname -m)" in
x86_64 | amd64) arch=x86_64 ;;
aarch64 | arm64) arch=aarch64 ;;
*) die "unsupported machine $(uname -m)" ;;
esac
name="pprof-leak-$version-linux-$arch"

# The commit, for --version, in a file only this build compiles (-DPPROF_LEAK_RELEASE).
generated=Sources/pprof-leak/Support/ReleaseCommit.swift
stage="$(mktemp -d "${TMPDIR:-/tmp}/pprof-leak-release.XXXXXX")"
trap 'rm -f "$generated"; rm -rf "$stage"' EXIT
printf '// Written by scripts/release.sh for one build; not committed.\nlet releaseCommit = "%s"\n' \
	"$commit" >"$generated"
echo "release: building $name (commit $commit)"
swift build -c release --static-swift-stdlib -Xswiftc -DPPROF_LEAK_RELEASE --product pprof-leak \
	--build-path .build/release-static >"$stage/build.log" 2>&1 || { cat "$stage/build.log" >&2; die "the build failed"; }
binary=.build/release-static/release/pprof-leak
[[ -x "$binary" ]] || die "the build wrote no $binary"

root="$stage/$name"
mkdir -p "$root/man" "$root/completions"
cp "$binary" "$root/pprof-leak"
strip "$root/pprof-leak"
cp man/pprof-leak.1 "$root/man/"
cp completions/pprof-leak.bash completions/_pprof-leak completions/pprof-leak.fish "$root/completions/"
cp LICENSE README.md "$root/"
(cd "$root" && find . -type f ! -name SHA256SUMS | LC_ALL=C sort | sed 's|^\./||' | xargs sha256sum >SHA256SUMS)
find "$root" -exec touch -h -d "@$epoch" {} +
chmod -R u=rwX,go=rX "$root"
chmod 755 "$root/pprof-leak"

mkdir -p dist
tar --sort=name --mtime="@$epoch" --owner=0 --group=0 --numeric-owner --format=gnu \
	-C "$stage" -cf - "$name" | gzip -n -9 >"dist/$name.tar.gz"
(cd dist && sha256sum "$name.tar.gz" >SHA256SUMS)
echo "release: dist/$name.tar.gz ($(stat -c %s "dist/$name.tar.gz") bytes), binary $(stat -c %s "$root/pprof-leak") bytes"
cat dist/SHA256SUMS
