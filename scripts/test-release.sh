#!/usr/bin/env bash
# Tests the release archive scripts/release.sh wrote (run by .ci/run after it):
# - its files match the SHA256SUMS inside it, and dist/SHA256SUMS matches the archive;
# - the binary loads no Swift runtime or Foundation library (ldd), and --version names the commit;
# - every `$ pprof-leak …` example of the README whose files are here runs under `env -i`
#   (no PATH, no LD_LIBRARY_PATH: no Swift toolchain) with status 0 or 1 and a report;
# - the GitHub Action's steps (action/install.sh, action/run.sh) install it from the archive,
#   refuse a tampered one, and gate a leaky and a clean fixture directory, with every report.
#
#   scripts/test-release.sh
set -euo pipefail
cd "$(dirname "$0")/.."

die() { echo "test-release: $*" >&2; exit 1; }
version=$(sed -n 's/^  static let version = "\(.*\)"$/\1/p' Sources/pprof-leak/PprofLeak.swift)
case "$(uname -m)" in x86_64 | amd64) arch=x86_64 ;; *) arch=aarch64 ;; esac
name="pprof-leak-$version-linux-$arch"
archive="dist/$name.tar.gz"
[[ -s "$archive" && -s dist/SHA256SUMS ]] || die "no $archive: run scripts/release.sh first"
tmp="$(mktemp -d "${TMPDIR:-/tmp}/pprof-leak-test-release.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT

(cd dist && sha256sum -c --quiet SHA256SUMS) || die "dist/SHA256SUMS does not match $archive"
tar -xzf "$archive" -C "$tmp"
(cd "$tmp/$name" && sha256sum -c --quiet SHA256SUMS) || die "the archive's files do not match its SHA256SUMS"
for file in pprof-leak man/pprof-leak.1 completions/pprof-leak.bash completions/_pprof-leak \
	completions/pprof-leak.fish LICENSE README.md; do
	[[ -s "$tmp/$name/$file" ]] || die "the archive has no $file"
done
bin="$tmp/$name/pprof-leak"

# No Swift runtime, no Foundation: only the system's C, C++, zlib and curl libraries.
libraries=$(ldd "$bin")
if grep -qE 'libswift|libFoundation|libdispatch|libBlocksRuntime|lib_Foundation|not found' <<<"$libraries"; then
	echo "$libraries" >&2
	die "the binary needs Swift's libraries"
fi
[[ "$(env -i "$bin" --version)" == "$version (commit $(git rev-parse HEAD)"* ]] \
	|| die "--version says '$(env -i "$bin" --version)', not the version and this commit"

# The README's examples, with no environment at all.
ran=0
while IFS= read -r line; do
	read -r -a words <<<"${line#\$ pprof-leak }"
	missing=0
	for word in "${words[@]}"; do
		[[ "$word" == Fixtures/* && ! -e "$word" ]] && missing=1
		[[ "$word" == *.pb.gz && "$word" != Fixtures/* ]] && missing=1
		[[ "$word" == http* || "$word" == --baseline ]] && missing=1
	done
	(( missing == 0 )) || continue
	status=0
	env -i "$bin" "${words[@]}" >"$tmp/out" 2>"$tmp/err" || status=$?
	(( status <= 1 )) || { cat "$tmp/err" >&2; die "'$line' under env -i: exit $status"; }
	[[ -s "$tmp/out" ]] || die "'$line' under env -i printed nothing"
	ran=$((ran + 1))
done < <(grep -E '^\$ pprof-leak ' README.md)
(( ran >= 5 )) || die "only $ran README examples ran"

# The Action's steps, as the runner runs them.
export RUNNER_TEMP="$tmp/runner" GITHUB_PATH="$tmp/github-path" GITHUB_STEP_SUMMARY="$tmp/summary.md"
mkdir -p "$RUNNER_TEMP"
: >"$GITHUB_PATH"
VERSION="$version" REPOSITORY=example/pprof-leak ARCHIVE="$PWD/$archive" action/install.sh >"$tmp/install.log" \
	|| { cat "$tmp/install.log" >&2; die "action/install.sh failed"; }
installed="$(cat "$GITHUB_PATH")"
[[ -x "$installed/pprof-leak" ]] || die "action/install.sh put no pprof-leak on the PATH"
cp "$archive" "$tmp/tampered.tar.gz"
printf 'x' >>"$tmp/tampered.tar.gz"
cp dist/SHA256SUMS "$tmp/SHA256SUMS"
sed -i "s/$name.tar.gz/tampered.tar.gz/" "$tmp/SHA256SUMS"
if VERSION="$version" REPOSITORY=example/pprof-leak ARCHIVE="$tmp/tampered.tar.gz" RUNNER_TEMP="$tmp/runner2" \
	action/install.sh >"$tmp/tampered.log" 2>&1; then
	die "action/install.sh installed an archive whose checksum does not match"
fi
grep -q "does not match its SHA256SUMS" "$tmp/tampered.log" || die "no checksum message: $(cat "$tmp/tampered.log")"

run_action() { # run_action PATHS: action/run.sh's status, with every report
	PATH="$installed:/usr/bin:/bin" PATHS="$1" FAIL_ON=leak BASELINE= REPORTS="summary,annotations,sarif,junit" \
		SARIF_FILE="$tmp/report.sarif" JUNIT_FILE="$tmp/report.xml" ARGS="--no-config" \
		action/run.sh >"$tmp/action.log" 2>&1
}
status=0
run_action Fixtures/profiles/leaky || status=$?
(( status == 1 )) || { cat "$tmp/action.log" >&2; die "the action passed a leaky series (exit $status)"; }
grep -q '^### pprof-leak trend: 1 leak' "$GITHUB_STEP_SUMMARY" || die "no job summary"
grep -q '^::error file=Fixtures/gen/leaky/main.go,line=46' "$tmp/action.log" || die "no annotation on the leak's line"
python3 -c 'import json, sys; json.load(open(sys.argv[1]))' "$tmp/report.sarif" || die "the SARIF report is not JSON"
python3 -c 'import sys, xml.etree.ElementTree as ET; ET.parse(sys.argv[1])' "$tmp/report.xml" || die "the JUnit report is not XML"
status=0
run_action Fixtures/trend/steady-pool || status=$?
(( status == 0 )) || { cat "$tmp/action.log" >&2; die "the action failed a clean series (exit $status)"; }

# A report name the action does not know is a warning in the log, not a failure.
status=0
PATH="$installed:/usr/bin:/bin" PATHS=Fixtures/trend/steady-pool FAIL_ON=leak BASELINE= REPORTS="summary, flamegraph" \
	SARIF_FILE="$tmp/report.sarif" JUNIT_FILE="$tmp/report.xml" ARGS="--no-config" \
	action/run.sh >"$tmp/unknown.log" 2>&1 || status=$?
(( status == 0 )) || { cat "$tmp/unknown.log" >&2; die "an unknown report failed the step (exit $status)"; }
grep -q "^::warning title=pprof-leak::unknown report 'flamegraph' (summary, annotations, sarif, junit)$" "$tmp/unknown.log" ||
	die "no warning for an unknown report: $(cat "$tmp/unknown.log")"

echo "test-release: $archive: $(stat -c %s "$archive") bytes, binary $(stat -c %s "$bin") bytes;" \
	"$ran README examples under env -i; action steps pass"
