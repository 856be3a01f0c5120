#!/usr/bin/env python3
"""kg's benchmark: generates the corpus, times `kg build`, `kg export` and the query commands,
counts instructions with callgrind, prints a table and writes bench/results-<date>.json.

Called by scripts/bench.sh after the release build; see `scripts/bench.sh --help`.
"""

import argparse
import datetime
import json
import os
import platform
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FINRE = os.path.normpath(os.path.join(ROOT, "..", "shared", "eval", "finre", "train.txt"))
SAMPLE = os.path.join(ROOT, "samples", "sample-article-jiangsu-hitech-zones.txt")
MB = 1024 * 1024


def log(message):
    print(message, file=sys.stderr, flush=True)


def folder_bytes(path):
    if os.path.isfile(path):
        return os.path.getsize(path)
    total = 0
    for folder, _, files in os.walk(path):
        total += sum(os.path.getsize(os.path.join(folder, name)) for name in files)
    return total


def store_bytes(db):
    return sum(os.path.getsize(db + suffix) for suffix in ("", "-wal") if os.path.exists(db + suffix))


def remove_store(db):
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)


def parse_time_v(path):
    """Wall seconds, CPU seconds and peak RSS (MB) from /usr/bin/time -v."""
    text = open(path, encoding="utf-8", errors="replace").read()

    def field(name):
        match = re.search(re.escape(name) + r":\s*(.+)", text)
        return match.group(1).strip() if match else None

    wall_text = field("Elapsed (wall clock) time (h:mm:ss or m:ss)")
    parts = [float(p) for p in wall_text.split(":")]
    wall = sum(value * 60 ** (len(parts) - 1 - i) for i, value in enumerate(parts))
    cpu = float(field("User time (seconds)")) + float(field("System time (seconds)"))
    rss = int(field("Maximum resident set size (kbytes)")) / 1024
    return wall, cpu, rss


def parse_build_output(text):
    """Counts from kg build's summary lines."""
    counts = {}
    match = re.search(r"(\d+) documents written.*?; (\d+) sentences, (\d+) extractions", text)
    if match:
        counts["documents"], counts["sentences"], counts["extractions"] = map(int, match.groups())
    match = re.search(r"store: .*?(\d+) entities, (\d+) triples, (\d+) evidence rows", text)
    if match:
        counts["entities"], counts["triples"], counts["evidence"] = map(int, match.groups())
    return counts


def parse_writer_cpu(text):
    """The writer's CPU seconds from `kg build --report-writer-cpu` (its standard error)."""
    match = re.search(r"writer: ([\d.]+) CPU s on the writing thread", text)
    return float(match.group(1)) if match else None


def timed(command, time_file, stdout_path=None):
    """Runs `command` under /usr/bin/time -v; returns (returncode, wall, cpu, rss_mb, stdout)."""
    with open(stdout_path or os.devnull, "w") as out, open(time_file + ".err", "w") as err:
        code = subprocess.call(["/usr/bin/time", "-v", "-o", time_file] + command, stdout=out, stderr=err)
    wall, cpu, rss = parse_time_v(time_file)
    text = open(stdout_path, encoding="utf-8").read() if stdout_path else ""
    return code, wall, cpu, rss, text


def generate(kind, size_mb, folder, seed):
    out = os.path.join(folder, f"{kind}-{size_mb}")
    subprocess.check_call(
        [sys.executable, os.path.join(ROOT, "scripts", "bench", "make-corpus.py"), "--finre", FINRE, "--sample", SAMPLE,
         "--size-mb", str(size_mb), "--layout", kind, "--out", out, "--seed", str(seed)],
        stdout=subprocess.DEVNULL)
    return out


