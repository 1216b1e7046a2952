#!/usr/bin/env bash
# The GitHub Action's run (action.yml): review, write SARIF, the job summary and capped annotations.
# Inputs come as environment variables (INPUT_PATHS, INPUT_PROFILE, INPUT_BASELINE, INPUT_CHANGED_SINCE,
# INPUT_SARIF_FILE, INPUT_ARGS); INBOXLINT_BIN is the CLI (default: this checkout's bin/inboxlint.js).
# One review: the SARIF run fills a cache that the summary and annotation runs read back.
# Exits with the review's exit code (0 nothing rejected, 1 rejected or new errors, 2 usage or internal error).
set -u
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="${INBOXLINT_BIN:-$here/bin/inboxlint.js}"
tmp="${RUNNER_TEMP:-${TMPDIR:-/tmp}}"
sarif="${INPUT_SARIF_FILE:-inboxlint.sarif}"

read -r -a paths <<< "${INPUT_PATHS:-.}"
read -r -a extra <<< "${INPUT_ARGS:-}"
args=("${paths[@]}" --cache --cache-location "$tmp/inboxlint-cache" --no-error-on-unmatched-pattern)
[ -n "${INPUT_PROFILE:-}" ] && args+=(--profile "$INPUT_PROFILE")
[ -n "${INPUT_BASELINE:-}" ] && args+=(--baseline "$INPUT_BASELINE")
[ -n "${INPUT_CHANGED_SINCE:-}" ] && args+=(--changed-since "$INPUT_CHANGED_SINCE")
args+=("${extra[@]}")

node "$bin" "${args[@]}" -f sarif -o "$sarif"
code=$?
if [ "$code" -le 1 ]; then
  summary="$tmp/inboxlint-summary.md"
  node "$bin" "${args[@]}" -f github-summary -o "$summary" 2>/dev/null
  if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then cat "$summary" >> "$GITHUB_STEP_SUMMARY"; else cat "$summary"; fi
  node "$bin" "${args[@]}" -f github 2>/dev/null
fi
[ -n "${GITHUB_OUTPUT:-}" ] && { echo "exit-code=$code"; echo "sarif-file=$sarif"; } >> "$GITHUB_OUTPUT"
exit "$code"
