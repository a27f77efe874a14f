#!/usr/bin/env bash
# Instructions per input byte under callgrind (issue 5, §2: target ≤ 11 for
# tigang::parse, i.e. at or below pulldown-cmark on the same document).
#
#   bash benches/callgrind.sh [SIZE] [SEED]      # default 1MB 1
#   bash benches/callgrind.sh --families         # linear time, in instructions
#
# Builds the release examples `gen` and `measure` (LTO, as benches are
# built), writes the generated document and its Markdown rendering, and runs
# each parser under `valgrind --tool=callgrind --toggle-collect=<its function>`
# so only the parse itself is counted (not start-up or reading the file).
set -euo pipefail
cd "$(dirname "$0")/.."
FAMILIES=0
if [ "${1:-}" = "--families" ]; then FAMILIES=1; shift; fi
SIZE=${1:-1MB}
SEED=${2:-1}
OUT=${CALLGRIND_DIR:-target/callgrind}
mkdir -p "$OUT"

cargo build --release --quiet --example gen --example measure
GEN=target/release/examples/gen
MEASURE=target/release/examples/measure
TXT="$OUT/speech-$SIZE-$SEED.txt"
MD="$OUT/speech-$SIZE-$SEED.md"
if [ "$FAMILIES" = 1 ]; then
  # Each adversarial family of tests/linear.rs at 1/100 and 1/10 of the size
  # the issue names: instruction counts are free of cache and scheduler noise,
  # so the ratio shows whether the work itself is linear (target <= 11x).
  printf '%-20s %10s %11s %15s %9s %8s\n' family units bytes instructions instr/B "x prev"
  for fam in numeral_lines:1000000 one_long_line:10000000 inline_series:100000 \
             nested_markers:100000 nested_marker_lines:100000 open_parens:10000000 \
             only_cr:10000000 trad_simplified:1000000; do
    name=${fam%%:*} full=${fam##*:} prev=
    for units in $((full / 100)) $((full / 10)); do
      f="$OUT/family-$name-$units.txt"
      "$GEN" "$units" --family "$name" > "$f"
      valgrind --tool=callgrind --callgrind-out-file="$OUT/family.out" \
        --toggle-collect='*measured_tigang*' "$MEASURE" tigang "$f" > /dev/null 2>&1
      ir=$(awk '/^(summary|totals):/ {print $2; exit}' "$OUT/family.out")
      b=$(wc -c < "$f" | tr -d ' ')
      awk -v n="$name" -v u="$units" -v b="$b" -v i="$ir" -v p="$prev" 'BEGIN {
        printf "%-20s %10d %11d %15.0f %9.1f %8s\n", n, u, b, i, i / b, (p == "" ? "-" : sprintf("%.2f", i / p)) }'
      prev=$ir
      rm -f "$f"
    done
  done
  exit 0
fi
"$GEN" "$SIZE" "$SEED" > "$TXT"
"$GEN" "$SIZE" "$SEED" --markdown > "$MD"

# Instructions (Ir) collected inside the function named by $2, for mode $1 on file $3.
count() {
  local mode=$1 func=$2 file=$3
  local log="$OUT/$mode.out"
  valgrind --tool=callgrind --callgrind-out-file="$log" \
    --toggle-collect="*$func*" "$MEASURE" "$mode" "$file" > /dev/null 2> "$OUT/$mode.err"
  # "summary: N" / "totals: N" is the first number of the events line.
  awk '/^(summary|totals):/ {print $2; exit}' "$log"
}

bytes() { wc -c < "$1" | tr -d ' '; }

TXT_BYTES=$(bytes "$TXT")
MD_BYTES=$(bytes "$MD")
printf '%s\n' "document: $TXT ($TXT_BYTES bytes); Markdown rendering: $MD ($MD_BYTES bytes)"
printf '%-34s %15s %12s %12s\n' "what" "instructions" "bytes" "instr/byte"
row() {
  local what=$1 ir=$2 b=$3
  printf '%-34s %15s %12s %12s\n' "$what" "$ir" "$b" "$(awk -v i="$ir" -v b="$b" 'BEGIN {printf "%.2f", i / b}')"
}
MEMCHR=$(count memchr measured_memchr "$TXT")
TIGANG=$(count tigang measured_tigang "$TXT")
JSON=$(count json measured_json "$TXT")
SERDE=$(count serde measured_serde "$TXT")
PD=$(count pulldown measured_pulldown "$MD")
row "memchr line count (floor)" "$MEMCHR" "$TXT_BYTES"
row "tigang::parse" "$TIGANG" "$TXT_BYTES"
row "tigang::parse + render::json" "$JSON" "$TXT_BYTES"
row "tigang::parse + serde_json" "$SERDE" "$TXT_BYTES"
row "pulldown-cmark (Markdown bytes)" "$PD" "$MD_BYTES"
row "pulldown-cmark (per input byte)" "$PD" "$TXT_BYTES"
awk -v t="$TIGANG" -v p="$PD" -v tb="$TXT_BYTES" -v mb="$MD_BYTES" 'BEGIN {
  printf "tigang / pulldown-cmark instructions per own byte: %.2fx (target <= 1.0x, <= 11 instr/byte)\n", (t / tb) / (p / mb)
  printf "same document: tigang %.2fx the instructions of pulldown-cmark\n", t / p
}'
