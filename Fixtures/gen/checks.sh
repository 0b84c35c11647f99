# Checks the capture scripts share; source it after defining die(). Each fails the script with
# die and a message naming the file.

# has FILE TEXT: FILE contains the fixed string TEXT.
has() { grep -qF -- "$2" "$1" || die "$1: no \"$2\""; }

# count FILE REGEX: the number of lines of FILE that match REGEX.
count() { grep -cE -- "$2" "$1" || true; }

# expect_count FILE REGEX N
expect_count() {
	local n
	n=$(count "$1" "$2")
	(( n == $3 )) || die "$1: $n lines match '$2', expected $3"
}

# stop_process PID: kill it if it still runs, and reap it (for cleanup traps).
stop_process() {
	if [[ -n "$1" ]] && kill -0 "$1" 2>/dev/null; then
		kill "$1" 2>/dev/null || true
		wait "$1" 2>/dev/null || true
	fi
}
