#!/usr/bin/env bash
# The speed figures of issue 16, item 5, measured in one run (benches/README.md,
# "Issue 16 figures"). Needs hyperfine and valgrind; takes about ten minutes.
# Run it on a quiet machine: wall-clock ratios move with the load (the script
# prints the load average before and after), instruction counts do not.
#
#   bash benches/issue16.sh            # everything
#   bash benches/issue16.sh --quick    # no criterion run (its ratios are left out)
set -euo pipefail
cd "$(dirname "$0")/.."
QUICK=0
if [ "${1:-}" = "--quick" ]; then QUICK=1; fi
OUT=${ISSUE16_DIR:-target/issue16}
mkdir -p "$OUT"

echo "== $(date -u +%FT%TZ), commit $(git rev-parse --short HEAD), load: $(cut -d' ' -f1-3 /proc/loadavg)"
cargo build --release --quiet --bin tigang --example gen --example measure
B=target/release/tigang
G20="$OUT/g20.txt"
[ -s "$G20" ] || target/release/examples/gen 20MB 1 > "$G20"
echo "document: $G20 ($(wc -c < "$G20") bytes)"

echo "== instructions per byte (callgrind, 1 MB)"
CALLGRIND_DIR="$OUT/callgrind" bash benches/callgrind.sh 1MB 1

echo "== end to end, 20 MB (hyperfine, best and mean of 10)"
hyperfine -N -w 2 -r 10 --output=null --export-json "$OUT/e2e.json" \
  "$B parse --format tree $G20" \
  "$B parse --format json $G20" \
  "$B parse --format json --no-check $G20" \
  "python3 benches/re_outline.py $G20 1" > "$OUT/e2e.txt"
python3 - "$OUT/e2e.json" <<'EOF'
import json, sys
def name(c):
    if "re_outline" in c:
        return "python re"
    return c.split()[3] + (" --no-check" if "--no-check" in c else "")
r = {name(x["command"]): x for x in json.load(open(sys.argv[1]))["results"]}
for n, x in r.items():
    print(f"{n:18} best {min(x['times'])*1e3:7.1f} ms  mean {x['mean']*1e3:7.1f} ms")
tree, py = r["tree"], r["python re"]
for n in ("json", "json --no-check"):
    js = r[n]
    print(f"{n} / tree     best {min(js['times'])/min(tree['times']):.2f}x  mean {js['mean']/tree['mean']:.2f}x   (target <= 1.3x)")
    print(f"python / {n}   best {min(py['times'])/min(js['times']):.2f}x  mean {py['mean']/js['mean']:.2f}x   (target >= 5x)")
EOF

echo "== peak RSS, 20 MB"
for f in "tree" "json" "json --no-check"; do
  # shellcheck disable=SC2086 # $f is the format and its flags
  /usr/bin/time -f "$f: %M KB" "$B" parse --format $f "$G20" 2>&1 > /dev/null | tail -1
done

echo "== batch: 1,000 files of ~20 KB to tmpfs, -j1 against -j2 (best and mean of 8)"
IN="$OUT/batch-in"
if [ ! -d "$IN" ]; then
  mkdir -p "$IN"
  (cd "$IN" && split -n l/1000 -d -a 4 --additional-suffix=.txt "../g20.txt" part-)
fi
O=/dev/shm/tigang-issue16-o
hyperfine -N -w 1 -r 8 --prepare "rm -rf $O" --export-json "$OUT/batch.json" \
  "$B parse -q -j1 $IN -o $O" "$B parse -q -j2 $IN -o $O" > "$OUT/batch.txt"
rm -rf "$O"
python3 - "$OUT/batch.json" <<'EOF'
import json, sys
j1, j2 = json.load(open(sys.argv[1]))["results"]
print(f"-j1 best {min(j1['times'])*1e3:.1f} ms mean {j1['mean']*1e3:.1f} ms; -j2 best {min(j2['times'])*1e3:.1f} ms mean {j2['mean']*1e3:.1f} ms")
print(f"-j1 / -j2  best {min(j1['times'])/min(j2['times']):.2f}x  mean {j1['mean']/j2['mean']:.2f}x   (target >= 1.8x)")
EOF

if [ "$QUICK" = 0 ]; then
  echo "== throughput against pulldown-cmark (criterion)"
  cargo bench --quiet --bench throughput -- '/(parse|parse_json|parse_json_outline|pulldown_cmark|pulldown_html)$' 2>&1 |
    sed -n '/^size /,$p'
fi
echo "== load after: $(cut -d' ' -f1-3 /proc/loadavg)"
