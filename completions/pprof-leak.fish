function __pprof-leak_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __pprof-leak_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __pprof-leak_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __pprof-leak_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __pprof-leak_parse_tokens -S
    set -l unparsed_tokens (__pprof-leak_tokens -pc)
    switch $unparsed_tokens[1]
    case 'pprof-leak'
        __pprof-leak_parse_subcommand 0 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'top'
            __pprof-leak_parse_subcommand 1 'sample-index=' 'nodecount=' 'cum' 'format=' 'min-goroutines=' 'min-blocked=' 'color=' 'max-decompressed-size=' 'source-root=+' 'config=' 'no-config' 'version' 'h/help'
        case 'diff'
            __pprof-leak_parse_subcommand 2 'sample-index=' 'fail-on=' 'min-goroutines=' 'min-blocked=' 'min-heap=' 'min-objects=' 'min-growth=' 'nodecount=' 'traces' 'max-stacks=' 'format=' 'output=' 'ignore-top=+' 'ignore-any=+' 'ignore-created-by=+' 'path-prefix=+' 'baseline=' 'write-baseline=' 'write-profile=' 'write-profile-dir=' 'config=' 'no-config' 'color=' 'max-decompressed-size=' 'source-root=+' 'version' 'h/help'
        case 'trend'
            __pprof-leak_parse_subcommand -r 1 'recursive' 'order=' 'fail-on=' 'min-goroutines=' 'min-blocked=' 'min-heap=' 'memory-limit=' 'format=' 'output=' 'ignore-top=+' 'ignore-any=+' 'ignore-created-by=+' 'path-prefix=+' 'baseline=' 'write-baseline=' 'write-profile=' 'write-profile-dir=' 'config=' 'no-config' 'color=' 'max-decompressed-size=' 'source-root=+' 'version' 'h/help'
        case 'collect'
            __pprof-leak_parse_subcommand 1 'kinds=' 'text' 'timeout=' 'max-response-size=' 'retries=' 'header=+' 'token-env=' 'every=' 'count=' 'out=' 'analyze' 'order=' 'fail-on=' 'min-goroutines=' 'min-blocked=' 'min-heap=' 'memory-limit=' 'format=' 'output=' 'ignore-top=+' 'ignore-any=+' 'ignore-created-by=+' 'path-prefix=+' 'baseline=' 'write-baseline=' 'write-profile=' 'write-profile-dir=' 'config=' 'no-config' 'color=' 'max-decompressed-size=' 'source-root=+' 'version' 'h/help'
        case 'watch'
            __pprof-leak_parse_subcommand 1 'kinds=' 'text' 'timeout=' 'max-response-size=' 'retries=' 'header=+' 'token-env=' 'every=' 'count=' 'out=' 'order=' 'fail-on=' 'min-goroutines=' 'min-blocked=' 'min-heap=' 'memory-limit=' 'format=' 'output=' 'ignore-top=+' 'ignore-any=+' 'ignore-created-by=+' 'path-prefix=+' 'baseline=' 'write-baseline=' 'write-profile=' 'write-profile-dir=' 'config=' 'no-config' 'color=' 'max-decompressed-size=' 'source-root=+' 'version' 'h/help'
        case 'help'
            __pprof-leak_parse_subcommand -r 1 'version'
        end
    end
end

function __pprof-leak_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __pprof-leak_parse_subcommand -S -a positional_count
    argparse -s r -- $argv
    set -l option_specs $argv[2..]
    set -l is_repeating_positional $_flag_r
    set -el _flag_r
    set -a commands $unparsed_tokens[1]
    set positional_index 0
    while true
        set -e unparsed_tokens[1]
        argparse -sn "$commands" $option_specs -- $unparsed_tokens 2> /dev/null
        set unparsed_tokens $argv
        set positional_index (math $positional_index + 1)
        for non_repeating_flag_or_option in $non_repeating_flags_or_options
            if set -ql "_flag_$(string replace -a - _ -- $non_repeating_flag_or_option)"
                set non_repeating_flags_or_options_absent 1
                break
            end
        end
        test (count $unparsed_tokens) -eq 0 -o \( -z "$is_repeating_positional" -a "$positional_index" -gt "$positional_count" \) && break
    end
end

