#!/usr/bin/env python3
"""A datatrove pipeline step that cleans documents with capsift (README: "Scaling out").

    from capsift_datatrove import CapsiftClean
    pipeline = [
        JsonlReader("crawl/"),
        CapsiftClean("/opt/capsift/bin/capsift"),
        JsonlWriter("cleaned/"),
    ]

Each task starts one capsift process and streams its documents through it as
{"id", "text"} JSON lines: one line comes back per line, in order, so the
answers are matched to the documents in flight. A feeder thread writes while
the step reads (capsift answers in batches of 1000 lines: writing one document
and waiting for its answer would wait forever), and memory stays bounded.

The cleaned text (title, blank line, body, as `capsift clean` prints it)
replaces `text`; the rest of capsift's document goes to metadata["capsift"]. A
document capsift cannot clean is kept as it was with metadata["capsift_error"],
or dropped with drop_errors=True; both are counted in the step's stats. A
capsift that dies, or answers fewer lines than it was given, fails the task.

Check it for real, in a venv outside the repository:

    python3 -m venv ~/.cache/capsift-datatrove-venv
    ~/.cache/capsift-datatrove-venv/bin/pip install datatrove orjson   # orjson: JsonlReader/Writer
    cargo build --release
    ~/.cache/capsift-datatrove-venv/bin/python scripts/capsift_datatrove.py --check target/release/capsift
"""

import collections
import json
import subprocess
import threading

from datatrove.data import DocumentsPipeline
from datatrove.pipeline.base import PipelineStep


class CapsiftClean(PipelineStep):
    """Cleans each document's text with `capsift clean --input-format jsonl`."""

    name = "capsift"
    type = "✂️ - FORMAT"

    def __init__(self, binary: str, flags=("--jobs", "1"), drop_errors: bool = False):
        """binary: absolute path of capsift; flags: more `capsift clean` flags
        (--jobs 1 by default: the executor already runs a task per core)."""
        super().__init__()
        self.cmd = [binary, "clean", "--input-format", "jsonl", "--quiet", *flags]
        self.drop_errors = drop_errors

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        if data is None:
            return
        proc = subprocess.Popen(self.cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, env={})
        in_flight = collections.deque()  # documents written and not yet answered, in order
        failed = []

        def feed():
            try:
                for doc in data:
                    in_flight.append(doc)
                    line = json.dumps({"id": doc.id, "text": doc.text}, ensure_ascii=False)
                    proc.stdin.write(line.encode("utf-8") + b"\n")
            except BaseException as e:  # the reader failed, or capsift died
                failed.append(e)
            finally:
                try:
                    proc.stdin.close()
                except BrokenPipeError:
                    pass

        feeder = threading.Thread(target=feed, daemon=True)
        feeder.start()
        try:
            for out in proc.stdout:
                if not in_flight:
                    raise RuntimeError("capsift wrote more lines than it was given")
                doc = in_flight.popleft()
                record = json.loads(out)
                if record.get("id", doc.id) != doc.id:
                    raise RuntimeError(f"capsift answered {record.get('id')!r} for {doc.id!r}")
                self.stat_update("total")
                cleaned = record.get("capsift")
                error = record.get("error") if cleaned is None else cleaned.get("error")
                if error is not None:
                    self.stat_update("capsift_errors")
                    if self.drop_errors:
                        continue
                    doc.metadata["capsift_error"] = error
                    yield doc
                    continue
                title, body = cleaned.pop("title"), cleaned.pop("body")
                doc.text = f"{title}\n\n{body}" if title else body
                doc.metadata["capsift"] = cleaned
                self.stat_update("photos", value=len(cleaned["photos"]))
                self.update_doc_stats(doc)
                yield doc
        except GeneratorExit:
            proc.kill()
            raise
        feeder.join()
        code = proc.wait()
        if failed and not isinstance(failed[0], BrokenPipeError):
            raise failed[0]
        # 0: all cleaned; 1: some documents failed (kept or dropped above)
        if code not in (0, 1) or in_flight:
            raise RuntimeError(f"capsift exited {code} with {len(in_flight)} documents unanswered")


