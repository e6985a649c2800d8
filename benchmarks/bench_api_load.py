"""Load on the running API (issue 8): 50 concurrent clients for 60 s on the read endpoints of
``onrecord serve`` on 127.0.0.1, over a SQLite store of 100,000 quotations.

    python benchmarks/bench_api_load.py [--clients 50] [--seconds 60] [--quotes 100000]
                                        [--workers 2] [--floor]

The store is generated once (hand-built records, no extraction: 20,000 articles of 5 quotations
and 2 events each, 300 speakers, 40 outlets, two years) and kept in ``benchmarks/.cache``. The
server is the real command in its own process (``--workers`` processes); the clients are one
asyncio loop in this one, each on its own kept-alive connection, requesting the endpoints below
in turn. Reported: requests/s, p50 /
p95 / p99 latency, errors (any status but 200, or no answer within 30 s), overall and per
endpoint, and the server's CPU a request; written to ``benchmarks/results/bench_api_load.json``.
Goal: 0 errors, p95 < 100 ms. ``--floor`` serves ``floor_app`` instead (the same requests, each
answered at once with a fixed JSON): the framework's and server's own cost, the floor under the
API's (``benchmarks/results/bench_api_load_floor.json``).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import httpx
from common import ROOT, machine, print_table, write_result
from fastapi import FastAPI, Response

from onrecord.model import ActorRef, Article, Event, Mention, Quote
from onrecord.store import Stored, open_store

CACHE = ROOT / "benchmarks" / ".cache"
QUOTES_PER_ARTICLE = 5
#: Part of the kept store's file name: a new one whenever the records below change.
STORE_VERSION = 2
WORDS = ["respond", "attack", "border", "talks", "sanctions", "missile", "ceasefire", "drones",
         "nuclear", "grain", "pipeline", "election", "troops", "warning", "deal", "envoy"]
CUES = ["said", "warned", "told", "added", "stressed"]
#: PLOVER types (an unknown one is a 422: DEMAND, once here, made a fifth of "events by type"
#: fast errors).
TYPES = ["THREATEN", "SUPPORT", "ACCUSE", "CONSULT", "REQUEST"]
SPEAKERS = [f"Speaker {n:03}" for n in range(300)]
OUTLETS = [f"outlet{n:02}.example" for n in range(40)]


def _article(n: int, rng: random.Random) -> Article:
    text, quotes, events = "", [], []
    day = f"20{23 + n % 2}-{1 + n % 12:02}-{1 + n % 28:02}"
    for q in range(1, QUOTES_PER_ARTICLE + 1):
        words = " ".join(rng.choice(WORDS) for _ in range(12)).capitalize()
        speaker, cue = rng.choice(SPEAKERS), rng.choice(CUES)
        start = len(text) + 1
        cue_at = start + len(words) + 2
        at = cue_at + len(cue) + 1
        text += f"“{words}” {cue} {speaker}.\n"
        actor = f"actor-{SPEAKERS.index(speaker):03}"
        quotes.append(Quote(
            id=f"q{q}", kind="direct", content=words, spans=[(start, start + len(words))],
            cue=cue, cue_span=(cue_at, cue_at + len(cue)),
            speaker=Mention(mention=speaker, span=(at, at + len(speaker)), name=speaker,
                            actor_id=actor, confidence=0.9)))
        if q <= 2:
            source = ActorRef(name=speaker, actor_id=actor, country="RUS", sector="GOV")
            target = ActorRef(name="Germany", actor_id="deu", country="DEU", sector="GOV")
            events.append(Event(id=f"e{q}", type=rng.choice(TYPES), source=source, target=target,
                                quote_id=f"q{q}", intensity=-2.0))
    return Article(doc_id=f"load-{n:06}", published=day, source=rng.choice(OUTLETS),
                   title=f"Story {n}", url=f"https://news.example/{n}", text=text.rstrip("\n"),
                   quotes=quotes, events=events)


def build_store(path: Path, quotes: int) -> None:
    """A SQLite store of ``quotes`` quotations (generated once, then reused)."""
    if path.exists():
        with open_store(str(path)) as store:
            if store.count("quotes") == quotes:
                return
        path.unlink()
    rng = random.Random(0)
    started = time.perf_counter()
    with open_store(str(path)) as store:
        batch = []
        for n in range(quotes // QUOTES_PER_ARTICLE):
            batch.append(Stored(_article(n, rng)))
            if len(batch) == 1000:
                store.write(batch)
                batch = []
        store.write(batch)
    print(f"built {path} ({quotes} quotes) in {time.perf_counter() - started:.0f} s")


def endpoints(rng: random.Random, articles: int) -> list[tuple[str, str]]:
    """(name, URL) of the read requests a client cycles through, with varied parameters."""
    speaker = rng.choice(SPEAKERS)
    return [
        ("quotes by speaker", f"/api/quotes?speaker={speaker}&limit=20"),
        ("quotes by words", f"/api/quotes?q={rng.choice(WORDS)}+{rng.choice(WORDS)}&limit=20"),
        ("articles by outlet", f"/api/articles?source={rng.choice(OUTLETS)}&limit=20"),
        ("events by type", f"/api/events?type={rng.choice(TYPES)}&limit=20"),
        ("quote counts", f"/api/quotes/counts?speaker={speaker}&period=month"),
        ("record", f"/records/load-{rng.randrange(articles):06}"),
        ("speaker", f"/api/speakers/{speaker}?limit=20"),
    ]


#: No answer within this many seconds counts as an error.
TIMEOUT = 30.0
#: Seconds left out of the "after_warm_up" figures.
WARM_UP = 10.0


async def _get(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, url: str) -> int:
    """One GET on a kept-alive HTTP/1.1 connection; the status. The server always sends a
    Content-Length (``ValueError`` if not), so reading the answer is this simple."""
    writer.write(f"GET {quote(url, safe='/?&=+%')} HTTP/1.1\r\nHost: load\r\n\r\n".encode())
    head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").lower()
    length = re.search(r"\r\ncontent-length: *(\d+)", head)
    if length is None:
        raise ValueError("no content-length")
    await reader.readexactly(int(length.group(1)))
    return int(head.split(" ", 2)[1])


async def client(port: int, until: float, seed: int, articles: int, samples: list) -> None:
    """One client: a connection kept alive, the endpoints in turn, a new connection after an
    error. Raw asyncio streams rather than httpx: httpx took about 1.5 ms of CPU a request,
    a share of the same two cores the server needs (see ``cpu_seconds`` in the result)."""
    rng = random.Random(seed)
    connection = None
    while time.perf_counter() < until:
        for name, url in endpoints(rng, articles):
            started = time.perf_counter()
            try:
                connection = connection or await asyncio.open_connection("127.0.0.1", port)
                ok = await asyncio.wait_for(_get(*connection, url), TIMEOUT) == 200
            except (TimeoutError, OSError, ValueError, asyncio.IncompleteReadError):
                ok = False
                if connection:
                    connection[1].close()
                connection = None
            samples.append((name, time.perf_counter() - started, ok, started))
            if time.perf_counter() >= until:
                break
    if connection:
        connection[1].close()


def floor_app() -> FastAPI:
    """``--floor``: FastAPI answering every GET with the same small JSON, nothing else: what a
    request costs the framework and the server alone, measured as the API is."""
    app = FastAPI()

    @app.get("/{path:path}")
    async def answer(path: str) -> Response:
        return Response(b'{"items":[],"next_cursor":null,"total":0}',
                        media_type="application/json")

    return app


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_up(base: str, server: subprocess.Popen) -> None:
    for _ in range(600):
        if server.poll() is not None:
            raise SystemExit(f"server exited: {server.stderr.read().decode()}")
        try:
            if httpx.get(base + "/api/quotes?limit=1", timeout=1.0).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise SystemExit("server did not come up in 120 s")


def _tree_cpu(pid: int) -> float:
    """CPU seconds (user + system) used so far by process ``pid`` and its descendants (Linux)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:  # exited
        return 0.0
    own = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return own + sum(_tree_cpu(int(child)) for child in children)


