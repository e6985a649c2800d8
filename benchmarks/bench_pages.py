"""Every web page on a 100,000-quotation store: p50 / p95 milliseconds per kind of page.

    python benchmarks/bench_pages.py [--quotes 100000] [--repeat 40] [--spread]

The store is ``bench_api_load``'s (generated once, kept in ``benchmarks/.cache``), where every
event is one pair's (a Russian official's against Germany: the worst case for a state's
pages and timelines); ``--spread`` spreads the events over 20 states instead. Pages are
asked for one at a time, in this process, through the whole app (middleware, routing,
queries, templates) without its answer cache, each with parameters drawn afresh: the
server's time for a page, not the network's, and the CPU time of this process (the whole app
runs in it), which other sessions' load on the machine changes far less than the wall time.
Goal (issue 19): p95 < 200 ms for every page.
Prints a table with the load average beside it and writes ``benchmarks/results/
bench_pages.json`` (``bench_pages_spread.json``).
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import time
from collections.abc import Callable
from urllib.parse import quote

import bench_api_load
import httpx
from bench_api_load import (
    CACHE,
    OUTLETS,
    QUOTES_PER_ARTICLE,
    SPEAKERS,
    STORE_VERSION,
    TYPES,
    WORDS,
    build_store,
)
from common import machine, print_table, write_result

from onrecord.app import Settings, create_app
from onrecord.model import ActorRef, Article

GOAL_P95_MS = 200
#: States of the ``--spread`` store: each speaker speaks for one (speaker n for the n % 20th),
#: each event targets one of the others, drawn at random.
STATES = ["RUS", "DEU", "USA", "CHN", "FRA", "GBR", "UKR", "POL", "TUR", "IRN", "ISR", "IND",
          "JPN", "KOR", "PRK", "BRA", "ZAF", "EGY", "SAU", "MEX"]


def spread(article: Article, rng: random.Random) -> Article:
    """``bench_api_load``'s article with its events spread over ``STATES`` (there, every event
    is from a Russian official to Germany: one pair holds all 40,000, the worst case)."""
    events = []
    for event in article.events:
        speaker = int((event.source.actor_id or "actor-0").rsplit("-", 1)[1])
        home = STATES[speaker % len(STATES)]
        other = rng.choice([c for c in STATES if c != home])
        source = event.source.model_copy(update={"country": home})
        target = ActorRef(name=f"Government of {other}", actor_id=other.lower(), country=other,
                          sector="GOV")
        events.append(event.model_copy(update={"source": source, "target": target}))
    return article.model_copy(update={"events": events})


def _spread_article(make):
    """``make`` (bench_api_load's article maker) with ``spread`` applied."""
    return lambda n, rng: spread(make(n, rng), rng)


def pages(articles: int) -> dict[str, Callable[[random.Random], str]]:
    """Each kind of page and how its URL is drawn."""

    def speaker(rng: random.Random) -> str:
        return quote(rng.choice(SPEAKERS))

    def words(rng: random.Random) -> str:
        return f"{rng.choice(WORDS)}+{rng.choice(WORDS)}"

    return {
        "home": lambda rng: "/",
        "paste box": lambda rng: "/paste",
        "speakers": lambda rng: "/speakers",
        "speakers, typed": lambda rng: f"/speakers?q={rng.choice(SPEAKERS).split()[-1]}",
        "events, all": lambda rng: "/events",
        "events, conditional threats": lambda rng: "/events?type=THREATEN&conditional=true",
        "events, by type, oldest": lambda rng: f"/events?type={rng.choice(TYPES)}&order=oldest",
        "search, blank": lambda rng: "/search",
        "search, words": lambda rng: f"/search?q={words(rng)}",
        "search, speaker lower case": lambda rng: f"/search?speaker={speaker(rng).lower()}",
        "search, outlet": lambda rng: f"/search?source={rng.choice(OUTLETS)}",
        "articles": lambda rng: "/articles",
        "articles, outlet": lambda rng: f"/articles?source={rng.choice(OUTLETS)}",
        "article": lambda rng: f"/articles/load-{rng.randrange(articles):06}",
        "speaker": lambda rng: f"/speakers/{speaker(rng)}",
        "actor": lambda rng: f"/actors/actor-{rng.randrange(len(SPEAKERS)):03}",
        "state (officials rolled up)": lambda rng: "/actors/RUS",
        "timeline, pickers": lambda rng: "/timeline",
        "timeline, two states": lambda rng: "/timeline?source=RUS&target=DEU",
        "timeline, official and state": lambda rng: (
            f"/timeline?source=actor-{rng.randrange(len(SPEAKERS)):03}&target=DEU"),
        "network": lambda rng: "/network",
        "network, one type": lambda rng: f"/network?type={rng.choice(TYPES)}",
        "provenance": lambda rng: f"/provenance?q={words(rng)}",
        "alerts": lambda rng: "/alerts",
    }


async def measure(db: str, repeat: int, articles: int) -> dict[str, dict]:
    app = create_app(Settings(db=db, cache_bytes=0))
    result = {}
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
        for name, draw in pages(articles).items():
            rng, times, cpu = random.Random(name), [], []
            for n in range(repeat + 2):  # two warm-up requests
                url = draw(rng)
                started, cpu_started = time.perf_counter(), time.process_time()
                response = await client.get(url)
                elapsed = 1000 * (time.perf_counter() - started)
                cpu_ms = 1000 * (time.process_time() - cpu_started)
                if response.status_code != 200:
                    raise SystemExit(f"{url}: {response.status_code} {response.text[:300]}")
                if n >= 2:
                    times.append(elapsed)
                    cpu.append(cpu_ms)
            cuts = statistics.quantiles(times, n=100, method="inclusive")
            result[name] = {"p50_ms": round(cuts[49], 1), "p95_ms": round(cuts[94], 1),
                            "max_ms": round(max(times), 1), "bytes": len(response.content),
                            "cpu_p50_ms": round(statistics.median(cpu), 1)}
    app.state.store.close()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quotes", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--spread", action="store_true", help="events spread over 20 states "
                        "(a realistic distribution) instead of all on one pair (the worst case)")
    args = parser.parse_args()
    CACHE.mkdir(parents=True, exist_ok=True)
    db = CACHE / f"load-{args.quotes}-{STORE_VERSION}{'-spread' if args.spread else ''}.db"
    if args.spread:
        bench_api_load._article = _spread_article(bench_api_load._article)
    build_store(db, args.quotes)
    before = machine()
    timed = asyncio.run(measure(str(db), args.repeat, args.quotes // QUOTES_PER_ARTICLE))
    after = machine()
    rows = [[name, f"{t['p50_ms']:.1f}", f"{t['p95_ms']:.1f}", f"{t['max_ms']:.1f}",
             f"{t['cpu_p50_ms']:.1f}", f"{t['bytes']:,}",
             "yes" if t["p95_ms"] < GOAL_P95_MS else "NO"]
            for name, t in timed.items()]
    shape = "events over 20 states" if args.spread else "every event one pair's"
    print_table(f"pages on {args.quotes:,} quotations, {shape} (SQLite, no answer cache), "
                f"load {before['load_average_1min']:.1f} -> {after['load_average_1min']:.1f}",
                ["page", "p50 ms", "p95 ms", "max ms", "CPU p50 ms", "bytes",
                 f"p95 < {GOAL_P95_MS}"], rows)
    name = "bench_pages_spread" if args.spread else "bench_pages"
    out = write_result(name, {"quotes": args.quotes, "repeat": args.repeat,
                                       "pages": timed, "machine_at_start": before})
    print(f"written to {out}")


if __name__ == "__main__":
    main()
