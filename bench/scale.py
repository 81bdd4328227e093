"""Scale benchmark: the real server (gunicorn) over a generated database, measured over HTTP from this process.

    python bench/scale.py --database URL [--schema NAME] [--label TEXT] [--requests 200] [--threads 4]
                          [--workers 1,2] [--no-rebuild] [--as-of 2026-04-30] [--json FILE]

Generate the database first with bench/generate.py. For each worker count, starts `gunicorn -w N wsgi:app` on
loopback with TRACKER_DATABASE_URL set, then measures, each a fixed number of requests (after a warm-up):
- reads: latency (p50, p95) of GET /health (the framework's floor), the compliance answers of one plan, the same
  with `as_of` (both as served again from the cache, and computed: each after a write in the plan's forum), and
  one contribution's trail; throughput (requests/s with --threads client threads) of compliance and of health;
- writes: latency of one command (POST a contribution to the plan), then commands/s with --threads client threads;
- anonymous public reads: latency and throughput (against health's) of the log's verification, the forum's public
  page, a contribution's public page, the public report and the calendar feed, and the verification's latency with 8
  callers at once;
- the server's resident memory after the loads (VmRSS of the master and each worker).
Then `tracker projections rebuild` (every read model) as a child process under /usr/bin/time: events/s over the
whole log and peak memory (maximum resident set size). The writes add events to the database (a few hundred
contributions); the table says how many the log held when measured. Prints a Markdown table and the targets.
"""
from __future__ import annotations

import argparse
import functools
import gzip
import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import func, select

from bench._support import with_schema
from events import make_engine
from events.schema import events_table
from tracker.auth import service as auth

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Http:
    """A tiny HTTP client (one connection per request: gunicorn's sync workers close after each answer). Like a
    browser, it accepts gzip and unzips what comes gzipped (a compliance answer served again)."""

    def __init__(self, port: int, token: str | None, prefix: str = "/api/v1") -> None:
        self.port, self.prefix = port, prefix
        self.headers = {"Content-Type": "application/json", "Accept-Encoding": "gzip"}
        if token is not None:
            self.headers["Authorization"] = f"Bearer {token}"

    def call(self, method: str, path: str, body: Any = None, expect: int = 200, unzip: bool = True) -> bytes:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        try:
            conn.request(method, self.prefix + path, body=None if body is None else json.dumps(body),
                         headers=self.headers)
            response = conn.getresponse()
            data = response.read()
            if unzip and response.getheader("Content-Encoding") == "gzip":
                data = gzip.decompress(data)
        finally:
            conn.close()
        if response.status != expect:
            raise RuntimeError(f"{method} {path}: {response.status} {data[:300]!r}")
        return data


def latency(fn, n: int) -> dict[str, float]:
    """p50/p95 milliseconds of `n` sequential calls (after 3 warm-up calls)."""
    for _ in range(3):
        fn()
    samples = []
    for _ in range(n):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return {"p50": percentile(samples, 0.50), "p95": percentile(samples, 0.95), "n": n}


def concurrent_latency(fn, n: int, threads: int) -> dict[str, float]:
    """p50/p95 milliseconds of `n` calls made by `threads` client threads at once (after one warm-up call)."""
    fn()

    def timed(_: int) -> float:
        start = time.perf_counter()
        fn()
        return (time.perf_counter() - start) * 1000

    with ThreadPoolExecutor(threads) as pool:
        samples = list(pool.map(timed, range(n)))
    return {"p50": percentile(samples, 0.50), "p95": percentile(samples, 0.95), "n": n}


def cold_latency(fn, before, n: int) -> dict[str, float]:
    """p50/p95 milliseconds of `n` calls of `fn`, each after an untimed `before()` (a write that makes the
    cached compliance answer stale, so each call computes it anew)."""
    samples = []
    for _ in range(n):
        before()
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return {"p50": percentile(samples, 0.50), "p95": percentile(samples, 0.95), "n": n}


