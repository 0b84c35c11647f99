#!/bin/bash

__pprof-leak_cursor_index_in_current_word() {
    local remaining="${COMP_LINE}"

    local word
    for word in "${COMP_WORDS[@]::COMP_CWORD}"; do
        remaining="${remaining##*([[:space:]])"${word}"*([[:space:]])}"
    done

    local -ir index="$((COMP_POINT - ${#COMP_LINE} + ${#remaining}))"
    if [[ "${index}" -le 0 ]]; then
        printf 0
    else
        printf %s "${index}"
    fi
}

# positional arguments:
#
# - 1: the current (sub)command's count of positional arguments
#
# required variables:
#
# - repeating_flags: the repeating flags that the current (sub)command can accept
# - non_repeating_flags: the non-repeating flags that the current (sub)command can accept
# - repeating_options: the repeating options that the current (sub)command can accept
# - non_repeating_options: the non-repeating options that the current (sub)command can accept
# - positional_number: value ignored
# - unparsed_words: unparsed words from the current command line
#
# modified variables:
#
# - non_repeating_flags: remove flags for this (sub)command that are already on the command line
# - non_repeating_options: remove options for this (sub)command that are already on the command line
# - positional_number: set to the current positional number
# - unparsed_words: remove all flags, options, and option values for this (sub)command
__pprof-leak_offer_flags_options() {
    local -ir positional_count="${1}"
    positional_number=0

    local was_flag_option_terminator_seen=false
    local is_parsing_option_value=false

    local -ar unparsed_word_indices=("${!unparsed_words[@]}")
    local -i word_index
    for word_index in "${unparsed_word_indices[@]}"; do
        if "${is_parsing_option_value}"; then
            # This word is an option value:
            # Reset marker for next word iff not currently the last word
            [[ "${word_index}" -ne "${unparsed_word_indices[${#unparsed_word_indices[@]} - 1]}" ]] && is_parsing_option_value=false
            unset "unparsed_words[${word_index}]"
            # Do not process this word as a flag or an option
            continue
        fi

        local word="${unparsed_words["${word_index}"]}"
        if ! "${was_flag_option_terminator_seen}"; then
            case "${word}" in
            --)
                unset "unparsed_words[${word_index}]"
                # by itself -- is a flag/option terminator, but if it is the last word, it is the start of a completion
                if [[ "${word_index}" -ne "${unparsed_word_indices[${#unparsed_word_indices[@]} - 1]}" ]]; then
                    was_flag_option_terminator_seen=true
                fi
                continue
                ;;
            -*)
                # ${word} is a flag or an option
                # If ${word} is an option, mark that the next word to be parsed is an option value
                local option
                for option in "${repeating_options[@]}" "${non_repeating_options[@]}"; do
                    [[ "${word}" = "${option}" ]] && is_parsing_option_value=true && break
                done

                # Remove ${word} from ${non_repeating_flags} or ${non_repeating_options} so it isn't offered again
                local not_found=true
                local -i index
                for index in "${!non_repeating_flags[@]}"; do
                    if [[ "${non_repeating_flags[${index}]}" = "${word}" ]]; then
                        unset "non_repeating_flags[${index}]"
                        non_repeating_flags=("${non_repeating_flags[@]}")
                        not_found=false
                        break
                    fi
                done
                if "${not_found}"; then
                    for index in "${!non_repeating_flags[@]}"; do
                        if [[ "${non_repeating_flags[${index}]}" = "${word}" ]]; then
                            unset "non_repeating_flags[${index}]"
                            non_repeating_flags=("${non_repeating_flags[@]}")
                            break
                        fi
                    done
                fi
                unset "unparsed_words[${word_index}]"
                continue
                ;;
            esac
        fi

        # ${word} is neither a flag, nor an option, nor an option value
        if [[ "${positional_number}" -lt "${positional_count}" || "${positional_count}" -lt 0 ]]; then
            # ${word} is a positional
            ((positional_number++))
            unset "unparsed_words[${word_index}]"
        else
            if [[ -z "${word}" ]]; then
                # Could be completing a flag, option, or subcommand
                positional_number=-1
            else
                # ${word} is a subcommand or invalid, so stop processing this (sub)command
                positional_number=-2
            fi
            break
        fi
    done

    unparsed_words=("${unparsed_words[@]}")

    if\
        ! "${was_flag_option_terminator_seen}"\
        && ! "${is_parsing_option_value}"\
        && [[ ("${cur}" = -* && "${positional_number}" -ge 0) || "${positional_number}" -eq -1 ]]
    then
        COMPREPLY+=($(compgen -W "${repeating_flags[*]} ${non_repeating_flags[*]} ${repeating_options[*]} ${non_repeating_options[*]}" -- "${cur}"))
    fi
}

__pprof-leak_add_completions() {
    local completion
    while IFS='' read -r completion; do
        COMPREPLY+=("${completion}")
    done < <(IFS=$'\n' compgen "${@}" -- "${cur}")
}

