#!/usr/bin/env bash
# Usage: FuzzTesting/fuzz.sh TARGET [SECONDS]
#   TARGET: FuzzCSVReader, FuzzColumnMapper, FuzzImporter, FuzzIntentParser, FuzzHTTPRequest, FuzzTelegramUpdate, FuzzWebSocketFrame or FuzzSlackEvent
# Builds the fuzzer with libFuzzer and AddressSanitizer and runs it on the project's CSV fixtures.
# A crash is written to FuzzTesting/FailCases/; turn each into a test in the tests of the module it is in.
set -euo pipefail
cd "$(dirname "$0")"
target=${1:?target: FuzzCSVReader, FuzzColumnMapper, FuzzImporter, FuzzIntentParser, FuzzHTTPRequest, FuzzTelegramUpdate, FuzzWebSocketFrame or FuzzSlackEvent}
seconds=${2:-60}
# `--sanitize=fuzzer` alone reached only the link here (Swift 6.3): the sources compiled without coverage
# counters, and libFuzzer had nothing to follow. Handing it to the compiler as well instruments every module.
build() {
    swift build -c debug --product "$target" --sanitize=fuzzer --sanitize=address \
        -Xswiftc -parse-as-library -Xswiftc -sanitize=fuzzer
}
# The parent package is a path dependency: a file added there can be missing from this package's cached
# build plan ("cannot find 'X' in scope"). One build from clean settles it.
build || { echo "fuzz.sh: build failed; trying once from clean" >&2; rm -rf .build; build; }
binary="$(swift build -c debug --show-bin-path --sanitize=fuzzer --sanitize=address)/$target"
# Seen here: an incremental rebuild after source changes can link a binary without coverage counters, and
# libFuzzer then finds nothing ("Is the code instrumented for coverage?"). Check, and rebuild from clean once.
# Seen too: a build from clean linked without them, and recompiling the target's main.swift fixed it.
instrumented() { readelf -S "$binary" | grep -q __sancov_cntrs; }
if ! instrumented; then
    echo "fuzz.sh: $target was built without coverage counters; recompiling its main.swift" >&2
    touch "Sources/$target/main.swift"
    build
fi
if ! instrumented; then
    echo "fuzz.sh: still no coverage counters; rebuilding from clean" >&2
    rm -rf .build
    build
    instrumented || { touch "Sources/$target/main.swift"; build; }
    instrumented || { echo "fuzz.sh: still no coverage counters" >&2; exit 1; }
fi
corpus="corpus/$target"
mkdir -p "$corpus" FailCases
seeds=(../Tests/Fixtures/imports ../Tests/Fixtures/imports/layouts ../Tests/Fixtures/csv-spectrum/csvs)
case "$target" in
    FuzzIntentParser | FuzzHTTPRequest | FuzzTelegramUpdate | FuzzWebSocketFrame | FuzzSlackEvent) seeds=("Seeds/$target") ;;
esac
"$binary" "$corpus" "${seeds[@]}" \
    -max_total_time="$seconds" -max_len=4096 -artifact_prefix=FailCases/ -print_final_stats=1
