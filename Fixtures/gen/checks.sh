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
