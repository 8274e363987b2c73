#!/usr/bin/env python3
"""capsift inside a real Apache Spark (local[2]), checked against the CLI.

Run it through scripts/spark_smoke.sh, which makes the venv with pyspark, checks
Java and builds the binary. This file:

1. builds a JSON Lines file of about 3000 records from fixtures/*/input.txt
   ({"id", "text"}, every record a distinct id and text), and a second one with
   a malformed line, a blank line and a record without "text" mixed in;
2. cleans both with the CLI alone (`capsift clean --input-format jsonl`): the
   reference output;
3. runs the same files through Spark, each split into 4 partitions:
   - RDD.pipe("<capsift> clean --input-format jsonl", checkCode=True, env={})
     on the clean file;
   - RDD.pipe through scripts/capsift-pipe (checkCode=True, env={}) and the
     README's mapPartitions recipe on the mixed file;
   and checks, record by record, that Spark's output is the CLI's: same count,
   same order, each record matched by id (an error record for an unparseable
   line by its `raw`) and JSON-equal;
4. checks that failures fail: a capsift fatal error under pipe(checkCode=True)
   and under the wrapper, a usage error and a cut-short output under the
   mapPartitions recipe must each make the Spark job fail;
5. prints one PASS or FAIL line with the counts and exits 1 on FAIL.

--bench times the CLI alone against the Spark recipes on the same file.
"""

import argparse
import glob
import json
import os
import shlex
import subprocess
import sys
import threading
import time

# --- the mapPartitions recipe, as README.md "Scaling out" shows it -----------


def capsift_partition(cmd):
    """A mapPartitions function that streams a partition's JSON lines (str)
    through `cmd` (capsift clean --input-format jsonl ..., absolute path, no
    --summary, no input files) and yields its output lines, in order. `cmd`
    may be a function returning the list, called in the task (SparkFiles.get)."""

    def run(lines):
        argv = cmd() if callable(cmd) else cmd
        proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, env={})
        sent, failed = 0, []

        def feed():  # in a thread: capsift answers a batch while the next goes in
            nonlocal sent
            try:
                for line in lines:
                    proc.stdin.write(line.encode("utf-8") + b"\n")
                    sent += 1
            except BaseException as e:  # the partition's own input failed, or capsift died
                failed.append(e)
            finally:
                try:
                    proc.stdin.close()
                except BrokenPipeError:
                    pass

        feeder = threading.Thread(target=feed, daemon=True)
        feeder.start()
        got = 0
        try:
            for out in proc.stdout:
                got += 1
                yield out.rstrip(b"\n").decode("utf-8")
        except GeneratorExit:  # the consumer stopped early (take, limit)
            proc.kill()
            raise
        feeder.join()
        code = proc.wait()
        if failed and not isinstance(failed[0], BrokenPipeError):
            raise failed[0]
        # 0: all cleaned; 1: some lines became error records, which is not
        # fatal as long as every line came back; anything else is.
        if code not in (0, 1) or got != sent:
            raise RuntimeError(f"{argv[0]} exited {code} after {got} of {sent} lines")

    return run


# --- inputs -----------------------------------------------------------------


