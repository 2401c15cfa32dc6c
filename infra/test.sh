#!/usr/bin/env bash
# The README's test command: starts the real services, builds and tests the whole solution against them, always stops
# the services, and ends with one line `N passed, N failed`. Extra arguments go to `dotnet test` (e.g. --filter X).
#
# Exit code: 0 only when the build succeeded, at least one test ran and none failed. Whenever the exit code is not 0
# the final line shows at least one failure: a step that failed before or around the tests (services, restore, build,
# a crashed test host, no test at all) counts as 1 failed, and the line above the totals says why.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO"
SERVICES=$REPO/infra/services.sh
SOLUTION=PerfWorkflow.sln
RESULTS=$(mktemp -d "${TMPDIR:-/tmp}/pw-test-results.XXXXXX")

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# The suites start hundreds of app hosts, several at a time in each of four test processes. Each host's file providers
# (appsettings reload, static-file versions) would hold an inotify instance, and Linux allows 128 per user by default:
# past that a page answers 500 (IOException from FileSystemWatcher; seen in CI on 2026-12-03). Tests poll instead.
export DOTNET_USE_POLLING_FILE_WATCHER=true
if [[ ${CI:-} == true ]]; then
  # Plain, line-by-line logs for a CI page instead of the live terminal view.
  export MSBUILDTERMINALLOGGER=off
fi

passed=0
failed=0
reason=''

say() { printf 'test.sh: %s\n' "$*"; }
now_ms() { date +%s%3N; }
since() { local ms=$(($(now_ms) - $1)); printf '%d.%ds' $((ms / 1000)) $(((ms % 1000) / 100)); }

# Runs on every exit (success, failure, Ctrl-C): services down first, so that the totals are the last line.
finish() {
  local rc=$?
  trap - EXIT
  "$SERVICES" stop || say "warning: stopping the services failed; see infra/services.sh status"
  # Keep the TRX files of the last run (tests/artifacts is not committed) so that a failure can be read afterwards.
  if compgen -G "$RESULTS/*.trx" >/dev/null; then
    rm -rf "$REPO/tests/artifacts/test-results" && mkdir -p "$REPO/tests/artifacts/test-results"
    cp "$RESULTS"/*.trx "$REPO/tests/artifacts/test-results/" || true
  fi
  rm -rf "$RESULTS"
  if ((rc != 0 && failed == 0)); then
    failed=1
    say "${reason:-interrupted}: counted as 1 failed"
  fi
  if ((failed > 0 && rc == 0)); then rc=1; fi
  echo "$passed passed, $failed failed"
  exit "$rc"
}
trap finish EXIT
trap 'reason="interrupted"; exit 130' INT TERM

# Build with the configuration the caller asked of dotnet test, so that --no-build finds the assemblies.
build_args=()
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  case ${args[i]} in
    -c | --configuration) build_args+=(--configuration "${args[i + 1]:-}") ;;
    -c=* | --configuration=*) build_args+=(--configuration "${args[i]#*=}") ;;
  esac
done

t=$(now_ms)
say "starting services..."
"$SERVICES" start || { reason="the services did not start"; exit 1; }
eval "$("$SERVICES" env)"
say "services up in $(since "$t"): PW_TEST_POSTGRES=$PW_TEST_POSTGRES PW_TEST_RABBITMQ=$PW_TEST_RABBITMQ"

t=$(now_ms)
say "restoring $SOLUTION..."
dotnet restore "$SOLUTION" --verbosity minimal || { reason="restore failed"; exit 1; }
say "restored in $(since "$t")"

t=$(now_ms)
say "building $SOLUTION..."
dotnet build "$SOLUTION" --no-restore --nologo --verbosity minimal "${build_args[@]}" || { reason="build failed"; exit 1; }
say "built in $(since "$t")"

loggers=(--logger trx)
if [[ ${CI:-} == true ]]; then
  loggers+=(--logger "console;verbosity=normal")
fi
t=$(now_ms)
say "testing..."
test_rc=0
dotnet test "$SOLUTION" --no-build --no-restore --nologo --results-directory "$RESULTS" "${loggers[@]}" "$@" || test_rc=$?
say "tests finished in $(since "$t") (dotnet test exit code $test_rc)"

# Sums one attribute of the <Counters .../> element over every TRX file (one per test assembly).
counters=$(find "$RESULTS" -name '*.trx' -exec grep -ho '<Counters [^>]*>' {} + 2>/dev/null || true)
count() { printf '%s\n' "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9][0-9]*' | awk '{ s += $1 } END { print s + 0 }'; }
executed=$(count executed)
skipped=$(count notExecuted)
passed=$(count passed)
failed=$(($(count failed) + $(count error) + $(count timeout) + $(count aborted)))
say "$(find "$RESULTS" -name '*.trx' | wc -l) result files, $executed executed, $skipped skipped"

if ((failed > 0)); then
  # The console log is long; repeat each failed test and the first lines of its message next to the totals.
  say "failed tests:"
  find "$RESULTS" -name '*.trx' -exec python3 "$REPO/infra/trx-failures.py" {} + || true
  reason="tests failed"
  exit 1
fi
if ((test_rc != 0)); then
  reason="dotnet test failed without a failed test (a test host crashed or an argument was wrong)"
  exit 1
fi
if ((executed == 0)); then
  # A green run that tested nothing (a filter typo, a test project that is not discovered) must not pass CI.
  reason="no test ran"
  exit 1
fi
exit 0