def throughput(fn, n: int, threads: int) -> float:
    """Calls per second of `n` calls spread over `threads` client threads."""
    start = time.perf_counter()
    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(lambda _: fn(), range(n)))
    return n / (time.perf_counter() - start)


def children(pid: int) -> list[int]:
    out = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        text = (task / "children").read_text().split()
        out += [int(t) for t in text]
    return out


def status_kb(pid: int, key: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1])
    return 0


class Server:
    """gunicorn -w N wsgi:app on loopback, for the duration of a `with` block."""

    def __init__(self, url: str, workers: int) -> None:
        self.url, self.workers, self.port = url, workers, free_port()

    def __enter__(self) -> Server:
        env = {**os.environ, "TRACKER_DATABASE_URL": self.url, "TRACKER_SECRET_KEY": "bench-" + uuid.uuid4().hex,
               # every call comes from loopback: the anonymous verification's per-address limit would refuse them
               "TRACKER_VERIFICATION_RATE_LIMIT": "1000000/minute"}
        self.log = open(f"/tmp/scale_gunicorn_{self.port}.log", "w")
        self.proc = subprocess.Popen(
            [str(BIN / "gunicorn"), "-w", str(self.workers), "-b", f"127.0.0.1:{self.port}", "--timeout", "300",
             "wsgi:app"], cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 120
        while time.time() < deadline:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                conn.request("GET", "/api/v1/health")
                if conn.getresponse().status == 200:
                    conn.close()
                    return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not answer within 120 s")

    def rss(self) -> dict[str, int]:
        """VmRSS in MiB of the master and of each worker."""
        pids = [self.proc.pid, *children(self.proc.pid)]
        return {("master" if p == self.proc.pid else f"worker {p}"): status_kb(p, "VmRSS") // 1024 for p in pids}

    def __exit__(self, *exc: object) -> None:
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()


def pick(url: str) -> dict[str, Any]:
    """A plan, one of its contributions with a long trail, the log's size; an admin token."""
    engine = make_engine(url)
    e = events_table.c
    with engine.connect() as conn:
        count = conn.execute(select(func.count()).select_from(events_table)).scalar_one()
        plans = conn.execute(select(e.stream_id).where(e.type == "ActionPlanOpened").order_by(e.position)).all()
        plan = plans[len(plans) // 2].stream_id  # a forum in the middle of the log
        # A contribution of that plan that went the whole way (received ... communicated): the longest trail.
        received = [r.stream_id for r in conn.execute(
            select(e.stream_id).where(e.type == "ContributionReceived", e.tenant_id == tenant_of(conn, plan))
            .order_by(e.position))]
        communicated = {r.stream_id for r in conn.execute(
            select(e.stream_id).where(e.type == "ResponseCommunicated", e.stream_id.in_(received)))}
        contribution = next((c for c in received if c in communicated), received[0])
        forum = tenant_of(conn, plan)
    clock = lambda: datetime.now(UTC)  # noqa: E731
    email = f"bench-{uuid.uuid4().hex[:8]}@scale.example"
    auth.create_user(engine, clock, email, "admin", [], "bench")
    token = auth.create_token(engine, clock, email)
    engine.dispose()
    return {"events": count, "plan": plan, "contribution": contribution, "token": token,
            "forums": len(plans), "forum": forum}


def tenant_of(conn: Any, stream_id: str) -> str:
    e = events_table.c
    return conn.execute(select(e.tenant_id).where(e.stream_id == stream_id).limit(1)).scalar_one()


def rebuild(url: str) -> dict[str, float]:
    """`tracker projections rebuild` as a child: wall seconds, events/s over the log, peak RSS (MiB)."""
    env = {**os.environ, "TRACKER_DATABASE_URL": url}
    start = time.perf_counter()
    done = subprocess.run(["/usr/bin/time", "-v", str(BIN / "tracker"), "projections", "rebuild"], cwd=ROOT, env=env,
                          capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-2000:])
    peak = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr).group(1))
    lines = [x for x in done.stdout.splitlines() if "rebuilt from" in x]
    return {"seconds": elapsed, "peak_mib": peak / 1024, "detail": lines}


