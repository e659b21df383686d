#!/usr/bin/env python3
"""The screen's generated Spark SQL on a real Spark Connect server gives the embedded engine's
numbers (issue 14).

Runs `neuronutri screen` (embedded DataFusion) on an extract, then runs the Spark SQL it wrote
(`query.spark.sql`: the same plan in Spark's dialect) on a Spark Connect server, with the same
files registered as the views `labs`, `patients` and `medications`, and compares every count:
patients tested and each class per analyte and group, the excluded results by reason, and
"at risk, never tested" per group. Then it runs the binary itself on the same server
(`neuronutri screen --engine spark://HOST:PORT`) and requires the same screen.json. Any
difference, or a server that cannot be started or reached, is a failure (exit code 1): this
check never skips.

    pip install pysail pyspark-client          # Sail: a Spark Connect server without a JVM
    scripts/screen/spark_check.py --bin target/debug/neuronutri
    scripts/screen/spark_check.py --bin ... --server sc://spark-host:15002   # any Spark Connect server
    # Apache Spark's own server (the reference): the full pyspark package (its jars, about
    # 900 MB installed) in a virtual environment, and Java 17+ (Debian: default-jre-headless):
    python3 -m venv /tmp/spark-venv && /tmp/spark-venv/bin/pip install 'pyspark[connect]==4.2.0'
    /tmp/spark-venv/bin/python scripts/screen/spark_check.py --bin ... --apache-spark

Without --server it starts Sail (the `pysail` package) on a free local port; with
--apache-spark it starts Apache Spark's Spark Connect server itself (`spark-submit --class
org.apache.spark.sql.connect.service.SparkConnectServer`, master local[2], on a free port of
127.0.0.1, no authentication, its log in the output folder) and stops it at the end. CSV inputs are
read by Spark as text (header line, every column a string), as the embedded engine reads them;
Parquet inputs with their own types.
"""
import argparse
import atexit
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "crates/neuronutri-screen/tests/data"


def fail(message):
    print(f"spark_check: FAILED: {message}", file=sys.stderr)
    sys.exit(1)


def statements(path):
    """The named statements of a query file: `-- name` then the text up to `;`."""
    out, name, lines = {}, None, []
    for line in Path(path).read_text().splitlines():
        if line.startswith("-- ") and name is None:
            name, lines = line[3:].strip(), []
        elif name is not None and line.rstrip().endswith(";") and not line.startswith("--"):
            lines.append(line.rstrip()[:-1])
            out[name] = "\n".join(lines)
            name = None
        elif name is not None:
            lines.append(line)
    return out


def start_apache_spark(out):
    """Starts Apache Spark's own Spark Connect server (the JVM one, from the full pyspark
    package: `SparkConnectServer` through `spark-submit`, master local[2]) on a free local port,
    without authentication, and waits until it listens. Returns (process, sc:// URL)."""
    import os
    import shutil
    import socket
    try:
        import pyspark
    except ImportError as e:
        fail(f"no pyspark ({e}); pip install 'pyspark[connect]' (the full package, with its jars)")
    home = Path(pyspark.__file__).parent
    submit = home / "bin/spark-submit"
    if not (submit.exists() and any((home / "jars").glob("spark-connect_*.jar"))):
        fail(f"{home} is not a full pyspark installation (no bin/spark-submit or jars/spark-connect_*.jar):"
             " pip install 'pyspark[connect]', not pyspark-client")
    if shutil.which("java") is None and "JAVA_HOME" not in os.environ:
        fail("no Java: apt-get install default-jre-headless (Java 17+)")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = dict(os.environ, SPARK_HOME=str(home))
    for name in ("SPARK_REMOTE", "SPARK_CONNECT_AUTHENTICATE_TOKEN", "SPARK_CONNECT_MODE_ENABLED"):
        env.pop(name, None)
    log = open(out / "apache-spark-server.log", "w")
    process = subprocess.Popen(
        [str(submit), "--class", "org.apache.spark.sql.connect.service.SparkConnectServer",
         "--master", "local[2]", "--name", "neuronutri spark_check",
         "--conf", f"spark.connect.grpc.binding.port={port}",
         "--conf", "spark.connect.grpc.binding.address=127.0.0.1",
         "--conf", "spark.ui.enabled=false", "--conf", "spark.sql.session.timeZone=UTC",
         "spark-internal"],
        stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True)
    atexit.register(stop_apache_spark, process)  # also when a check fails
    deadline = time.time() + 300
    while time.time() < deadline:
        if process.poll() is not None:
            fail(f"Apache Spark's Spark Connect server exited {process.returncode} before listening; "
                 f"see {out / 'apache-spark-server.log'}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return process, f"sc://127.0.0.1:{port}"
        except OSError:
            time.sleep(1)
    stop_apache_spark(process)
    fail(f"Apache Spark's Spark Connect server did not listen on port {port} within 300 s; "
         f"see {out / 'apache-spark-server.log'}")


def stop_apache_spark(process):
    """Stops the server started by start_apache_spark (its process group: spark-submit and the JVM)."""
    import os
    import signal
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=60)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def text(v):
    return "unknown" if v is None else str(v)


