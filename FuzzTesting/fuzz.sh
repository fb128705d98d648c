#!/usr/bin/env bash
# Usage: FuzzTesting/fuzz.sh TARGET [SECONDS]   (TARGET: FuzzCSVReader, FuzzColumnMapper or FuzzIntentParser)
# Builds the fuzzer with libFuzzer and AddressSanitizer and runs it on the project's CSV fixtures.
# A crash is written to FuzzTesting/FailCases/; turn each into a test in Tests/OpsCoreTests.
set -euo pipefail
cd "$(dirname "$0")"
target=${1:?target: FuzzCSVReader, FuzzColumnMapper or FuzzIntentParser}
seconds=${2:-60}
swift build -c debug --product "$target" --sanitize=fuzzer --sanitize=address -Xswiftc -parse-as-library
corpus="corpus/$target"
mkdir -p "$corpus" FailCases
binary="$(swift build -c debug --show-bin-path --sanitize=fuzzer --sanitize=address)/$target"
seeds=(../Tests/Fixtures/imports ../Tests/Fixtures/csv-spectrum/csvs)
[ "$target" = FuzzIntentParser ] && seeds=(Seeds/FuzzIntentParser)
"$binary" "$corpus" "${seeds[@]}" \
    -max_total_time="$seconds" -max_len=4096 -artifact_prefix=FailCases/ -print_final_stats=1