def bench_build(kg, corpus, size_mb, kind, jobs, runs, work, another_run=lambda seconds: True):
    """Times `runs` builds of `corpus` (fewer when `another_run(seconds of the last run)` says no)."""
    corpus_bytes = folder_bytes(corpus)
    db = os.path.join(work, f"build-{kind}-{size_mb}-j{jobs}.sqlite")
    samples = []
    for run in range(runs):
        if samples and not another_run(samples[-1]["wall"]):
            break
        remove_store(db)
        time_file = os.path.join(work, "time.txt")
        out_file = os.path.join(work, "build.out")
        # --report-writer-cpu: the CPU time of the thread holding the write transaction, the part
        # of a build no number of workers shares (printed on standard error).
        code, wall, cpu, rss, text = timed(
            [kg, "build", corpus, "--db", db, "--jobs", str(jobs), "--report-writer-cpu"], time_file, out_file)
        if code != 0:
            log(open(time_file + ".err").read()[-2000:])
            raise SystemExit(f"kg build failed on {corpus} (exit {code})")
        counts = parse_build_output(text)
        writer = parse_writer_cpu(open(time_file + ".err", encoding="utf-8", errors="replace").read())
        samples.append({"wall": wall, "cpu": cpu, "rss_mb": rss, "writer_cpu": writer, **counts})
        log(f"  {kind:6} {size_mb:>5} MB  --jobs {jobs}  run {run + 1}: {wall:7.2f} s  "
            f"{corpus_bytes / MB / wall:6.2f} MB/s  peak {rss:6.1f} MB"
            + (f"  writer {writer / (corpus_bytes / MB):.3f} s/MB" if writer is not None else ""))
    wall = statistics.median(s["wall"] for s in samples)
    cpu = statistics.median(s["cpu"] for s in samples)
    writers = [s["writer_cpu"] for s in samples if s["writer_cpu"] is not None]
    writer_per_mb = statistics.median(writers) / (corpus_bytes / MB) if writers else None
    last = samples[-1]
    return {
        "corpus": kind, "size_mb": size_mb, "bytes": corpus_bytes, "jobs": jobs, "runs": len(samples),
        "seconds_median": round(wall, 3), "seconds_all": [round(s["wall"], 3) for s in samples],
        "cpu_seconds_median": round(cpu, 3),
        "mb_per_s": round(corpus_bytes / MB / wall, 3),
        "mb_per_s_per_core": round(corpus_bytes / MB / wall / jobs, 3),
        "mb_per_cpu_second": round(corpus_bytes / MB / cpu, 3),
        "sentences_per_s": round(last.get("sentences", 0) / wall),
        "extractions_per_s": round(last.get("extractions", 0) / wall),
        "peak_rss_mb": round(max(s["rss_mb"] for s in samples), 1),
        # The writer's CPU seconds per MB of input and the throughput it caps any build at.
        "writer_cpu_s_per_mb": round(writer_per_mb, 4) if writer_per_mb else None,
        "writer_ceiling_mb_per_s": round(1 / writer_per_mb, 2) if writer_per_mb else None,
        "store_mb": round(store_bytes(db) / MB, 2),
        "counts": {k: v for k, v in last.items() if k not in ("wall", "cpu", "rss_mb", "writer_cpu")},
        "db": db,
    }


def bench_export(kg, db, work, runs):
    results = []
    for fmt in ("jsonld", "nquads"):
        output = os.path.join(work, f"export.{fmt}")
        walls = []
        rss = 0
        for _ in range(runs):
            code, wall, _, peak, _ = timed(
                [kg, "export", "--db", db, "--format", fmt, "--output", output], os.path.join(work, "time.txt"))
            if code != 0:
                log(open(os.path.join(work, "time.txt.err")).read()[-2000:])
                raise SystemExit(f"kg export --format {fmt} failed (exit {code})")
            walls.append(wall)
            rss = max(rss, peak)
        size = os.path.getsize(output)
        wall = statistics.median(walls)
        results.append({
            "format": fmt, "seconds_median": round(wall, 3), "output_mb": round(size / MB, 2),
            "output_mb_per_s": round(size / MB / wall, 2), "store_mb_per_s": round(store_bytes(db) / MB / wall, 2),
            "peak_rss_mb": round(rss, 1),
        })
        log(f"  export {fmt}: {wall:.2f} s, {size / MB:.1f} MB written")
        os.remove(output)
    return results