def write_medications(patients, out):
    """A medications file for the synthetic patients, their identifiers as they are (BIGINT):
    every 3rd patient on omeprazole from 2018 (long-term), every 5th on furosemide in 2023 and
    every 7th on metformin, open-ended; the classes the at-risk counts use."""
    import pyarrow as pa
    import pyarrow.parquet as pq
    import datetime as dt
    ids = pq.read_table(patients, columns=["patient_id"]).column("patient_id").to_pylist()
    rows = []
    for i, pid in enumerate(ids):
        if i % 3 == 0:
            rows.append((pid, "A02BC01", "omeprazole", dt.date(2018, 1, 1), None))
        if i % 5 == 0:
            rows.append((pid, "C03CA01", "furosemide", dt.date(2023, 1, 1), dt.date(2023, 12, 31)))
        if i % 7 == 0:
            rows.append((pid, "A10BA02", "metformin", dt.date(2020, 6, 1), None))
    columns = list(zip(*rows))
    table = pa.table({
        "patient_id": pa.array(columns[0], pa.int64()),
        "atc": pa.array(columns[1], pa.string()),
        "name": pa.array(columns[2], pa.string()),
        "start": pa.array(columns[3], pa.date32()),
        "end": pa.array(columns[4], pa.date32()),
    })
    pq.write_table(table, out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", required=True, help="the neuronutri binary")
    ap.add_argument("--server", help="a Spark Connect URL (sc://host:port); default: start Sail")
    ap.add_argument("--apache-spark", action="store_true",
                    help="start Apache Spark's own Spark Connect server (a JVM, through the full pyspark "
                         "package's spark-submit: pip install 'pyspark[connect]', and Java 17+) instead of Sail")
    ap.add_argument("--labs", default=str(DATA / "labs.csv"))
    ap.add_argument("--patients", default=str(DATA / "patients.csv"))
    ap.add_argument("--medications", default=str(DATA / "medications.csv"))
    ap.add_argument("--synth", type=int, metavar="ROWS",
                    help="instead of the files: a synthetic extract of ROWS lab results written by "
                         "`neuronutri synth-labs` (Parquet, integer patient identifiers: the statement "
                         "then groups on the packed patient key, which this requires), with a "
                         "medications file of the same identifiers written here")
    ap.add_argument("--by", default="site,sex,age_band,year")
    ap.add_argument("--period", default="2023-01-01..2024-12-31")
    ap.add_argument("--out", help="output folder (default: a temporary one)")
    args = ap.parse_args()

    out = Path(args.out or tempfile.mkdtemp(prefix="neuronutri-spark-check-"))
    if args.synth:
        synth = out / "synth"
        made = subprocess.run([args.bin, "synth-labs", "--rows", str(args.synth), "--out", str(synth)],
                              capture_output=True, text=True)
        if made.returncode != 0:
            fail(f"neuronutri synth-labs exited {made.returncode}: {made.stderr.strip()}")
        args.labs, args.patients = str(synth / "labs.parquet"), str(synth / "patients.parquet")
        args.medications = str(synth / "medications.parquet")
        write_medications(args.patients, args.medications)
    cmd = [args.bin, "screen", args.labs, "--patients", args.patients, "--medications",
           args.medications, "--by", args.by, "--period", args.period, "--out", str(out / "embedded"),
           "--quiet"]
    t0 = time.time()
    run = subprocess.run(cmd, capture_output=True, text=True)
    if run.returncode != 0:
        fail(f"{' '.join(cmd)} exited {run.returncode}: {run.stderr.strip()}")
    embedded_s = time.time() - t0
    screen = json.loads((out / "embedded/screen.json").read_text())
    queries = statements(out / "embedded/query.spark.sql")
    if args.synth and "GROUP BY pk" not in queries.get("prevalence", ""):
        fail("the synthetic extract's identifiers are integers, but the statement does not group on "
             "the packed patient key (GROUP BY pk)")
    if set(queries) != {"prevalence", "at_risk"}:
        fail(f"query.spark.sql holds {sorted(queries)}, expected prevalence and at_risk")

    try:
        from pyspark.sql import SparkSession
    except ImportError as e:
        fail(f"no Spark Connect client ({e}); pip install pyspark-client")
    server = None
    url = args.server
    spark = None
    server_log = None
    if args.apache_spark:
        server, url = start_apache_spark(out)
        server_log = out / "apache-spark-server.log"
    elif url is None:
        try:
            from pysail.spark import SparkConnectServer
        except ImportError as e:
            fail(f"no Sail server ({e}); pip install pysail, or give --server sc://HOST:PORT")
        server = SparkConnectServer()
        server.start()
        if server.listening_address is None:
            fail("the Sail Spark Connect server did not start")
        url = f"sc://localhost:{server.listening_address[1]}"
    if spark is None:
        try:
            spark = SparkSession.builder.remote(url).getOrCreate()
        except Exception as e:  # noqa: BLE001 - any failure to connect is the failure we report
            fail(f"cannot connect to the Spark Connect server {url}: {e}")
    # A date-time with an offset counts on its UTC date, as in the embedded engine.
    spark.conf.set("spark.sql.session.timeZone", "UTC")

    def register(name, path):
        p = Path(path)
        parquet = p.is_dir()
        if not parquet:
            with open(p, "rb") as f:
                parquet = f.read(4) == b"PAR1"
        df = spark.read.parquet(str(p)) if parquet else spark.read.option("header", True).csv(str(p))
        df.createOrReplaceTempView(name)

    register("labs", args.labs)
    register("patients", args.patients)
    register("medications", args.medications)
    t0 = time.time()
    prevalence = [r.asDict() for r in spark.sql(queries["prevalence"]).collect()]
    at_risk = [r.asDict() for r in spark.sql(queries["at_risk"]).collect()]
    spark_s = time.time() - t0
    version = spark.version

    # The binary itself on the same server: `neuronutri screen --engine spark://HOST:PORT`
    # must write the same screen.json as the embedded run (every number, every group).
    engine_url = "spark://" + url[len("sc://"):].split("/")[0]
    cmd_spark = cmd[:cmd.index("--out")] + ["--out", str(out / "spark"), "--quiet", "--engine", engine_url]
    t0 = time.time()
    run = subprocess.run(cmd_spark, capture_output=True, text=True)
    engine_s = time.time() - t0
    spark.stop()
    if isinstance(server, subprocess.Popen):
        stop_apache_spark(server)
    elif server is not None:
        server.stop()
    if run.returncode != 0:
        fail(f"{' '.join(cmd_spark)} exited {run.returncode}: {run.stderr.strip()}")
    on_spark = json.loads((out / "spark/screen.json").read_text())

    dims = screen["by"]
    compared = 0
    errors = []

    def same(what, got, want):
        nonlocal compared
        compared += 1
        if got != want:
            errors.append(f"{what}: Spark {str(got)[:300]}, embedded {str(want)[:300]}")

    for a in screen["analytes"]:
        key = a["key"]
        rows = [r for r in prevalence if r["analyte"] == key]
        classes = [c["id"] for c in a["classes"]]
        spark_groups = {}
        for r in rows:  # one row per group and stratum of the standardisation: summed here
            counts = [int(r[f"{key}.{c}"]) for c in classes]
            if int(r["tested"]) > 0 or any(counts):
                g = tuple(text(r[d]) for d in dims)
                tested, before = spark_groups.get(g, (0, [0] * len(classes)))
                spark_groups[g] = (tested + int(r["tested"]), [x + y for x, y in zip(before, counts)])
        want = a["groups"] if dims else [a["total"]]
        embedded = {tuple(g["group"].get(d, "") for d in dims): (g["tested"], [c["count"] for c in g["classes"]])
                    for g in want}
        same(f"{key}: groups", sorted(spark_groups), sorted(embedded))
        for g in sorted(set(spark_groups) & set(embedded)):
            same(f"{key} {g}: tested", spark_groups[g][0], embedded[g][0])
            for c, x, y in zip(classes, spark_groups[g][1], embedded[g][1]):
                same(f"{key} {g}: {c}", x, y)
        same(f"{key}: valid rows", sum(int(r["rows_valid"]) for r in rows), a["rows"]["valid"])
        for reason, n in a["rows"]["excluded"].items():
            same(f"{key}: excluded {reason}", sum(int(r[f"rows_{reason}"]) for r in rows), n)

    risk = screen["at_risk"]
    risk_dims = [d for d in dims if d in ("sex", "age_band")]
    want = risk["groups"] if risk_dims else [risk["total"]]
    embedded = {tuple(g["group"].get(d, "") for d in risk_dims): g for g in want}
    got = {tuple(text(r[d]) for d in risk_dims): r for r in at_risk}
    same("at risk: groups", sorted(got), sorted(embedded))
    for g in sorted(set(got) & set(embedded)):
        same(f"at risk {g}: population", int(got[g]["population"]), embedded[g]["population"])
        for rc in embedded[g]["risks"]:
            same(f"at risk {g}: {rc['risk']}.at_risk", int(got[g][f"{rc['risk']}.at_risk"]), rc["at_risk"])
            same(f"at risk {g}: {rc['risk']}.never_tested", int(got[g][f"{rc['risk']}.never_tested"]),
                 rc["never_tested"])

    for part in ("lab_rows", "units", "codes_not_read", "analytes", "at_risk", "thresholds"):
        same(f"--engine {engine_url}: screen.json {part}", on_spark[part], screen[part])

    if server is None:
        where = url
    elif isinstance(server, subprocess.Popen):
        where = f"Apache Spark's own Spark Connect server, started here on {url}, log {server_log}"
    else:
        where = "Sail (pysail, started here)"
    if errors:
        for e in errors[:20]:
            print("  " + e, file=sys.stderr)
        fail(f"{len(errors)} of {compared} numbers differ between Spark ({where}) and the embedded engine")
    if compared < 50:
        fail(f"only {compared} numbers compared: the extract is too small to tell")
    print(f"spark_check: {compared} numbers equal: Spark {version} through Spark Connect ({where}) "
          f"vs the embedded engine; {len(prevalence)} prevalence rows, {len(at_risk)} at-risk rows; "
          f"embedded run {embedded_s:.1f} s, Spark queries {spark_s:.1f} s; `neuronutri screen --engine "
          f"{engine_url}` wrote the same screen.json in {engine_s:.1f} s")


if __name__ == "__main__":
    main()