__pprof-leak_custom_complete() {
    if [[ -n "${cur}" || -z ${COMP_WORDS[${COMP_CWORD}]} || "${COMP_LINE:${COMP_POINT}:1}" != ' ' ]]; then
        local -ar words=("${COMP_WORDS[@]}")
    else
        local -ar words=("${COMP_WORDS[@]::${COMP_CWORD}}" '' "${COMP_WORDS[@]:${COMP_CWORD}}")
    fi

    "${COMP_WORDS[0]}" "${@}" "${words[@]}"
}

_pprof-leak() {
    local state
    state="$(shopt -p;shopt -po)"
    trap "${state//$'\n'/;}" RETURN
    shopt -s extglob
    set +o history +o posix

    local -xr SAP_SHELL=bash
    local -x SAP_SHELL_VERSION
    SAP_SHELL_VERSION="$(IFS='.';printf %s "${BASH_VERSINFO[*]}")"
    local -r SAP_SHELL_VERSION

    local -r cur="${2}"
    local -r prev="${3}"

    local -i positional_number
    local -a unparsed_words=("${COMP_WORDS[@]:1:${COMP_CWORD}}")

    local -a repeating_flags=()
    local -a non_repeating_flags=(--version -h --help)
    local -a repeating_options=()
    local -a non_repeating_options=()
    __pprof-leak_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    top|diff|trend|collect|watch|help)
        # Offer subcommand argument completions
        "_pprof-leak_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'top diff trend collect watch help' -- "${cur}"))
        ;;
    esac
}

_pprof-leak_top() {
    repeating_flags=()
    non_repeating_flags=(--cum --no-config --version -h --help)
    repeating_options=(--source-root)
    non_repeating_options=(--sample-index --nodecount --format --min-goroutines --min-blocked --color --max-decompressed-size --config)
    __pprof-leak_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--sample-index')
        return
        ;;
    '--nodecount')
        return
        ;;
    '--format')
        __pprof-leak_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--min-goroutines')
        return
        ;;
    '--min-blocked')
        return
        ;;
    '--color')
        __pprof-leak_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--max-decompressed-size')
        return
        ;;
    '--source-root')
        return
        ;;
    '--config')
        return
        ;;
    esac
}

_pprof-leak_diff() {
    repeating_flags=()
    non_repeating_flags=(--traces --no-config --version -h --help)
    repeating_options=(--ignore-top --ignore-any --ignore-created-by --path-prefix --source-root)
    non_repeating_options=(--sample-index --fail-on --min-goroutines --min-blocked --min-heap --min-objects --min-growth --nodecount --max-stacks --format --output --baseline --write-baseline --write-profile --write-profile-dir --config --color --max-decompressed-size)
    __pprof-leak_offer_flags_options 2

    # Offer option value completions
    case "${prev}" in
    '--sample-index')
        return
        ;;
    '--fail-on')
        __pprof-leak_add_completions -W 'leak'$'\n''suspect'$'\n''info'$'\n''never'
        return
        ;;
    '--min-goroutines')
        return
        ;;
    '--min-blocked')
        return
        ;;
    '--min-heap')
        return
        ;;
    '--min-objects')
        return
        ;;
    '--min-growth')
        return
        ;;
    '--nodecount')
        return
        ;;
    '--max-stacks')
        return
        ;;
    '--format')
        __pprof-leak_add_completions -W 'text'$'\n''json'$'\n''sarif'$'\n''junit'$'\n''markdown'$'\n''github'$'\n''html'
        return
        ;;
    '--output')
        return
        ;;
    '--ignore-top')
        return
        ;;
    '--ignore-any')
        return
        ;;
    '--ignore-created-by')
        return
        ;;
    '--path-prefix')
        return
        ;;
    '--baseline')
        return
        ;;
    '--write-baseline')
        return
        ;;
    '--write-profile')
        return
        ;;
    '--write-profile-dir')
        return
        ;;
    '--config')
        return
        ;;
    '--color')
        __pprof-leak_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--max-decompressed-size')
        return
        ;;
    '--source-root')
        return
        ;;
    esac
}

_pprof-leak_trend() {
    repeating_flags=()
    non_repeating_flags=(--recursive --no-config --version -h --help)
    repeating_options=(--ignore-top --ignore-any --ignore-created-by --path-prefix --source-root)
    non_repeating_options=(--order --fail-on --min-goroutines --min-blocked --min-heap --memory-limit --format --output --baseline --write-baseline --write-profile --write-profile-dir --config --color --max-decompressed-size)
    __pprof-leak_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--order')
        __pprof-leak_add_completions -W 'time'$'\n''name'$'\n''mtime'
        return
        ;;
    '--fail-on')
        __pprof-leak_add_completions -W 'leak'$'\n''suspect'$'\n''info'$'\n''never'
        return
        ;;
    '--min-goroutines')
        return
        ;;
    '--min-blocked')
        return
        ;;
    '--min-heap')
        return
        ;;
    '--memory-limit')
        return
        ;;
    '--format')
        __pprof-leak_add_completions -W 'text'$'\n''json'$'\n''sarif'$'\n''junit'$'\n''markdown'$'\n''github'$'\n''html'
        return
        ;;
    '--output')
        return
        ;;
    '--ignore-top')
        return
        ;;
    '--ignore-any')
        return
        ;;
    '--ignore-created-by')
        return
        ;;
    '--path-prefix')
        return
        ;;
    '--baseline')
        return
        ;;
    '--write-baseline')
        return
        ;;
    '--write-profile')
        return
        ;;
    '--write-profile-dir')
        return
        ;;
    '--config')
        return
        ;;
    '--color')
        __pprof-leak_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--max-decompressed-size')
        return
        ;;
    '--source-root')
        return
        ;;
    esac
}