def bench_queries(kg, db, work, runs):
    """Latencies of kg query / neighbors / path when the binary has them."""
    help_text = subprocess.run([kg, "--help"], capture_output=True, text=True).stdout
    present = {name for name in ("query", "neighbors", "path") if re.search(rf"^\s+{name}\b", help_text, re.M)}
    if not present:
        return {"note": "this kg has no query, neighbors or path command yet; query latencies skipped"}
    connection = sqlite3.connect(db)
    # The best-connected entities and their most common predicate make a realistic workload. They
    # are named by id (#N): a label may name several entities, which kg rightly refuses to guess.
    top = connection.execute(
        """SELECT e.id, count(*) AS degree FROM entities e JOIN triples t ON t.subject = e.id OR t.object = e.id
           GROUP BY e.id ORDER BY degree DESC LIMIT 2""").fetchall()
    predicate, obj = connection.execute(
        """SELECT t.predicate, t.object FROM triples t
           GROUP BY t.predicate, t.object ORDER BY count(*) DESC LIMIT 1""").fetchone()
    connection.close()
    commands = {
        "query": [kg, "query", "--db", db, f"?s {predicate} #{obj}"],
        "neighbors": [kg, "neighbors", "--db", db, f"#{top[0][0]}"],
        "path": [kg, "path", "--db", db, f"#{top[0][0]}", f"#{top[1][0]}"],
    }
    results = {}
    for name in sorted(present):
        walls = []
        code = 0
        for _ in range(runs):
            start = time.perf_counter()
            code = subprocess.call(commands[name], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            walls.append(time.perf_counter() - start)
        results[name] = {"command": " ".join(commands[name][1:]), "ms_median": round(statistics.median(walls) * 1000, 1),
                         "exit": code}
        log(f"  {name}: {results[name]['ms_median']} ms (exit {code})")
    missing = sorted({"query", "neighbors", "path"} - present)
    if missing:
        results["note"] = f"not in this kg: {', '.join(missing)}"
    return results


def callgrind_input(folder):
    """The fixed small input: the sample article and 200 FinRE sentences (numbers filled with
    fixed digits), as two files."""
    os.makedirs(folder, exist_ok=True)
    shutil.copy(SAMPLE, os.path.join(folder, "sample.txt"))
    seen, sentences = set(), []
    with open(FINRE, encoding="utf-8") as handle:
        for line in handle:
            fields = line.rstrip("\n").split("\t")
            if len(fields) >= 4 and fields[3] not in seen:
                seen.add(fields[3])
                sentences.append(fields[3].replace("<N>", "12"))
            if len(sentences) == 200:
                break
    paragraphs = ["".join(sentences[i:i + 5]) for i in range(0, len(sentences), 5)]
    with open(os.path.join(folder, "finre-200.txt"), "w", encoding="utf-8") as handle:
        handle.write("\n\n".join(paragraphs) + "\n")
    return folder


def callgrind_total(kg, inputs, work, name):
    out = os.path.join(work, f"callgrind.{name}.out")
    db = os.path.join(work, f"callgrind-{name}.sqlite")
    remove_store(db)
    # Swift seeds its hashing randomly per process; fixed seeding makes the count repeatable.
    environment = dict(os.environ, SWIFT_DETERMINISTIC_HASHING="1")
    code = subprocess.call(
        ["valgrind", "--tool=callgrind", "--dump-instr=no", f"--callgrind-out-file={out}",
         kg, "build", *inputs, "--db", db, "--jobs", "1", "--quiet"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=environment)
    if code not in (0, 1):
        raise SystemExit(f"callgrind run failed (exit {code})")
    for line in open(out, encoding="utf-8", errors="replace"):
        if line.startswith("summary:") or line.startswith("totals:"):
            return int(line.split()[1]), out
    raise SystemExit(f"no instruction total in {out}")


def bench_callgrind(kg, work, baseline_path, record):
    if not shutil.which("valgrind"):
        return {"note": "valgrind is not installed; instruction counts skipped"}
    folder = callgrind_input(os.path.join(work, "callgrind-input"))
    empty = os.path.join(work, "callgrind-empty")
    os.makedirs(empty, exist_ok=True)
    with open(os.path.join(empty, "one.txt"), "w", encoding="utf-8") as handle:
        handle.write("一句话。\n")
    log("  callgrind: startup (one short file) ...")
    startup, _ = callgrind_total(kg, [empty], work, "startup")
    log("  callgrind: sample article + 200 FinRE sentences ...")
    total, out = callgrind_total(kg, [folder], work, "input")
    result = {"input_bytes": folder_bytes(folder), "instructions_total": total, "instructions_startup": startup,
              "instructions_input": total - startup}
    top = subprocess.run(["callgrind_annotate", "--inclusive=no", out], capture_output=True, text=True).stdout
    result["top_functions"] = [line.strip() for line in top.splitlines() if re.match(r"^\s*[\d,]+ \(", line)][1:16]
    if os.path.exists(baseline_path):
        baseline = json.load(open(baseline_path))
        for key in ("instructions_total", "instructions_startup", "instructions_input"):
            if baseline.get(key):
                result[key.replace("instructions", "change") + "_percent"] = round(
                    (result[key] - baseline[key]) * 100 / baseline[key], 2)
        result["baseline"] = {k: baseline.get(k) for k in ("commit", "date", "instructions_total")}
    if record:
        os.makedirs(os.path.dirname(baseline_path), exist_ok=True)
        commit = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], capture_output=True,
                                text=True).stdout.strip()
        json.dump({"commit": commit, "date": datetime.date.today().isoformat(),
                   **{k: result[k] for k in ("input_bytes", "instructions_total", "instructions_startup",
                                             "instructions_input")}},
                  open(baseline_path, "w"), indent=2)
        log(f"  recorded the baseline in {baseline_path}")
    return result