def _tree_cpu(root: int) -> float:
    """CPU seconds used so far by process `root` and its descendants, the
    reaped ones included (Linux /proc: utime + stime + cutime + cstime)."""
    import os

    procs, children = {}, {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open(f"/proc/{name}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            procs[int(name)] = sum(int(x) for x in fields[11:15])
            children.setdefault(int(fields[1]), []).append(int(name))
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += procs.get(pid, 0)
        todo.extend(children.get(pid, []))
    return total / os.sysconf("SC_CLK_TCK")


def _check(binary: str, count: int = 3000) -> int:
    """Runs a real datatrove pipeline (2 tasks) over fixtures/*/input.txt and
    compares every document with the CLI's own output. Prints PASS or FAIL."""
    import glob
    import gzip
    import os
    import sys
    import tempfile
    import time

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter

    binary = os.path.abspath(binary)
    here = os.path.dirname(os.path.abspath(__file__))
    fixtures = sorted(glob.glob(os.path.join(here, "..", "fixtures", "*", "input.txt")))
    work = tempfile.mkdtemp(prefix="capsift-datatrove.")
    os.makedirs(os.path.join(work, "in"))
    records = []
    for n in range(count):
        path = fixtures[n % len(fixtures)]
        with open(path, encoding="utf-8", errors="replace") as f:
            text = f.read()
        if n // len(fixtures):
            text = text.rstrip("\n") + f"\n\nThis is copy {n // len(fixtures)} of the article.\n"
        records.append({"id": f"{os.path.basename(os.path.dirname(path))}#{n}", "text": text})
    records.append({"id": "too-big", "text": "word " * 30000})  # over --max-bytes 64K: an error
    half = len(records) // 2
    for i, part in enumerate((records[:half], records[half:])):
        with open(os.path.join(work, "in", f"part{i}.jsonl"), "w", encoding="utf-8") as f:
            f.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in part)

    flags = ("--jobs", "1", "--max-bytes", "64K")
    cli_in = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode("utf-8")
    start, cpu = time.perf_counter(), _tree_cpu(os.getpid())
    cli = subprocess.run(
        [binary, "clean", "--input-format", "jsonl", "--quiet", "--max-bytes", "64K"],
        input=cli_in,
        capture_output=True,
        check=False,
    )
    cli_secs, cli_cpu = time.perf_counter() - start, _tree_cpu(os.getpid()) - cpu
    want = {}  # by position: an over-long line's error record has no id
    for record, line in zip(records, cli.stdout.decode("utf-8").splitlines()):
        out = json.loads(line)
        want[record["id"]] = out.get("capsift") or {"error": out.get("error")}

    start, cpu = time.perf_counter(), _tree_cpu(os.getpid())
    LocalPipelineExecutor(
        pipeline=[
            JsonlReader(os.path.join(work, "in")),
            CapsiftClean(binary, flags=flags),
            JsonlWriter(os.path.join(work, "out")),
        ],
        tasks=2,
        workers=2,
        logging_dir=os.path.join(work, "logs"),
    ).run()
    dt_secs, dt_cpu = time.perf_counter() - start, _tree_cpu(os.getpid()) - cpu
    got = {}
    for path in sorted(glob.glob(os.path.join(work, "out", "*.jsonl.gz"))):
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for line in f:
                doc = json.loads(line)
                got[doc["id"]] = doc

    problems = []
    if len(got) != len(records):
        problems.append(f"{len(got)} documents out of datatrove for {len(records)} in")
    equal = 0
    for rec_id, doc in want.items():
        out = got.get(rec_id)
        if out is None:
            problems.append(f"{rec_id}: missing")
            continue
        if "error" in doc:
            ok = out["metadata"].get("capsift_error") == doc["error"]
        else:
            doc = dict(doc)
            title, body = doc.pop("title"), doc.pop("body")
            ok = out["text"] == (f"{title}\n\n{body}" if title else body) and out["metadata"]["capsift"] == doc
        equal += ok
        if not ok:
            problems.append(f"{rec_id}: differs from the CLI's output")
    verdict = "PASS" if not problems else "FAIL"
    print(
        f"{verdict}: capsift_datatrove: {equal}/{len(records)} documents equal to the CLI's output "
        f"(2 tasks, 1 error document kept with capsift_error); "
        f"CLI alone {len(records) / cli_secs:.0f} docs/s, {cli_cpu / len(records) * 1e6:.0f} us CPU/doc; "
        f"datatrove {len(records) / dt_secs:.0f} docs/s, {dt_cpu / len(records) * 1e6:.0f} us CPU/doc "
        f"(whole pipeline: start-up, reading, gzip writing included)"
    )
    for p in problems[:10]:
        print(f"  {p}")
    if not problems:
        import shutil

        shutil.rmtree(work)
    else:
        print(f"  kept {work}", file=sys.stderr)
    return 0 if not problems else 1


if __name__ == "__main__":
    import argparse
    import sys

    ap = argparse.ArgumentParser(description="capsift as a datatrove step; --check runs it for real")
    ap.add_argument("--check", metavar="CAPSIFT", required=True, help="the capsift binary to check with")
    ap.add_argument("--records", type=int, default=3000, help="documents to run (default 3000)")
    args = ap.parse_args()
    sys.exit(_check(args.check, args.records))