_pprof-leak_collect() {
    repeating_flags=()
    non_repeating_flags=(--text --analyze --no-config --version -h --help)
    repeating_options=(--header --ignore-top --ignore-any --ignore-created-by --path-prefix --source-root)
    non_repeating_options=(--kinds --timeout --max-response-size --retries --token-env --every --count --out --order --fail-on --min-goroutines --min-blocked --min-heap --memory-limit --format --output --baseline --write-baseline --write-profile --write-profile-dir --config --color --max-decompressed-size)
    __pprof-leak_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--kinds')
        return
        ;;
    '--timeout')
        return
        ;;
    '--max-response-size')
        return
        ;;
    '--retries')
        return
        ;;
    '--header')
        return
        ;;
    '--token-env')
        return
        ;;
    '--every')
        return
        ;;
    '--count')
        return
        ;;
    '--out')
        return
        ;;
    '--order')
        __pprof-leak_add_completions -W 'time'$'\n''name'$'\n''mtime'
        return
        ;;
    '--fail-on')
        __pprof-leak_add_completions -W 'leak'$'\n''suspect'$'\n''info'$'\n''never'
        return
        ;;
    '--min-goroutines')
        return
        ;;
    '--min-blocked')
        return
        ;;
    '--min-heap')
        return
        ;;
    '--memory-limit')
        return
        ;;
    '--format')
        __pprof-leak_add_completions -W 'text'$'\n''json'$'\n''sarif'$'\n''junit'$'\n''markdown'$'\n''github'$'\n''html'
        return
        ;;
    '--output')
        return
        ;;
    '--ignore-top')
        return
        ;;
    '--ignore-any')
        return
        ;;
    '--ignore-created-by')
        return
        ;;
    '--path-prefix')
        return
        ;;
    '--baseline')
        return
        ;;
    '--write-baseline')
        return
        ;;
    '--write-profile')
        return
        ;;
    '--write-profile-dir')
        return
        ;;
    '--config')
        return
        ;;
    '--color')
        __pprof-leak_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--max-decompressed-size')
        return
        ;;
    '--source-root')
        return
        ;;
    esac
}

_pprof-leak_watch() {
    repeating_flags=()
    non_repeating_flags=(--text --no-config --version -h --help)
    repeating_options=(--header --ignore-top --ignore-any --ignore-created-by --path-prefix --source-root)
    non_repeating_options=(--kinds --timeout --max-response-size --retries --token-env --every --count --out --order --fail-on --min-goroutines --min-blocked --min-heap --memory-limit --format --output --baseline --write-baseline --write-profile --write-profile-dir --config --color --max-decompressed-size)
    __pprof-leak_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--kinds')
        return
        ;;
    '--timeout')
        return
        ;;
    '--max-response-size')
        return
        ;;
    '--retries')
        return
        ;;
    '--header')
        return
        ;;
    '--token-env')
        return
        ;;
    '--every')
        return
        ;;
    '--count')
        return
        ;;
    '--out')
        return
        ;;
    '--order')
        __pprof-leak_add_completions -W 'time'$'\n''name'$'\n''mtime'
        return
        ;;
    '--fail-on')
        __pprof-leak_add_completions -W 'leak'$'\n''suspect'$'\n''info'$'\n''never'
        return
        ;;
    '--min-goroutines')
        return
        ;;
    '--min-blocked')
        return
        ;;
    '--min-heap')
        return
        ;;
    '--memory-limit')
        return
        ;;
    '--format')
        __pprof-leak_add_completions -W 'text'$'\n''json'$'\n''sarif'$'\n''junit'$'\n''markdown'$'\n''github'$'\n''html'
        return
        ;;
    '--output')
        return
        ;;
    '--ignore-top')
        return
        ;;
    '--ignore-any')
        return
        ;;
    '--ignore-created-by')
        return
        ;;
    '--path-prefix')
        return
        ;;
    '--baseline')
        return
        ;;
    '--write-baseline')
        return
        ;;
    '--write-profile')
        return
        ;;
    '--write-profile-dir')
        return
        ;;
    '--config')
        return
        ;;
    '--color')
        __pprof-leak_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--max-decompressed-size')
        return
        ;;
    '--source-root')
        return
        ;;
    esac
}

_pprof-leak_help() {
    repeating_flags=()
    non_repeating_flags=(--version)
    repeating_options=()
    non_repeating_options=()
    __pprof-leak_offer_flags_options -1
}

complete -o filenames -F _pprof-leak pprof-leak