function __pprof-leak_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __pprof-leak_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__pprof-leak_tokens -p)
    if test -z "$(__pprof-leak_tokens -t)"
        set -l index (count (__pprof-leak_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'pprof-leak' -f
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak" version' -l 'version' -d 'Show the version.'
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_positional "pprof-leak" -eq 1' -fa 'top' -d 'List the functions holding the most of one sample type (like go tool pprof -top).'
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_positional "pprof-leak" -eq 1' -fa 'diff' -d 'Compare two snapshots: what grew, which leak pattern it is, and the line to fix.'
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_positional "pprof-leak" -eq 1' -fa 'trend' -d 'Follow many snapshots over time and rank stacks by steady growth.'
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_positional "pprof-leak" -eq 1' -fa 'collect' -d 'Take snapshots of a running Go service\'s /debug/pprof/ over time.'
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_positional "pprof-leak" -eq 1' -fa 'watch' -d 'Watch a running Go service: snapshots every interval, the ranked findings redrawn.'
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_positional "pprof-leak" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak top" sample-index' -l 'sample-index' -d 'The sample type to show, by name (inuse_space, alloc_objects, …) or index. Default: the profile\'s default type, else its last (inuse_space for heap profiles).' -rfka ''
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak top" nodecount' -l 'nodecount' -d 'Show at most this many functions (0: all).' -rfka ''
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak top" cum' -l 'cum' -d 'Sort by cumulative value instead of flat.'
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak top" format' -l 'format' -d 'Output format: text (pprof\'s layout) or json.' -rfka 'text json'
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak top" min-goroutines' -l 'min-goroutines' -d 'Goroutines a stack group must gain (or, in a traceback, have blocked) to be rated a leak (default 10).' -rfka ''
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak top" min-blocked' -l 'min-blocked' -d 'How long a goroutine traceback must show goroutines blocked for that alone to rate them (e.g. 15m, 2h; default 10m).' -rfka ''
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak top" color' -l 'color' -d 'Colour the report: auto (only on a terminal, never with NO_COLOR), always or never.' -rfka 'auto always never'
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak top" max-decompressed-size' -l 'max-decompressed-size' -d 'The most bytes one profile may read or decompress to, and the memory the cores share to read and inflate files (e.g. 512M, 2G; default 1G).' -rfka ''
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak top"' -l 'source-root' -d 'A checkout of the profiled program\'s source, searched by path suffix for the files profiles name (repeatable; the recorded path and the current directory are tried too). Lets debug=1 dumps, which hide what goroutines wait on, be classified from the source line.' -rfka ''
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak top" config' -l 'config' -d 'Read options from this file instead of the .pprof-leak.yaml found from the working directory upwards.' -rfka ''
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak top" no-config' -l 'no-config' -d 'Read no .pprof-leak.yaml.'
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak top" version' -l 'version' -d 'Show the version.'
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak top" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak diff" sample-index' -l 'sample-index' -d 'The sample type to compare (default as pprof: inuse_space for heap profiles).' -rfka ''
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak diff" fail-on' -l 'fail-on' -d 'Exit 1 when a finding is at least this severe: leak, suspect, info or never (default leak).' -rfka 'leak suspect info never'
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak diff" min-goroutines' -l 'min-goroutines' -d 'Goroutines a stack group must gain (or, in a traceback, have blocked) to be rated a leak (default 10).' -rfka ''
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak diff" min-blocked' -l 'min-blocked' -d 'How long a goroutine traceback must show goroutines blocked for that alone to rate them (e.g. 15m, 2h; default 10m).' -rfka ''
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak diff" min-heap' -l 'min-heap' -d 'inuse_space a stack group must gain (e.g. 512K; default 1M).' -rfka ''
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak diff" min-objects' -l 'min-objects' -d 'inuse_objects a stack group must gain (default 1000).' -rfka ''
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak diff" min-growth' -l 'min-growth' -d 'The gain must also be at least this share of the group\'s new value (e.g. 10%, 0.1; default 10%).' -rfka ''
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak diff" nodecount' -l 'nodecount' -d 'Rows of the pprof-style table (0: all).' -rfka ''
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak diff" traces' -l 'traces' -d 'Also list the changed stacks with their values (like pprof\'s -traces on a diff).'
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak diff" max-stacks' -l 'max-stacks' -d 'Changed stacks listed by --traces and in JSON output, largest change first (0: all).' -rfka ''
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak diff" format' -l 'format' -d 'Output format: text, json, sarif (code scanning), junit (test reports), markdown (step summaries, merge-request comments), github (workflow annotations) or html (a page with charts and a diff flame graph, for --output FILE.html).' -rfka 'text json sarif junit markdown github html'
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak diff" output' -l 'output' -d 'Write the --format output to FILE (atomically: whole or not at all) and the text report to standard output.' -rfka ''
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak diff"' -l 'ignore-top' -d 'Suppress findings whose top user function (without one: the top function outside the runtime) matches this regular expression, whole (repeatable).' -rfka ''
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak diff"' -l 'ignore-any' -d 'Suppress findings with any function on their stack matching (repeatable).' -rfka ''
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak diff"' -l 'ignore-created-by' -d 'Suppress goroutines whose \'created by\' function matches; needs a debug=2 traceback (repeatable).' -rfka ''
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak diff"' -l 'path-prefix' -d 'Map a recorded path prefix to one in the repository for the CI formats (e.g. /home/runner/work/app/app/=; repeatable).' -rfka ''
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak diff" baseline' -l 'baseline' -d 'A previous --format json report: its findings (same pattern, function and file) are shown but do not fail the run.' -rfka ''
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak diff" write-baseline' -l 'write-baseline' -d 'Also write this run\'s JSON report to FILE, to give to --baseline next time.' -rfka ''
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak diff" write-profile' -l 'write-profile' -d 'Also write the growth (NEW - BASE, or last - first snapshot) as a gzip profile.proto for go tool pprof, Pyroscope or speedscope (trend with several kinds: FILE gets the kind, e.g. growth.heap.pb.gz).' -rfka ''
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak diff" write-profile-dir' -l 'write-profile-dir' -d 'Also write one growth profile per finding into DIR (created when missing).' -rfka ''
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak diff" config' -l 'config' -d 'Read options from this file instead of the .pprof-leak.yaml found from the working directory upwards.' -rfka ''
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak diff" no-config' -l 'no-config' -d 'Read no .pprof-leak.yaml.'
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak diff" color' -l 'color' -d 'Colour the report: auto (only on a terminal, never with NO_COLOR), always or never.' -rfka 'auto always never'
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak diff" max-decompressed-size' -l 'max-decompressed-size' -d 'The most bytes one profile may read or decompress to, and the memory the cores share to read and inflate files (e.g. 512M, 2G; default 1G).' -rfka ''
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak diff"' -l 'source-root' -d 'A checkout of the profiled program\'s source, searched by path suffix for the files profiles name (repeatable; the recorded path and the current directory are tried too). Lets debug=1 dumps, which hide what goroutines wait on, be classified from the source line.' -rfka ''
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak diff" version' -l 'version' -d 'Show the version.'
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak diff" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak trend" recursive' -l 'recursive' -d 'Also read the subdirectories of directories.'
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak trend" order' -l 'order' -d 'Order snapshots by: time (the profiles\' own time_nanos), name (natural order) or mtime.' -rfka 'time name mtime'
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak trend" fail-on' -l 'fail-on' -d 'Exit 1 when a finding is at least this severe: leak, suspect, info or never (default leak).' -rfka 'leak suspect info never'
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak trend" min-goroutines' -l 'min-goroutines' -d 'Goroutines a stack group must gain (or, in a traceback, have blocked) to be rated a leak (default 10).' -rfka ''
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak trend" min-blocked' -l 'min-blocked' -d 'How long a goroutine traceback must show goroutines blocked for that alone to rate them (e.g. 15m, 2h; default 10m).' -rfka ''
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak trend" min-heap' -l 'min-heap' -d 'inuse_space a stack group must gain (e.g. 512K; default 1M).' -rfka ''
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak trend" memory-limit' -l 'memory-limit' -d 'Estimate when the in-use heap reaches this size at its current slope (e.g. 2G).' -rfka ''
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak trend" format' -l 'format' -d 'Output format: text, json, sarif (code scanning), junit (test reports), markdown (step summaries, merge-request comments), github (workflow annotations) or html (a page with charts and a diff flame graph, for --output FILE.html).' -rfka 'text json sarif junit markdown github html'
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak trend" output' -l 'output' -d 'Write the --format output to FILE (atomically: whole or not at all) and the text report to standard output.' -rfka ''
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak trend"' -l 'ignore-top' -d 'Suppress findings whose top user function (without one: the top function outside the runtime) matches this regular expression, whole (repeatable).' -rfka ''
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak trend"' -l 'ignore-any' -d 'Suppress findings with any function on their stack matching (repeatable).' -rfka ''
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak trend"' -l 'ignore-created-by' -d 'Suppress goroutines whose \'created by\' function matches; needs a debug=2 traceback (repeatable).' -rfka ''
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak trend"' -l 'path-prefix' -d 'Map a recorded path prefix to one in the repository for the CI formats (e.g. /home/runner/work/app/app/=; repeatable).' -rfka ''
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak trend" baseline' -l 'baseline' -d 'A previous --format json report: its findings (same pattern, function and file) are shown but do not fail the run.' -rfka ''
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak trend" write-baseline' -l 'write-baseline' -d 'Also write this run\'s JSON report to FILE, to give to --baseline next time.' -rfka ''
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak trend" write-profile' -l 'write-profile' -d 'Also write the growth (NEW - BASE, or last - first snapshot) as a gzip profile.proto for go tool pprof, Pyroscope or speedscope (trend with several kinds: FILE gets the kind, e.g. growth.heap.pb.gz).' -rfka ''
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak trend" write-profile-dir' -l 'write-profile-dir' -d 'Also write one growth profile per finding into DIR (created when missing).' -rfka ''
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak trend" config' -l 'config' -d 'Read options from this file instead of the .pprof-leak.yaml found from the working directory upwards.' -rfka ''
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak trend" no-config' -l 'no-config' -d 'Read no .pprof-leak.yaml.'
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak trend" color' -l 'color' -d 'Colour the report: auto (only on a terminal, never with NO_COLOR), always or never.' -rfka 'auto always never'
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak trend" max-decompressed-size' -l 'max-decompressed-size' -d 'The most bytes one profile may read or decompress to, and the memory the cores share to read and inflate files (e.g. 512M, 2G; default 1G).' -rfka ''
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak trend"' -l 'source-root' -d 'A checkout of the profiled program\'s source, searched by path suffix for the files profiles name (repeatable; the recorded path and the current directory are tried too). Lets debug=1 dumps, which hide what goroutines wait on, be classified from the source line.' -rfka ''
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak trend" version' -l 'version' -d 'Show the version.'
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak trend" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak collect" kinds' -l 'kinds' -d 'Profiles to fetch each round, comma-separated: heap, goroutine, goroutineleak (default heap,goroutine, and goroutineleak where the service\'s pprof index lists it: Go 1.26+; each goroutineleak request runs a GC cycle).' -rfka ''
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak collect" text' -l 'text' -d 'Also fetch every goroutine\'s stack each round (goroutineleak?debug=2 where served, else goroutine?debug=2): wait reasons, minutes blocked, creators, the runtime\'s proof.'
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak collect" timeout' -l 'timeout' -d 'How long a request may take, connection to last byte, redirects included (default 30s).' -rfka ''
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak collect" max-response-size' -l 'max-response-size' -d 'The largest response body accepted, also once inflated from a gzip Content-Encoding (default 512M).' -rfka ''
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak collect" retries' -l 'retries' -d 'Times a failed request is retried within its round, with backoff (default 2).' -rfka ''
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak collect"' -l 'header' -d 'An HTTP header sent with every request, \'Name: value\' (repeatable; Authorization only when the --token-env variable is unset).' -rfka ''
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak collect" token-env' -l 'token-env' -d 'The environment variable holding a bearer token (sent as Authorization: Bearer; never give a token on the command line, where ps shows it).' -rfka ''
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak collect" every' -l 'every' -d 'Time from one round\'s start to the next (default 30s).' -rfka ''
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak collect" count' -l 'count' -d 'Rounds to take (default 10).' -rfka ''
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak collect" out' -l 'out' -d 'Directory for the snapshots, created when missing (default snapshots-<time> in the working directory).' -rfka ''
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak collect" analyze' -l 'analyze' -d 'At the end, run trend on the snapshots taken and exit with its status.'
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak collect" order' -l 'order' -d 'Order snapshots by: time (the profiles\' own time_nanos), name (natural order) or mtime.' -rfka 'time name mtime'
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak collect" fail-on' -l 'fail-on' -d 'Exit 1 when a finding is at least this severe: leak, suspect, info or never (default leak).' -rfka 'leak suspect info never'
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak collect" min-goroutines' -l 'min-goroutines' -d 'Goroutines a stack group must gain (or, in a traceback, have blocked) to be rated a leak (default 10).' -rfka ''
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak collect" min-blocked' -l 'min-blocked' -d 'How long a goroutine traceback must show goroutines blocked for that alone to rate them (e.g. 15m, 2h; default 10m).' -rfka ''
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak collect" min-heap' -l 'min-heap' -d 'inuse_space a stack group must gain (e.g. 512K; default 1M).' -rfka ''
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak collect" memory-limit' -l 'memory-limit' -d 'Estimate when the in-use heap reaches this size at its current slope (e.g. 2G).' -rfka ''
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak collect" format' -l 'format' -d 'Output format: text, json, sarif (code scanning), junit (test reports), markdown (step summaries, merge-request comments), github (workflow annotations) or html (a page with charts and a diff flame graph, for --output FILE.html).' -rfka 'text json sarif junit markdown github html'
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak collect" output' -l 'output' -d 'Write the --format output to FILE (atomically: whole or not at all) and the text report to standard output.' -rfka ''
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak collect"' -l 'ignore-top' -d 'Suppress findings whose top user function (without one: the top function outside the runtime) matches this regular expression, whole (repeatable).' -rfka ''
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak collect"' -l 'ignore-any' -d 'Suppress findings with any function on their stack matching (repeatable).' -rfka ''
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak collect"' -l 'ignore-created-by' -d 'Suppress goroutines whose \'created by\' function matches; needs a debug=2 traceback (repeatable).' -rfka ''
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak collect"' -l 'path-prefix' -d 'Map a recorded path prefix to one in the repository for the CI formats (e.g. /home/runner/work/app/app/=; repeatable).' -rfka ''
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak collect" baseline' -l 'baseline' -d 'A previous --format json report: its findings (same pattern, function and file) are shown but do not fail the run.' -rfka ''
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak collect" write-baseline' -l 'write-baseline' -d 'Also write this run\'s JSON report to FILE, to give to --baseline next time.' -rfka ''
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak collect" write-profile' -l 'write-profile' -d 'Also write the growth (NEW - BASE, or last - first snapshot) as a gzip profile.proto for go tool pprof, Pyroscope or speedscope (trend with several kinds: FILE gets the kind, e.g. growth.heap.pb.gz).' -rfka ''
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak collect" write-profile-dir' -l 'write-profile-dir' -d 'Also write one growth profile per finding into DIR (created when missing).' -rfka ''
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak collect" config' -l 'config' -d 'Read options from this file instead of the .pprof-leak.yaml found from the working directory upwards.' -rfka ''
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak collect" no-config' -l 'no-config' -d 'Read no .pprof-leak.yaml.'
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak collect" color' -l 'color' -d 'Colour the report: auto (only on a terminal, never with NO_COLOR), always or never.' -rfka 'auto always never'
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak collect" max-decompressed-size' -l 'max-decompressed-size' -d 'The most bytes one profile may read or decompress to, and the memory the cores share to read and inflate files (e.g. 512M, 2G; default 1G).' -rfka ''
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak collect"' -l 'source-root' -d 'A checkout of the profiled program\'s source, searched by path suffix for the files profiles name (repeatable; the recorded path and the current directory are tried too). Lets debug=1 dumps, which hide what goroutines wait on, be classified from the source line.' -rfka ''
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak collect" version' -l 'version' -d 'Show the version.'
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak collect" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak watch" kinds' -l 'kinds' -d 'Profiles to fetch each round, comma-separated: heap, goroutine, goroutineleak (default heap,goroutine, and goroutineleak where the service\'s pprof index lists it: Go 1.26+; each goroutineleak request runs a GC cycle).' -rfka ''
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak watch" text' -l 'text' -d 'Also fetch every goroutine\'s stack each round (goroutineleak?debug=2 where served, else goroutine?debug=2): wait reasons, minutes blocked, creators, the runtime\'s proof.'
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak watch" timeout' -l 'timeout' -d 'How long a request may take, connection to last byte, redirects included (default 30s).' -rfka ''
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak watch" max-response-size' -l 'max-response-size' -d 'The largest response body accepted, also once inflated from a gzip Content-Encoding (default 512M).' -rfka ''
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak watch" retries' -l 'retries' -d 'Times a failed request is retried within its round, with backoff (default 2).' -rfka ''
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak watch"' -l 'header' -d 'An HTTP header sent with every request, \'Name: value\' (repeatable; Authorization only when the --token-env variable is unset).' -rfka ''
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak watch" token-env' -l 'token-env' -d 'The environment variable holding a bearer token (sent as Authorization: Bearer; never give a token on the command line, where ps shows it).' -rfka ''
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak watch" every' -l 'every' -d 'Time from one round\'s start to the next (default 10s).' -rfka ''
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak watch" count' -l 'count' -d 'Stop after this many rounds (default: until Ctrl-C).' -rfka ''
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak watch" out' -l 'out' -d 'Directory for the snapshots (default: a new temporary directory).' -rfka ''
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak watch" order' -l 'order' -d 'Order snapshots by: time (the profiles\' own time_nanos), name (natural order) or mtime.' -rfka 'time name mtime'
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak watch" fail-on' -l 'fail-on' -d 'Exit 1 when a finding is at least this severe: leak, suspect, info or never (default leak).' -rfka 'leak suspect info never'
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak watch" min-goroutines' -l 'min-goroutines' -d 'Goroutines a stack group must gain (or, in a traceback, have blocked) to be rated a leak (default 10).' -rfka ''
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak watch" min-blocked' -l 'min-blocked' -d 'How long a goroutine traceback must show goroutines blocked for that alone to rate them (e.g. 15m, 2h; default 10m).' -rfka ''
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak watch" min-heap' -l 'min-heap' -d 'inuse_space a stack group must gain (e.g. 512K; default 1M).' -rfka ''
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak watch" memory-limit' -l 'memory-limit' -d 'Estimate when the in-use heap reaches this size at its current slope (e.g. 2G).' -rfka ''
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak watch" format' -l 'format' -d 'Output format: text, json, sarif (code scanning), junit (test reports), markdown (step summaries, merge-request comments), github (workflow annotations) or html (a page with charts and a diff flame graph, for --output FILE.html).' -rfka 'text json sarif junit markdown github html'
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak watch" output' -l 'output' -d 'Write the --format output to FILE (atomically: whole or not at all) and the text report to standard output.' -rfka ''
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak watch"' -l 'ignore-top' -d 'Suppress findings whose top user function (without one: the top function outside the runtime) matches this regular expression, whole (repeatable).' -rfka ''
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak watch"' -l 'ignore-any' -d 'Suppress findings with any function on their stack matching (repeatable).' -rfka ''
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak watch"' -l 'ignore-created-by' -d 'Suppress goroutines whose \'created by\' function matches; needs a debug=2 traceback (repeatable).' -rfka ''
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak watch"' -l 'path-prefix' -d 'Map a recorded path prefix to one in the repository for the CI formats (e.g. /home/runner/work/app/app/=; repeatable).' -rfka ''
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak watch" baseline' -l 'baseline' -d 'A previous --format json report: its findings (same pattern, function and file) are shown but do not fail the run.' -rfka ''
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak watch" write-baseline' -l 'write-baseline' -d 'Also write this run\'s JSON report to FILE, to give to --baseline next time.' -rfka ''
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak watch" write-profile' -l 'write-profile' -d 'Also write the growth (NEW - BASE, or last - first snapshot) as a gzip profile.proto for go tool pprof, Pyroscope or speedscope (trend with several kinds: FILE gets the kind, e.g. growth.heap.pb.gz).' -rfka ''
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak watch" write-profile-dir' -l 'write-profile-dir' -d 'Also write one growth profile per finding into DIR (created when missing).' -rfka ''
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak watch" config' -l 'config' -d 'Read options from this file instead of the .pprof-leak.yaml found from the working directory upwards.' -rfka ''
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak watch" no-config' -l 'no-config' -d 'Read no .pprof-leak.yaml.'
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak watch" color' -l 'color' -d 'Colour the report: auto (only on a terminal, never with NO_COLOR), always or never.' -rfka 'auto always never'
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak watch" max-decompressed-size' -l 'max-decompressed-size' -d 'The most bytes one profile may read or decompress to, and the memory the cores share to read and inflate files (e.g. 512M, 2G; default 1G).' -rfka ''
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak watch"' -l 'source-root' -d 'A checkout of the profiled program\'s source, searched by path suffix for the files profiles name (repeatable; the recorded path and the current directory are tried too). Lets debug=1 dumps, which hide what goroutines wait on, be classified from the source line.' -rfka ''
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak watch" version' -l 'version' -d 'Show the version.'
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak watch" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'pprof-leak' -n '__pprof-leak_should_offer_completions_for_flags_or_options "pprof-leak help" version' -l 'version' -d 'Show the version.'