def _quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


def _figures(samples: list, seconds: float) -> dict:
    latencies = [s[1] * 1000 for s in samples]
    return {"requests": len(samples), "requests_per_s": round(len(samples) / seconds, 1),
            "p50_ms": round(_quantile(latencies, 0.50), 1),
            "p95_ms": round(_quantile(latencies, 0.95), 1),
            "p99_ms": round(_quantile(latencies, 0.99), 1),
            "errors": sum(1 for s in samples if not s[2])}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--quotes", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=2, help="onrecord serve --workers")
    parser.add_argument("--floor", action="store_true",
                        help="serve floor_app instead: the framework's own cost a request")
    args = parser.parse_args()
    CACHE.mkdir(parents=True, exist_ok=True)
    db = CACHE / f"load-{args.quotes}-{STORE_VERSION}.db"
    build_store(db, args.quotes)
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    env.pop("ONRECORD_TOKEN", None)  # read-only server
    command = ["-m", "onrecord", "serve", "--db", str(db)]
    if args.floor:
        command = ["-m", "uvicorn", "bench_api_load:floor_app", "--factory", "--app-dir",
                   str(ROOT / "benchmarks"), "--no-access-log"]  # as onrecord serve
    server = subprocess.Popen(
        [sys.executable, *command, "--port", str(port), "--workers", str(args.workers)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _wait_until_up(base, server)
        before = machine()
        samples: list = []
        server_cpu, client_cpu = _tree_cpu(server.pid), time.process_time()
        started = time.perf_counter()
        until = started + args.seconds

        async def run_all() -> None:
            articles = args.quotes // QUOTES_PER_ARTICLE
            await asyncio.gather(*(client(port, until, n, articles, samples)
                                   for n in range(args.clients)))

        asyncio.run(run_all())
        elapsed = time.perf_counter() - started
        server_cpu = _tree_cpu(server.pid) - server_cpu
        client_cpu = time.process_time() - client_cpu
    finally:
        server.terminate()
        server.wait(timeout=30)
    names = sorted({s[0] for s in samples})
    result = {
        "command": "python benchmarks/bench_api_load.py " + " ".join(sys.argv[1:]),
        "clients": args.clients, "seconds": round(elapsed, 1), "quotes": args.quotes,
        "overall": _figures(samples, elapsed),
        # Each server process starts with an empty answer cache; this is the run without the
        # first WARM_UP seconds, while the caches fill (the goal is judged on "overall").
        "after_warm_up": _figures([x for x in samples if x[3] >= started + WARM_UP],
                                  elapsed - WARM_UP),
        "endpoints": {n: _figures([s for s in samples if s[0] == n], elapsed) for n in names},
        # Both sides share the machine's cores: how much of the CPU the clients themselves took.
        "cpu_seconds": {"server": round(server_cpu, 1), "clients": round(client_cpu, 1),
                        "clients_share": round(client_cpu / (client_cpu + server_cpu), 2)},
        "server_cpu_ms_per_request": round(1000 * server_cpu / max(len(samples), 1), 2),
        "machine_at_start": before,
    }
    rows = [[name, *(str(v) for v in figures.values())]
            for name, figures in [("all", result["overall"]), *result["endpoints"].items(),
                                  (f"all after {WARM_UP:.0f} s", result["after_warm_up"])]]
    print_table(f"{args.clients} clients, {elapsed:.0f} s, {args.quotes} quotes (SQLite)",
                ["endpoint", "requests", "req/s", "p50 ms", "p95 ms", "p99 ms", "errors"], rows)
    print(f"CPU: server {server_cpu:.1f} s ({result['server_cpu_ms_per_request']} ms a request), "
          f"clients {client_cpu:.1f} s of {elapsed:.0f} s; load {before['load_average_1min']:.1f} "
          f"-> {os.getloadavg()[0]:.1f}")
    name = "bench_api_load_floor" if args.floor else "bench_api_load"
    print(f"written to {write_result(name, result)}")


if __name__ == "__main__":
    main()
