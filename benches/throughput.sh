#!/usr/bin/env bash
# End-to-end throughput of the CLI: read, clean, write JSON Lines.
# Builds a ~200 MB JSON Lines input from the public corpus (or the fixtures),
# runs `capsift clean --input-format jsonl` with 1 and 2 jobs and prints
# MB/s, records/s and peak RSS. Usage: benches/throughput.sh [MB] [WORKDIR]
set -euo pipefail
cd "$(dirname "$0")/.."
target_mb=${1:-200}
work=${2:-${TMPDIR:-/tmp}/capsift-throughput}
mkdir -p "$work"
cargo build --release --quiet
bin=$PWD/target/release/capsift

input="$work/input-${target_mb}mb.jsonl"
if [ ! -s "$input" ]; then
  python3 - "$target_mb" "$input" <<'PY'
import glob, json, os, sys
target = int(sys.argv[1]) * 1_000_000
files = sorted(glob.glob("../shared/corpus/real/*.txt")) or sorted(glob.glob("fixtures/*/input.txt"))
texts = [open(f, encoding="utf-8").read() for f in files]
size, n = 0, 0
with open(sys.argv[2], "w", encoding="utf-8") as out:
    while size < target:
        for t in texts:
            line = json.dumps({"id": f"doc-{n}", "text": t}, ensure_ascii=False) + "\n"
            out.write(line)
            size += len(line.encode())
            n += 1
            if size >= target:
                break
print(f"built {sys.argv[2]}: {n} records, {size / 1e6:.0f} MB", file=sys.stderr)
PY
fi
bytes=$(stat -c %s "$input")
records=$(wc -l < "$input")

for jobs in 1 2; do
  /usr/bin/time -f "%e %M" -o "$work/time-$jobs" \
    "$bin" clean --input-format jsonl --jobs "$jobs" --quiet < "$input" > "$work/out-$jobs.jsonl"
  read -r secs rss_kb < "$work/time-$jobs"
  python3 -c "
b, r, s, kb, j = $bytes, $records, $secs, $rss_kb, $jobs
print(f'jobs {j}: {b / 1e6 / s:7.1f} MB/s  {r / s:9.0f} records/s  peak RSS {kb / 1024:6.0f} MiB  ({s:.1f} s for {b / 1e6:.0f} MB)')"
done
cmp -s "$work/out-1.jsonl" "$work/out-2.jsonl" && echo "outputs of 1 and 2 jobs are identical" || { echo "outputs differ between 1 and 2 jobs" >&2; exit 1; }
