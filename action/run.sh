#!/usr/bin/env bash
# Step 2 of the GitHub Action (action.yml): run `pprof-leak trend` over the snapshots and write
# the reports asked for; exit with trend's status (1 when a finding is at least --fail-on).
#
# Environment (the action's inputs): PATHS (files and directories, space-separated), FAIL_ON,
# BASELINE (optional), REPORTS (comma-separated: summary, annotations, sarif, junit),
# SARIF_FILE, JUNIT_FILE, ARGS (more trend options); GITHUB_STEP_SUMMARY as GitHub sets it.
set -euo pipefail

read -r -a paths <<<"$PATHS"
options=(--fail-on "$FAIL_ON")
[[ -z "${BASELINE:-}" ]] || options+=(--baseline "$BASELINE")
read -r -a extra <<<"${ARGS:-}"
options+=("${extra[@]}")

# The text report in the log; its status is the step's.
status=0
pprof-leak trend "${paths[@]}" "${options[@]}" || status=$?
(( status <= 1 )) || exit "$status"

# trend FORMAT ARGS...: a report; exit 1 (findings) is expected, anything else stops the step.
trend() {
	local format="$1"
	shift
	pprof-leak trend "${paths[@]}" "${options[@]}" --format "$format" "$@" || [[ $? -eq 1 ]]
}
IFS=, read -r -a reports <<<"$REPORTS"
for report in "${reports[@]}"; do
	report="${report// /}"
	case "$report" in
	summary) trend markdown >>"$GITHUB_STEP_SUMMARY" ;;
	annotations) trend github ;;
	sarif) trend sarif --output "$SARIF_FILE" >/dev/null ;;
	junit) trend junit --output "$JUNIT_FILE" >/dev/null ;;
	"") ;;
	*) echo "::warning title=pprof-leak::unknown report '$report' (summary, annotations, sarif, junit)" ;;
	esac
done
exit "$status"
