#!/usr/bin/env bash
# Issue 21: re-levelling a PDF converter's Markdown (every heading `#`)
# against reading it, in one run. Needs hyperfine; about a minute.
#
#   bash benches/issue21.sh
#
# The document is the generated 20 MB speech of benches/ (examples/gen)
# put into a converter's style: `# ` before every line that opens with a
# numbered heading, as MinerU writes them. `parse --format markdown` gives
# it back with each heading line at its level (docs/format.md §7); the
# target is at most 1.5x `parse --format tree` on the same file.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${ISSUE21_DIR:-target/issue21}
mkdir -p "$OUT"
echo "== $(date -u +%FT%TZ), commit $(git rev-parse --short HEAD), load: $(cut -d' ' -f1-3 /proc/loadavg)"
cargo build --release --quiet --bin tigang --example gen
B=target/release/tigang
G20="$OUT/g20.txt"
MD="$OUT/g20-converted.md"
[ -s "$G20" ] || target/release/examples/gen 20MB 1 > "$G20"
python3 - "$G20" "$MD" <<'PY'
import re, sys
heading = re.compile(r"^[ \u3000]*(第[一二三四五六七八九十百]+[章节条编]|[壹貳參肆伍陸柒捌玖拾]+、|\d+(?:\.\d+)+|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.．、]|（\d+）)")
with open(sys.argv[1], encoding="utf-8") as src, open(sys.argv[2], "w", encoding="utf-8") as out:
    for line in src:
        m = heading.match(line)
        out.write("# " + line.lstrip(" \u3000") if m else line)
PY
echo "document: $MD ($(wc -c < "$MD") bytes, $(grep -c '^# ' "$MD") heading lines marked #)"
hyperfine -N -w 2 -r 10 --output=null --export-json "$OUT/e2e.json" \
  "$B parse --format tree $MD" \
  "$B parse --format markdown $MD" > "$OUT/e2e.txt"
python3 - "$OUT/e2e.json" <<'PY'
import json, sys
r = {x["command"].split()[3]: x for x in json.load(open(sys.argv[1]))["results"]}
for n, x in r.items():
    print(f"{n:10} best {min(x['times'])*1e3:7.1f} ms  mean {x['mean']*1e3:7.1f} ms")
t, m = r["tree"], r["markdown"]
print(f"markdown / tree  best {min(m['times'])/min(t['times']):.2f}x  mean {m['mean']/t['mean']:.2f}x   (target <= 1.5x)")
PY
echo "== peak RSS"
for f in tree markdown; do
  /usr/bin/time -f "$f: %M KB" "$B" parse --format $f "$MD" 2>&1 > /dev/null | tail -1
done
echo "== load after: $(cut -d' ' -f1-3 /proc/loadavg)"