def build_inputs(fixtures_dir, records, work):
    """Writes good.jsonl (`records` records) and mixed.jsonl (the same plus a
    malformed line, a blank line and a record without text, mid-file)."""
    fixtures = sorted(glob.glob(os.path.join(fixtures_dir, "*", "input.txt")))
    if not fixtures:
        sys.exit(f"spark_smoke: no fixtures under {fixtures_dir}")
    texts = []
    for path in fixtures:
        with open(path, "rb") as f:
            texts.append((os.path.basename(os.path.dirname(path)), f.read().decode("utf-8", "replace")))
    lines = []
    for n in range(records):
        name, text = texts[n % len(texts)]
        copy = n // len(texts)
        if copy:  # every record its own text, so a mix-up cannot go unseen
            text = text.rstrip("\n") + f"\n\nThis is copy {copy} of the {name} article.\n"
        lines.append(json.dumps({"id": f"{name}#{n}", "text": text}, ensure_ascii=False))
    good = os.path.join(work, "good.jsonl")
    with open(good, "w", encoding="utf-8") as f:
        f.writelines(line + "\n" for line in lines)
    mixed_lines = list(lines)
    # from the end backwards, so each lands where it says
    mixed_lines.insert(records * 7 // 8, json.dumps({"id": "no-text-1", "body": "a record without text"}))
    mixed_lines.insert(records * 3 // 4, "")
    mixed_lines.insert(records // 2, '{"id": "malformed-1", "text": "an unterminated string')
    mixed = os.path.join(work, "mixed.jsonl")
    with open(mixed, "w", encoding="utf-8") as f:
        f.writelines(line + "\n" for line in mixed_lines)
    return good, mixed, len(lines), len(mixed_lines)


def cli_reference(capsift, path, flags):
    """The CLI's own output for `path`, its exit code and its wall time."""
    start = time.perf_counter()
    with open(path, "rb") as f:
        proc = subprocess.run(
            [capsift, "clean", "--input-format", "jsonl", *flags], stdin=f, capture_output=True, check=False
        )
    secs = time.perf_counter() - start
    lines = proc.stdout.decode("utf-8").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines, proc.returncode, secs


# --- comparing --------------------------------------------------------------


def keyed(lines):
    """Each output line's key and JSON value. A record is keyed by its id; an
    error record for an unparseable line by its raw line, with `line` taken
    out (it counts lines of the stream capsift was given: under Spark, of the
    partition); a blank line by its position among blank lines."""
    out, blanks = [], 0
    for text in lines:
        if not text.strip():
            blanks += 1
            out.append((("blank", blanks), text))
            continue
        value = json.loads(text)
        if "id" in value:
            key = ("id", json.dumps(value["id"], sort_keys=True))
        elif "raw" in value and "line" in value:
            key = ("raw", value["raw"])
            value = {k: v for k, v in value.items() if k != "line"}
        else:
            key = ("line", text)
        out.append((key, value))
    return out


def compare(label, spark_lines, cli_lines, problems):
    """Record-by-record comparison; appends problems, returns (records
    equal, records in the CLI's output, whether all matched in order)."""
    before = len(problems)
    spark, cli = keyed(spark_lines), keyed(cli_lines)
    if len(spark) != len(cli):
        problems.append(f"{label}: {len(spark)} lines from Spark, {len(cli)} from the CLI")
    spark_map, cli_map = dict(spark), dict(cli)
    if len(spark_map) != len(spark):
        problems.append(f"{label}: duplicate keys in Spark's output")
    missing = [k for k in cli_map if k not in spark_map]
    extra = [k for k in spark_map if k not in cli_map]
    if missing:
        problems.append(f"{label}: {len(missing)} records missing from Spark's output, e.g. {missing[0]}")
    if extra:
        problems.append(f"{label}: {len(extra)} records only in Spark's output, e.g. {extra[0]}")
    differ = [k for k, v in cli_map.items() if k in spark_map and spark_map[k] != v]
    if differ:
        problems.append(f"{label}: {len(differ)} records differ, e.g. {differ[0]}")
    if [k for k, _ in spark] != [k for k, _ in cli]:
        problems.append(f"{label}: the order differs")
    equal = sum(1 for k, v in cli_map.items() if spark_map.get(k) == v)
    return equal, len(cli), len(problems) == before


def error_lines(lines):
    """`line` of each error record for an unparseable line."""
    return [v["line"] for v in map(json.loads, filter(str.strip, lines)) if "raw" in v and "line" in v]


# --- Spark ------------------------------------------------------------------


def spark_context():
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    spark = (
        SparkSession.builder.master("local[2]")
        .appName("capsift-spark-smoke")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.memory", "2g")
        .config("spark.python.worker.reuse", "true")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def job_fails(sc, action):
    """Runs a Spark action that must fail; returns (failed, first line of the reason)."""
    sc.setLogLevel("OFF")  # the expected task failure would log a long stack trace
    try:
        action()
    except Exception as e:  # Py4JJavaError / PythonException: the task failed
        text = str(e)
        for needle in ("PIPE_FUNCTION_EXITED", "RuntimeError:", "exited"):
            i = text.find(needle)
            if i >= 0:
                end = text.find("\n", i)
                return True, text[i : end if end >= 0 else len(text)].strip()[:240]
        return True, text.strip().split("\n")[0][:240]
    finally:
        sc.setLogLevel("ERROR")
    return False, "the job succeeded"


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--capsift", required=True, help="absolute path of the capsift binary")
    ap.add_argument("--fixtures", default=os.path.join(here, "..", "fixtures"))
    ap.add_argument("--work", required=True, help="a scratch directory")
    ap.add_argument("--records", type=int, default=3000)
    ap.add_argument("--partitions", type=int, default=4)
    ap.add_argument("--bench", action="store_true", help="also time the CLI against the Spark recipes")
    args = ap.parse_args()
    capsift = os.path.abspath(args.capsift)
    wrapper = os.path.join(here, "capsift-pipe")
    problems, passed, checks = [], 0, 0
    equals = []  # (recipe, records equal to the CLI's, records)

    def check(ok, what):
        nonlocal passed, checks
        checks += 1
        passed += bool(ok)
        print(f"  {'ok  ' if ok else 'FAIL'} {what}", flush=True)
        if not ok:
            problems.append(what)

    good, mixed, n_good, n_mixed = build_inputs(args.fixtures, args.records, args.work)
    size = os.path.getsize(good)
    print(f"input: {good}: {n_good} records, {size / 1e6:.1f} MB; {mixed}: {n_mixed} lines", flush=True)

    quiet = ["--quiet"]
    ref_good, code, cli_secs = cli_reference(capsift, good, quiet)
    check(code == 0 and len(ref_good) == n_good, f"CLI alone, good.jsonl: exit {code}, {len(ref_good)} lines")
    ref_mixed, code, _ = cli_reference(capsift, mixed, quiet)
    check(
        code == 1 and len(ref_mixed) == n_mixed,
        f"CLI alone, mixed.jsonl: exit {code} (1: some records failed), {len(ref_mixed)} lines",
    )

    t0 = time.perf_counter()
    spark = spark_context()
    sc = spark.sparkContext
    print(f"spark {spark.version}, master {sc.master}, started in {time.perf_counter() - t0:.1f} s", flush=True)

    def text_rdd(path):
        return sc.textFile("file://" + path, minPartitions=args.partitions)

    base_cmd = [capsift, "clean", "--input-format", "jsonl", "--quiet"]
    pipe_cmd = shlex.join(base_cmd)

    # 1. the contract under RDD.pipe, on the clean file
    rdd = text_rdd(good)
    parts = rdd.getNumPartitions()
    t0 = time.perf_counter()
    out = rdd.pipe(pipe_cmd, env={}, checkCode=True).collect()
    pipe_secs = time.perf_counter() - t0
    equal, total, same = compare("pipe good.jsonl", out, ref_good, problems)
    equals.append(("rdd.pipe", equal, n_good))
    check(
        same and equal == total == len(out) == n_good,
        f"rdd.pipe(capsift, checkCode=True, env={{}}), {parts} partitions: "
        f"{len(out)} lines out for {n_good} in, {equal}/{total} records equal to the CLI's, same order",
    )

    # 2. error records flow through: the wrapper under pipe, and mapPartitions
    rdd = text_rdd(mixed)
    out = rdd.pipe(shlex.join([wrapper, capsift, "--quiet"]), env={}, checkCode=True).collect()
    equal, total, same = compare("capsift-pipe mixed.jsonl", out, ref_mixed, problems)
    equals.append(("capsift-pipe", equal, n_mixed))
    check(
        same and equal == total == len(out) == n_mixed,
        f"rdd.pipe(capsift-pipe capsift, checkCode=True, env={{}}), mixed.jsonl: "
        f"{len(out)} lines out for {n_mixed} in, {equal}/{total} equal (error record, blank line included)",
    )
    # the binary shipped with the job, found in the task
    from pyspark import SparkFiles

    sc.addFile(capsift)
    shipped = capsift_partition(lambda: [SparkFiles.get("capsift")] + base_cmd[1:] + ["--jobs", "1"])
    out = rdd.mapPartitions(shipped).collect()
    equal, total, same = compare("mapPartitions mixed.jsonl", out, ref_mixed, problems)
    equals.append(("mapPartitions", equal, n_mixed))
    check(
        same and equal == total == len(out) == n_mixed,
        f"rdd.mapPartitions(capsift_partition(...)), binary from sc.addFile, mixed.jsonl: "
        f"{len(out)} lines out, {equal}/{total} equal",
    )
    print(
        f"  note: the malformed line is line {error_lines(ref_mixed)} of the file for the CLI, "
        f"line {error_lines(out)} of its partition under Spark (`line` counts what capsift was given)",
        flush=True,
    )

    # 3. failures fail the job
    afile = os.path.join(args.work, "a-file")
    open(afile, "w").close()
    fatal = shlex.join(base_cmd + ["--summary", os.path.join(afile, "summary.json")])
    failed, why = job_fails(sc, lambda: text_rdd(good).pipe(fatal, env={}, checkCode=True).collect())
    check(failed, f"a fatal error (summary cannot be written) fails pipe(checkCode=True): {why}")
    fatal_wrapped = shlex.join([wrapper, capsift, "--quiet", "-", args.work])  # a directory as 2nd input
    failed, why = job_fails(sc, lambda: text_rdd(good).pipe(fatal_wrapped, env={}, checkCode=True).collect())
    check(failed, f"a fatal error (unreadable input) fails capsift-pipe under pipe(checkCode=True): {why}")
    usage = capsift_partition(base_cmd + ["--no-such-flag"])
    failed, why = job_fails(sc, lambda: text_rdd(good).mapPartitions(usage).collect())
    check(failed, f"a usage error fails the mapPartitions recipe: {why}")
    cut = capsift_partition(["/usr/bin/head", "-n", "10"])
    failed, why = job_fails(sc, lambda: text_rdd(good).mapPartitions(cut).collect())
    check(failed, f"a cut-short output with exit 0 fails the mapPartitions recipe: {why}")

    # 4. informational: the bare binary under pipe(checkCode=True) on a file with an error record
    failed, why = job_fails(sc, lambda: text_rdd(mixed).pipe(pipe_cmd, env={}, checkCode=True).collect())
    print(
        "  info: bare capsift under pipe(checkCode=True) on mixed.jsonl: "
        + (f"job failed ({why}); capsift exits 1 when any record failed" if failed else "job succeeded"),
        flush=True,
    )

    print(
        f"timing: CLI alone {n_good / cli_secs:.0f} records/s ({cli_secs:.2f} s); "
        f"rdd.pipe {n_good / pipe_secs:.0f} records/s ({pipe_secs:.2f} s, first job, local[2])",
        flush=True,
    )
    if args.bench:
        bench(sc, capsift, good, n_good, parts, args.partitions)
    version = spark.version
    spark.stop()

    verdict = "PASS" if not problems else "FAIL"
    print(
        f"{verdict}: spark_smoke: {passed}/{checks} checks passed; records equal to the CLI's: "
        + ", ".join(f"{label} {eq}/{tot}" for label, eq, tot in equals)
        + f" (Spark {version}, local[2], {parts} partitions)",
        flush=True,
    )
    for p in problems:
        print(f"  {p}", flush=True)
    return 0 if not problems else 1


def tree_cpu(root):
    """CPU seconds used so far by process `root` and its descendants, the
    reaped ones included (Linux /proc: utime + stime + cutime + cstime)."""
    procs, children = {}, {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid, ppid = int(name), int(fields[1])
        procs[pid] = sum(int(x) for x in fields[11:15])
        children.setdefault(ppid, []).append(pid)
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += procs.get(pid, 0)
        todo.extend(children.get(pid, []))
    return total / os.sysconf("SC_CLK_TCK")


def bench(sc, capsift, path, n, parts, min_partitions):
    """Best of 3 for the same file: CLI alone, Spark without capsift, Spark
    with it. Wall time, and CPU time of every process involved (for Spark:
    the JVM, its Python workers, capsift, and this driver), which holds up
    on a shared machine where wall time does not."""
    import resource

    jvm = sc._gateway.proc.pid  # spark-submit execs the JVM: the root of the executors' processes

    def spark_cpu():  # this driver, the JVM and everything under it
        me = resource.getrusage(resource.RUSAGE_SELF)
        return me.ru_utime + me.ru_stime + tree_cpu(jvm)

    def cli_cpu():  # the CLI runs are this driver's children
        kids = resource.getrusage(resource.RUSAGE_CHILDREN)
        return kids.ru_utime + kids.ru_stime

    def best(fn, cpu_now=spark_cpu, runs=3):
        walls, cpus = [], []
        for _ in range(runs):
            c0, t0 = cpu_now(), time.perf_counter()
            fn()
            walls.append(time.perf_counter() - t0)
            cpus.append(cpu_now() - c0)
        return min(walls), min(cpus)

    def cli(flags):
        return best(lambda: cli_reference(capsift, path, ["--quiet", *flags]), cli_cpu)

    rdd = sc.textFile("file://" + path, minPartitions=min_partitions).cache()
    rdd.count()  # read once, so the jobs below time the work, not the disk
    base = [capsift, "clean", "--input-format", "jsonl", "--quiet"]
    rows = [
        ("CLI alone, all cores (2 threads)", cli([])),
        ("CLI alone, --jobs 1", cli(["--jobs", "1"])),
        ("Spark, cached lines, count only (no capsift)", best(lambda: rdd.count())),
        ("Spark, rdd.pipe('cat') (no capsift)", best(lambda: rdd.pipe("/bin/cat").count())),
        ("Spark, rdd.pipe(capsift), all cores per task", best(lambda: rdd.pipe(shlex.join(base)).count())),
        (
            "Spark, rdd.pipe(capsift --jobs 1)",
            best(lambda: rdd.pipe(shlex.join(base + ["--jobs", "1"])).count()),
        ),
        (
            "Spark, rdd.mapPartitions(capsift_partition, --jobs 1)",
            best(lambda: rdd.mapPartitions(capsift_partition(base + ["--jobs", "1"])).count()),
        ),
    ]
    size = os.path.getsize(path)
    print(f"bench: {n} records, {size / 1e6:.1f} MB, {parts} partitions, local[2], best of 3:", flush=True)
    print(f"  {'':<55} {'wall':>7} {'records/s':>10} {'CPU':>8} {'CPU/record':>11}")
    for label, (wall, cpu) in rows:
        print(f"  {label:<55} {wall:6.2f}s {n / wall:10.0f} {cpu:7.2f}s {cpu / n * 1e6:8.0f} us")
    rdd.unpersist()


if __name__ == "__main__":
    sys.exit(main())