def print_table(results):
    print()
    print(f"kg benchmark, {results['machine']['cores']} cores, commit {results['commit']}, {results['date']}")
    print()
    header = ("corpus", "MB", "jobs", "runs", "s", "MB/s", "MB/s/core", "MB/cpu-s", "sent/s", "extr/s", "peak MB", "store MB",
              "writer s/MB", "ceiling MB/s")
    rows = [header]
    for b in results["builds"]:
        rows.append((b["corpus"], f"{b['bytes'] / MB:.0f}", str(b["jobs"]), str(b["runs"]), f"{b['seconds_median']:.2f}",
                     f"{b['mb_per_s']:.2f}", f"{b['mb_per_s_per_core']:.2f}", f"{b['mb_per_cpu_second']:.2f}",
                     f"{b['sentences_per_s']:,}", f"{b['extractions_per_s']:,}", f"{b['peak_rss_mb']:.0f}",
                     f"{b['store_mb']:.1f}",
                     f"{b['writer_cpu_s_per_mb']:.3f}" if b.get("writer_cpu_s_per_mb") else "-",
                     f"{b['writer_ceiling_mb_per_s']:.1f}" if b.get("writer_ceiling_mb_per_s") else "-"))
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    for row in rows:
        print("  ".join(cell.rjust(w) if i else cell.ljust(w) for i, (cell, w) in enumerate(zip(row, widths))))
    for key, value in results.get("scaling", {}).items():
        if key.endswith("CPU seconds"):
            print(f"CPU time {key.replace(', CPU seconds', '')}: {value}x (1.0 = no parallel overhead)")
        else:
            print(f"speed-up {key}: {value}x")
    print("writer s/MB: CPU seconds on the thread holding the write transaction per MB of input; "
          "ceiling = 1 / that, the most MB/s any number of workers can reach")
    for note in results.get("skipped", []):
        print(note)
    if results.get("export"):
        print()
        for e in results["export"]:
            print(f"export {e['format']:7} {e['seconds_median']:7.2f} s  {e['output_mb']:8.1f} MB out  "
                  f"{e['output_mb_per_s']:7.2f} MB/s out  {e['store_mb_per_s']:7.2f} MB/s of store  peak {e['peak_rss_mb']:.0f} MB")
    queries = results.get("queries", {})
    if queries:
        print()
        for name, q in queries.items():
            print(f"{name}: {q}" if name == "note" else f"{name:9} {q['ms_median']:8.1f} ms  ({q['command']})")
    c = results.get("callgrind", {})
    if c.get("instructions_total"):
        print()
        print(f"callgrind on {c['input_bytes']:,} bytes: {c['instructions_total']:,} instructions "
              f"({c['instructions_startup']:,} startup, {c['instructions_input']:,} for the input)")
        for key in ("change_total_percent", "change_startup_percent", "change_input_percent"):
            if key in c:
                print(f"  {key.replace('_percent', '').replace('change_', 'change vs baseline, ')}: {c[key]:+.2f} %")
    elif c.get("note"):
        print(c["note"])


