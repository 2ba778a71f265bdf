#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Builds the libFuzzer targets (the `fuzz` preset: clang 14, ASan + UBSan) when needed and runs
# each for SECONDS (default 60) on a copy of its seed corpus, so tests/fuzz/corpus/ is never
# changed. Prints, per target, the runs, the executions per second and the final coverage line;
# exits 1 when any target reported a crash, a leak, a sanitizer error, a timeout or a finding.
#
#   bash tests/fuzz/run.sh          # 60 s per target
#   bash tests/fuzz/run.sh 600      # longer, by hand
#
# Environment: FUZZ_TARGETS (default: all seven), FUZZ_BUILD_JOBS (default 1), FUZZ_SEED (default 1:
# libFuzzer's -seed, so that a run can be repeated; 0 lets libFuzzer pick one).
# Crash inputs, logs and the grown corpora go to build/fuzz/run/<target>/ (replaced each run).
set -u -o pipefail

seconds="${1:-60}"
case "$seconds" in
'' | *[!0-9]*)
    echo "usage: $0 [SECONDS]" >&2
    exit 2
    ;;
esac

src="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="$src/build/fuzz"
targets="${FUZZ_TARGETS:-fuzz_workload fuzz_batch_row fuzz_batch_file fuzz_data_files fuzz_metrics fuzz_prices fuzz_project}"
seed="${FUZZ_SEED:-1}"
case "$seed" in
'' | *[!0-9]*)
    echo "run.sh: FUZZ_SEED must be a whole number (0: libFuzzer picks one), not '$seed'" >&2
    exit 2
    ;;
esac

cd "$src" || exit 2
if [ ! -f "$build/CMakeCache.txt" ]; then
    cmake --preset fuzz >/dev/null || {
        echo "run.sh: cmake --preset fuzz failed" >&2
        exit 2
    }
fi
cmake --build --preset fuzz -j "${FUZZ_BUILD_JOBS:-1}" >"$build/run-build.log" 2>&1 || {
    cat "$build/run-build.log" >&2
    echo "run.sh: the fuzz build failed" >&2
    exit 2
}

export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:symbolize=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

failed=0
summary=""
for t in $targets; do
    bin="$build/tests/fuzz/$t"
    seeds="$src/tests/fuzz/corpus/$t"
    work="$build/run/$t"
    if [ ! -x "$bin" ] || [ ! -d "$seeds" ]; then
        echo "run.sh: no target $t (or no corpus $seeds)" >&2
        exit 2
    fi
    rm -rf "$work"
    mkdir -p "$work/corpus" "$work/artifacts"
    cp -R "$seeds/." "$work/corpus/"
    log="$work/fuzz.log"
    echo "== $t: ${seconds}s, seed $seed, on a copy of tests/fuzz/corpus/$t ($(find "$seeds" -type f | wc -l) seeds)"
    start=$(date +%s)
    "$bin" "$work/corpus" \
        -max_total_time="$seconds" -seed="$seed" -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$work/artifacts/" >"$log" 2>&1
    status=$?
    elapsed=$(($(date +%s) - start))

    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    cov=$(grep -E '^#[0-9]+[[:space:]]+(DONE|INITED|NEW|REDUCE|pulse)' "$log" | tail -1)
    problems=$(grep -E 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error:|^FINDING:|ALARM: working on the last Unit|out-of-memory' "$log" | head -5)
    artifacts=$(find "$work/artifacts" -type f | wc -l)
    echo "   runs: ${runs:-?}  exec/s: ${rate:-?}  time: ${elapsed}s  exit: $status"
    echo "   final: ${cov:-?}"
    verdict="ok"
    if [ "$status" -ne 0 ] || [ -n "$problems" ] || [ "$artifacts" -ne 0 ]; then
        verdict="FAILED"
        failed=1
        echo "   FAILED: see $log"
        [ -n "$problems" ] && printf '%s\n' "$problems" | sed 's/^/     /'
        find "$work/artifacts" -type f -exec echo "     input: {}" \;
    fi
    summary+=$(printf '%-16s %10s runs %8s exec/s  %s' "$t" "${runs:-?}" "${rate:-?}" "$verdict")$'\n'
done

echo
echo "== summary (${seconds}s per target, seed $seed)"
printf '%s' "$summary"
exit "$failed"