def run(args: argparse.Namespace) -> dict[str, Any]:
    url = with_schema(args.database, args.schema)
    chosen = pick(url)
    args.forum = chosen["forum"]
    print(f"# {args.label}: {chosen['events']} events, {chosen['forums']} forums; plan {chosen['plan']}, "
          f"contribution {chosen['contribution']}", file=sys.stderr)
    plan, contribution = chosen["plan"], chosen["contribution"]
    result: dict[str, Any] = {"label": args.label, "events": chosen["events"], "forums": chosen["forums"],
                              "workers": {}}
    counter = iter(range(1, 10**9))
    lock = threading.Lock()

    def next_k() -> int:
        with lock:
            return next(counter)

    for workers in args.workers:
        with Server(url, workers) as server:
            r = measure(Http(server.port, chosen["token"]), plan, contribution, args, next_k)
            r["rss_mib"] = server.rss()
            result["workers"][workers] = r
            print(f"# workers={workers}: {json.dumps(r)}", file=sys.stderr)
    if args.rebuild:
        result["rebuild"] = rebuild(url)
        result["rebuild"]["events"] = pick_count(url)
        result["rebuild"]["events_per_s"] = result["rebuild"]["events"] / result["rebuild"]["seconds"]
    return result


def measure(api: Http, plan: str, contribution: str, args: argparse.Namespace, next_k) -> dict[str, Any]:
    """Every HTTP measurement against one running server."""
    n, threads = args.requests, args.threads
    compliance = f"/action-plans/{plan}/compliance"

    def post() -> None:
        api.call("POST", f"/action-plans/{plan}/contributions", {
            "text": f"Aporte de prueba de carga {next_k()}", "received_on": datetime.now(UTC).date().isoformat(),
            "channel": "web_form", "author": {"name": "Vecina de prueba", "sector": "civil_society"}}, expect=201)

    r: dict[str, Any] = {}
    r["health"] = latency(lambda: api.call("GET", "/health"), n)
    r["compliance"] = latency(lambda: api.call("GET", compliance), n)
    r["as_of"] = latency(lambda: api.call("GET", f"{compliance}?as_of={args.as_of}"), n)
    r["trail"] = latency(lambda: api.call("GET", f"/contributions/{contribution}/trail"), n)
    cold = max(20, n // 4)
    r["compliance_cold"] = cold_latency(lambda: api.call("GET", compliance), post, cold)
    r["as_of_cold"] = cold_latency(lambda: api.call("GET", f"{compliance}?as_of={args.as_of}"), post, cold)
    r["health_rps"] = throughput(lambda: api.call("GET", "/health"), n, threads)
    # The server's throughput: the client reads each body as sent and leaves it zipped (unzipping is a client's
    # own work, on its own machine; here the client shares the server's two cores, and its four threads one GIL).
    r["compliance_rps"] = throughput(lambda: api.call("GET", compliance, unzip=False), n, threads)
    r["command"] = latency(post, n)
    r["command_rps"] = throughput(post, n, threads)
    public_reads(api.port, args.forum, plan, contribution, n, threads, r, post)
    return r


#: The anonymous reads measured at scale: (key, title, path on the site).
PUBLIC = (("verification", "GET /api/v1/events/verification", "/api/v1/events/verification"),
          ("public_forum", "GET the forum's public page", "/forums/{forum}"),
          ("public_contribution", "GET a contribution's public page", "/forums/{forum}/contributions/{contribution}"),
          ("public_report", "GET the public report (HTML)", "/api/v1/action-plans/{plan}/report?format=html"),
          ("calendar", "GET the calendar feed", "/api/v1/forums/{forum}/calendar.ics"))


def public_reads(port: int, forum: str, plan: str, contribution: str, n: int, threads: int,
                 r: dict[str, Any], write: Callable[[], None]) -> None:
    """Anonymous readers: each public read's latency and throughput (as served again while the forum logs
    nothing new), its latency when computed (`write` in the forum before each), and the verification's latency
    with 8 callers at once."""
    public = Http(port, None, prefix="")
    for key, _title, path in PUBLIC:
        target = path.format(forum=forum, plan=plan, contribution=contribution)
        read = functools.partial(public.call, "GET", target, unzip=False)
        r[key] = latency(read, n)
        r[key + "_rps"] = throughput(read, n, threads)
        if key != "verification":
            r[key + "_cold"] = cold_latency(read, write, max(20, n // 4))
    r["verification_8"] = concurrent_latency(
        lambda: public.call("GET", "/api/v1/events/verification", unzip=False), n, 8)


def pick_count(url: str) -> int:
    engine = make_engine(url)
    with engine.connect() as conn:
        count = conn.execute(select(func.count()).select_from(events_table)).scalar_one()
    engine.dispose()
    return count


def table(result: dict[str, Any]) -> str:
    rows = [f"### {result['label']}: {result['events']:,} events, {result['forums']} forums",
            "", "| measure | " + " | ".join(f"gunicorn -w {w}" for w in result["workers"]) + " |",
            "| --- | " + " | ".join("---" for _ in result["workers"]) + " |"]
    ws = list(result["workers"].values())

    def lat(key: str, title: str) -> None:
        rows.append(f"| {title} p50 / p95 (ms) | " +
                    " | ".join(f"{w[key]['p50']:.1f} / {w[key]['p95']:.1f}" for w in ws) + " |")

    lat("health", "GET /health")
    lat("compliance", "GET compliance (cached)")
    lat("as_of", "GET compliance?as_of (cached)")
    lat("compliance_cold", "GET compliance, computed (a write in the forum before each)")
    lat("as_of_cold", "GET compliance?as_of, computed")
    lat("trail", "GET contribution trail")
    lat("command", "POST contribution (one command)")
    rows.append("| health throughput (req/s) | " + " | ".join(f"{w['health_rps']:.0f}" for w in ws) + " |")
    rows.append("| compliance throughput (req/s) | " + " | ".join(f"{w['compliance_rps']:.0f}" for w in ws) + " |")
    rows.append("| compliance / health throughput | " +
                " | ".join(f"{w['compliance_rps'] / w['health_rps']:.2f}" for w in ws) + " |")
    rows.append("| commands/s | " + " | ".join(f"{w['command_rps']:.0f}" for w in ws) + " |")
    for key, title, _path in PUBLIC:
        lat(key, f"{title}, anonymous")
        if key + "_cold" in ws[0]:
            lat(key + "_cold", f"{title}, anonymous, computed (a write in the forum before each)")
        rows.append(f"| {title}: throughput (req/s) / health's | " + " | ".join(
            f"{w[key + '_rps']:.0f} / {w[key + '_rps'] / w['health_rps']:.2f}" for w in ws) + " |")
    lat("verification_8", "GET /api/v1/events/verification, 8 callers at once")
    rows.append("| server VmRSS after loads (MiB) | " +
                " | ".join(", ".join(f"{k} {v}" for k, v in w["rss_mib"].items()) for w in ws) + " |")
    if "rebuild" in result:
        rb = result["rebuild"]
        rows += ["", f"Rebuild of every projection: {rb['events']:,} events in {rb['seconds']:.1f} s = "
                     f"{rb['events_per_s']:,.0f} events/s (process wall time, start-up included); "
                     f"peak RSS {rb['peak_mib']:.0f} MiB"]
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", required=True)
    parser.add_argument("--schema")
    parser.add_argument("--label", default="")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--workers", type=lambda s: [int(x) for x in s.split(",")], default=[1, 2])
    parser.add_argument("--no-rebuild", dest="rebuild", action="store_false")
    parser.add_argument("--as-of", default="2026-04-30")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()
    args.label = args.label or args.database
    result = run(args)
    print(table(result))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1, default=str))


if __name__ == "__main__":
    main()