def main():
    parser = argparse.ArgumentParser(description="kg benchmark")
    parser.add_argument("--kg", required=True)
    parser.add_argument("--quick", action="store_true", help="10 MB only")
    parser.add_argument("--large", action="store_true", help="add 1 GB")
    parser.add_argument("--sizes", help="corpus sizes in MB, comma-separated (overrides --quick and --large)")
    parser.add_argument("--runs", type=int, default=0, help="runs per measurement (default 3 for 10 MB, 2 above)")
    parser.add_argument("--seed", type=int, default=20240601)
    parser.add_argument("--budget", type=float, default=10,
                        help="minutes; measurements predicted to overrun are skipped (0: no limit)")
    parser.add_argument("--record-baseline", action="store_true")
    parser.add_argument("--no-callgrind", action="store_true")
    parser.add_argument("--callgrind-only", action="store_true", help="instruction counts only, no timings")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--output", help="the JSON file to write (default bench/results-<date>.json)")
    parser.add_argument("--only", choices=["files", "single"], help="one corpus layout only")
    args = parser.parse_args()

    kg = os.path.abspath(args.kg)
    cores = os.cpu_count() or 1
    sizes = [10] if args.quick else [10, 100]
    if args.large:
        sizes.append(1024)
    if args.sizes:
        sizes = [float(x) if "." in x else int(x) for x in args.sizes.split(",")]
    work = tempfile.mkdtemp(prefix="kg-bench-")
    log(f"kg bench: working in {work}")
    commit = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True).stdout.strip()
    results = {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "commit": commit,
        "machine": {"cores": cores, "platform": platform.platform(), "processor": cpu_model()},
        "seed": args.seed, "builds": [], "scaling": {},
    }
    try:
        if args.callgrind_only:
            sizes = []
        layouts = [args.only] if args.only else ["files", "single"]
        job_counts = [1, cores] if cores > 1 else [1]
        started = time.monotonic()
        plan = [(size, kind, jobs) for size in sizes for kind in layouts for jobs in job_counts]
        seconds_per_mb = {}  # jobs -> median seconds per MB of the latest measurement

        def predicted(size, jobs):
            if jobs in seconds_per_mb:
                return seconds_per_mb[jobs] * size
            if seconds_per_mb:  # from another job count, assuming perfect scaling
                other, rate = next(iter(seconds_per_mb.items()))
                return rate * other / jobs * size
            return 0.0

        def remaining():
            # About two minutes stay for export, queries and callgrind.
            return args.budget * 60 - 120 - (time.monotonic() - started)

        results["skipped"] = []
        corpus, corpus_key = None, None
        for position, (size, kind, jobs) in enumerate(plan):
            runs = args.runs or (3 if size <= 10 else 2 if size <= 100 else 1)
            if args.budget > 0 and seconds_per_mb:
                one = predicted(size, jobs)
                if one > remaining():
                    note = (f"{kind} {size} MB --jobs {jobs}: skipped, a run is predicted to take {one:.0f} s, "
                            f"beyond the {args.budget:g}-minute budget (--budget 0 runs everything)")
                    log("  " + note)
                    results["skipped"].append(note)
                    continue

            def another_run(seconds, size=size, jobs=jobs, position=position):
                # A further run only while every later measurement still fits once.
                if args.budget <= 0:
                    return True
                seconds_per_mb.setdefault(jobs, seconds / size)
                later = sum(predicted(s, j) for s, _, j in plan[position + 1:])
                return remaining() - later >= seconds
            if corpus_key != (kind, size):
                if corpus:
                    shutil.rmtree(corpus)
                log(f"generating {kind} {size} MB ...")
                corpus, corpus_key = generate(kind, size, work, args.seed), (kind, size)
            build = bench_build(kg, corpus, size, kind, jobs, runs, work, another_run)
            seconds_per_mb[jobs] = build["seconds_median"] / size
            results["builds"].append(build)
        if corpus:
            shutil.rmtree(corpus)
        for size in sizes:
            for kind in layouts:
                measured = {b["jobs"]: b for b in results["builds"] if b["size_mb"] == size and b["corpus"] == kind}
                if 1 in measured and cores in measured and cores > 1:
                    results["scaling"][f"{kind} {size} MB --jobs {cores} vs 1"] = round(
                        measured[1]["seconds_median"] / measured[cores]["seconds_median"], 2)
                    results["scaling"][f"{kind} {size} MB --jobs {cores} vs 1, CPU seconds"] = round(
                        measured[cores]["cpu_seconds_median"] / measured[1]["cpu_seconds_median"], 2)
        # Export and queries on the largest store built from many files (the realistic one).
        if results["builds"]:
            largest = max(b["size_mb"] for b in results["builds"])
            candidates = [b for b in results["builds"] if b["size_mb"] == largest]
            store = next((b for b in candidates if b["corpus"] == "files"), candidates[0])
            log(f"export and queries on {store['db']} ...")
            results["export_store"] = {"corpus": store["corpus"], "size_mb": store["size_mb"], "store_mb": store["store_mb"]}
            results["export"] = bench_export(kg, store["db"], work, runs=2 if store["size_mb"] <= 100 else 1)
            results["queries"] = bench_queries(kg, store["db"], work, runs=5)
        if not args.no_callgrind:
            results["callgrind"] = bench_callgrind(
                kg, work, os.path.join(ROOT, "bench", "baseline.json"), args.record_baseline)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    for b in results["builds"]:
        b.pop("db", None)
    os.makedirs(os.path.join(ROOT, "bench"), exist_ok=True)
    out = args.output or os.path.join(ROOT, "bench", f"results-{datetime.date.today().isoformat()}.json")
    json.dump(results, open(out, "w"), indent=2, ensure_ascii=False)
    print_table(results)
    print(f"\nwritten: {os.path.relpath(out, os.getcwd())}")


def cpu_model():
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


if __name__ == "__main__":
    main()
