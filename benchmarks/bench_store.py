"""Store benchmark: insert rate and query latency on a 100k-quote store, SQLite and PostgreSQL.

    ONRECORD_TEST_PG=$(scripts/start-postgres.sh) PYTHONPATH=src python benchmarks/bench_store.py \
        [--quotes 100000] [--repeat 40] [--dialects sqlite postgresql] [--explain]

For each database, a fresh store held at the schema *before* the latest migration is filled with
synthetic records as that schema's release wrote them (``tests/old_schema.py``; the store itself
writes the latest schema only); the main queries are timed; the latest migration is applied to
the full store (timed) and the queries are timed again with the same parameters. Both sides run
the same query code, so the difference is the migration's alone. A second fresh store at the
latest schema gives the insert rate (articles/s with their quotes and events, written 32
articles to a transaction as ``onrecord run`` does). Goal: p95 < 50 ms for every query on 100k
quotes.

Records are built directly as ``Article`` objects (no parse): a few thousand speakers, 87
countries, 40 outlets and the words of quotations all drawn Zipf-like (a few are everywhere,
most are rare), dates over two years. Query parameters are drawn from the stored records, so a
speaker is asked for as often as they are quoted, and are the same before and after.

PostgreSQL is the server ``ONRECORD_TEST_PG`` names (a private schema, dropped at the end). It
is analysed after loading, as autovacuum would be within a minute; SQLite is not (the store
never runs ANALYZE). The load average is recorded with the results: the machine is shared.
Prints a table and writes ``benchmarks/results/bench_store.json``.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import random
import re
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import resources
from itertools import accumulate
from pathlib import Path
from urllib.parse import quote as url_quote

import psycopg
from common import ROOT, machine, print_table, write_result
from spacy.lang.en.stop_words import STOP_WORDS
from sqlalchemy import Engine, event

from onrecord.eval.synthetic import _FIRST, _SYLLABLES  # its made-up names
from onrecord.model import ActorRef, Article, Event, Mention, Quote
from onrecord.server import views
from onrecord.server.params import EventQuery
from onrecord.server.speakers import find_speakers
from onrecord.store import Store, Stored, open_store
from onrecord.store import queries as q
from onrecord.store.filters import EventFilter, QuoteFilter
from onrecord.store.migrations import available

sys.path.insert(0, str(ROOT / "tests"))
import old_schema  # noqa: E402  (a store at an older schema, as its release wrote it)
from old_schema import old_store  # noqa: E402

GOAL_P95_MS = 50
#: Articles per transaction: the batch runner's default (``Runner.batch_size``).
BATCH = 32
#: Two years of news, as in the issue; 1% of articles have no date.
FIRST_DAY, DAYS, UNDATED = dt.date(2023, 1, 1), 731, 0.01
#: Speakers and outlets; quotes per article 1-7 (mean 4, about a wire story's).
SPEAKERS, OUTLETS, MAX_QUOTES = 3000, 40, 7
#: Shares of quotations: unresolved speaker, with an addressee, conditional; coded as an event.
UNRESOLVED, ADDRESSED, CONDITIONAL, WITH_EVENT = 0.08, 0.25, 0.05, 0.6
KINDS = {"direct": 55, "indirect": 35, "mixed": 10}
CUES = {"said": 50, "told": 10, "warned": 8, "added": 8, "according to": 6, "stressed": 4,
        "said in a statement": 4, "insisted": 3, "made clear": 3, "issued a stark warning": 2,
        "threatened": 2}
#: PLOVER types by how often a quotation codes to each, with a typical intensity.
TYPES = {"CONSULT": (20, 1.0), "ACCUSE": (16, -2.0), "THREATEN": (14, -4.0),
         "SUPPORT": (12, 3.0), "REQUEST": (10, -0.5), "REJECT": (8, -2.5), "AGREE": (6, 4.0),
         "PROTEST": (4, -3.0), "SANCTION": (3, -5.0), "MOBILIZE": (2, -5.5),
         "COOPERATE": (2, 5.0), "AID": (1, 6.0), "CONCEDE": (1, 2.0)}
CONTEXTS = ["military", "cbrn", "economic", "cyber", "territory"]



def zipf(n: int, s: float = 1.0) -> list[float]:
    """Cumulative Zipf weights over ``n`` ranks, for ``random.choices(cum_weights=...)``."""
    return list(accumulate(1 / (rank + 1) ** s for rank in range(n)))


@dataclass
class Population:
    """Who speaks, about what, where: drawn once per seed, ranked by how often each occurs."""

    speakers: list[ActorRef]
    countries: list[ActorRef]
    outlets: list[str]
    words: list[str]

    @classmethod
    def draw(cls, rng: random.Random) -> Population:
        places = resources.files("onrecord.data").joinpath("places.csv").read_text("utf-8")
        countries = [ActorRef(name=row["country"], actor_id=row["iso3"].lower(),
                              country=row["iso3"], sector="GOV")
                     for row in csv.DictReader(places.splitlines())]
        rng.shuffle(countries)
        country_weights = zipf(len(countries))

        def made_up() -> str:
            return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4)))

        speakers = []
        for n in range(SPEAKERS):
            name = f"{rng.choice(_FIRST)} {made_up().capitalize()}"
            [home] = rng.choices(countries, cum_weights=country_weights)
            # One speaker in five is named but not in the knowledge base (no actor id).
            actor_id = f"p{n:04}" if rng.random() < 0.8 else None
            speakers.append(ActorRef(name=name, actor_id=actor_id, country=home.country,
                                     sector=rng.choice(["GOV", "MIL", "GOV", "OPP"])))
        # The samples' words, most frequent first, then a long tail of made-up ones (names,
        # places): a real corpus keeps bringing new words.
        counts: dict[str, int] = {}
        for path in sorted((ROOT / "samples").glob("*.txt")):
            for word in re.findall(r"[a-z]{2,}", path.read_text(encoding="utf-8").lower()):
                counts[word] = counts.get(word, 0) + 1
        words = sorted(counts, key=lambda w: (-counts[w], w))
        words += sorted({made_up() for _ in range(20000)} - set(words))
        return cls(speakers, countries, [f"outlet{n:02}.example" for n in range(OUTLETS)], words)


@dataclass
class Picks:
    """Query parameters as often as they occur in the stored records."""

    speakers: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)
    pairs: list[tuple[str, str]] = field(default_factory=list)
    types: list[str] = field(default_factory=list)
    words: list[str] = field(default_factory=list)


class Corpus:
    """Synthetic records: article ``n`` of a seed is always the same."""

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self.pop = Population.draw(random.Random(seed))
        self.speaker_weights = zipf(len(self.pop.speakers), 0.9)
        self.country_weights = zipf(len(self.pop.countries))
        self.outlet_weights = zipf(len(self.pop.outlets))
        self.word_weights = zipf(len(self.pop.words))
        self.type_names, type_weights = list(TYPES), [w for w, _ in TYPES.values()]
        self.type_weights = list(accumulate(type_weights))

    def words(self, rng: random.Random, low: int, high: int) -> str:
        return " ".join(rng.choices(self.pop.words, cum_weights=self.word_weights,
                                    k=rng.randint(low, high)))

    def article(self, n: int) -> Article:
        rng = random.Random(f"{self.seed}:{n}")
        [outlet] = rng.choices(self.pop.outlets, cum_weights=self.outlet_weights)
        published = None
        if rng.random() >= UNDATED:
            day = FIRST_DAY + dt.timedelta(rng.randrange(DAYS))
            published = day.isoformat() if rng.random() < 0.5 else (
                f"{day.isoformat()}T{rng.randrange(24):02}:{rng.randrange(60):02}:00Z")
        [place] = rng.choices(self.pop.countries, cum_weights=self.country_weights)
        text, quotes, events = self.words(rng, 30, 80).capitalize() + ".", [], []
        for k in range(1, rng.randint(1, MAX_QUOTES) + 1):
            quote, paragraph, who, to = self._quote(rng, k, len(text) + 1)
            text += "\n" + paragraph + "\n" + self.words(rng, 20, 120).capitalize() + "."
            quotes.append(quote)
            if quote.speaker.name and rng.random() < WITH_EVENT:
                events.append(self._event(rng, quote, who, to or place))
        return Article(doc_id=f"{self.seed}-{n:07}", url=f"https://{outlet}/{n}",
                       source=outlet, title=self.words(rng, 5, 12).capitalize(),
                       published=published, text=text, quotes=quotes, events=events)

    def _quote(
        self, rng: random.Random, k: int, at: int
    ) -> tuple[Quote, str, ActorRef, ActorRef | None]:
        """Quotation ``q<k>``, its paragraph “content,” cue speaker [to addressee], the speaker
        and the addressee."""
        content = self.words(rng, 6, 30).capitalize()
        [kind] = rng.choices(list(KINDS), list(KINDS.values()))
        [cue] = rng.choices(list(CUES), list(CUES.values()))
        cue_at = at + len(content) + 3
        said_at = cue_at + len(cue) + 1
        [who] = rng.choices(self.pop.speakers, cum_weights=self.speaker_weights)
        if rng.random() < UNRESOLVED:
            speaker = Mention(mention="a spokesman", span=(said_at, said_at + 11))
        else:
            words = rng.choice([who.name, who.name.split()[-1], "he", "she"])
            speaker = Mention(mention=words, span=(said_at, said_at + len(words)), name=who.name,
                              actor_id=who.actor_id, confidence=round(rng.uniform(0.5, 1), 2))
        paragraph = f"“{content},” {cue} {speaker.mention}"
        addressee = to = None
        if rng.random() < ADDRESSED:
            [to] = rng.choices(self.pop.countries, cum_weights=self.country_weights)
            to_at = at + len(paragraph) + 4
            addressee = Mention(mention=to.name, span=(to_at, to_at + len(to.name)),
                                name=to.name, actor_id=to.actor_id, confidence=0.9)
            paragraph += f" to {to.name}"
        condition = self.words(rng, 3, 8) if rng.random() < CONDITIONAL else None
        quote = Quote(id=f"q{k}", kind=kind, content=content,
                      spans=[(at + 1, at + 1 + len(content))], cue=cue,
                      cue_span=(cue_at, cue_at + len(cue)), speaker=speaker, addressee=addressee,
                      condition=condition, negated=rng.random() < 0.03, hedged=rng.random() < 0.05)
        return quote, paragraph + ".", who, to

    def _event(self, rng: random.Random, quote: Quote, who: ActorRef, to: ActorRef) -> Event:
        """The event a quotation codes to: its speaker against ``to`` (the addressee, else the
        article's country) or, one time in four without an addressee, another speaker."""
        [type_] = rng.choices(self.type_names, cum_weights=self.type_weights)
        target = to
        if quote.addressee is None and rng.random() < 0.25:
            [target] = rng.choices(self.pop.speakers, cum_weights=self.speaker_weights)
        condition = quote.condition
        if type_ == "THREATEN" and condition is None and rng.random() < 0.3:
            condition = self.words(rng, 3, 8)
        return Event(id=f"e{quote.id[1:]}", type=type_, source=who, target=target,
                     quote_id=quote.id, condition=condition,
                     context=[rng.choice(CONTEXTS)] if rng.random() < 0.12 else [],
                     negated=quote.negated, hedged=quote.hedged,
                     intensity=round(TYPES[type_][1] + rng.uniform(-1, 1), 1),
                     evidence=quote.spans[0])

    def articles(self, quotes: int) -> Iterator[Article]:
        """Articles until they hold ``quotes`` quotations (the last one may hold a few more)."""
        n = made = 0
        while made < quotes:
            article = self.article(n)
            made += len(article.quotes)
            n += 1
            yield article


def picks_of(articles: list[Article]) -> Picks:
    """Every speaker, country, actor, pair, type and content word as often as stored."""
    picks = Picks()
    for article in articles:
        for quote in article.quotes:
            if quote.speaker.name:
                picks.speakers.append(quote.speaker.name)
            picks.words += [w for w in quote.content.lower().split()
                            if len(w) > 3 and w not in STOP_WORDS]
        for ev in article.events:
            picks.countries.append(ev.source.country)
            picks.actors.append(ev.source.actor_id or ev.source.name)
            picks.pairs.append((ev.source.country, ev.target.country))
            picks.types.append(ev.type)
    return picks


def month_filter(rng: random.Random, kind: type[QuoteFilter] | type[EventFilter]):
    """A filter for one calendar month of the two years."""
    first = FIRST_DAY + dt.timedelta(rng.randrange(DAYS - 31))
    first = first.replace(day=1)
    last = (first + dt.timedelta(32)).replace(day=1) - dt.timedelta(1)
    return kind(**{"from": first, "to": last})


def query_suite(p: Picks) -> dict[str, Callable[[Store, random.Random], object]]:
    """The main queries of the API and pages, each drawing its parameters from ``rng``."""

    def speaker_page(s: Store, rng: random.Random) -> None:
        name = rng.choice(p.speakers)  # as GET /speakers/{name}: the record and a first page
        q.speaker(s, name)
        q.quotes(s, QuoteFilter(speaker=name))

    return {
        "quotes, newest first": lambda s, rng: q.quotes(s),
        "quotes by speaker": lambda s, rng: q.quotes(s, QuoteFilter(
            speaker=rng.choice(p.speakers))),
        "quotes by country": lambda s, rng: q.quotes(s, QuoteFilter(
            country=rng.choice(p.countries))),
        "quotes by text search": lambda s, rng: q.quotes(s, QuoteFilter(q=rng.choice(p.words))),
        "quotes by month": lambda s, rng: q.quotes(s, month_filter(rng, QuoteFilter)),
        "events by type": lambda s, rng: q.events(s, EventFilter(type=[rng.choice(p.types)])),
        "events by country pair": lambda s, rng: q.events(s, EventFilter(
            **dict(zip(("source", "target"), rng.choice(p.pairs), strict=True)))),
        "events by source actor": lambda s, rng: q.events(s, EventFilter(
            source=rng.choice(p.actors))),
        "conditional threats": lambda s, rng: q.events(s, EventFilter(
            type=["THREATEN"], conditional=True)),
        "quote counts by month": lambda s, rng: q.counts(s, "quotes", QuoteFilter(), "month"),
        "event counts by week, one type": lambda s, rng: q.counts(
            s, "events", EventFilter(type=[rng.choice(p.types)]), "week"),
        "escalation (country pair, month)": lambda s, rng: q.escalation(
            s, *rng.choice(p.pairs), "month"),
        "speaker page": speaker_page,
        "actor record": lambda s, rng: q.actor(s, rng.choice(p.actors)),
        "network, all events": lambda s, rng: q.network(s),
        "network, one month": lambda s, rng: q.network(s, month_filter(rng, EventFilter)),
        "home dashboard": lambda s, rng: views.dashboard(s),
        "events page (conditional threats, total)": lambda s, rng: views.event_list(
            s, EventQuery(type=["THREATEN"], conditional=True)),
        "speaker by surname, lower case": lambda s, rng: find_speakers(
            s, rng.choice(p.speakers).split()[-1].lower()),
        "state record, officials rolled up": lambda s, rng: q.actor(s, rng.choice(p.countries)),
        "timeline pickers": lambda s, rng: q.parties(s),
    }


# -- databases -------------------------------------------------------------------------------


@contextmanager
def fresh_db(dialect: str, folder: Path) -> Iterator[str]:
    """An empty database: a new SQLite file, or a private schema on ``ONRECORD_TEST_PG``."""
    if dialect == "sqlite":
        yield str(folder / f"{uuid.uuid4().hex[:8]}.db")
        return
    dsn = os.environ.get("ONRECORD_TEST_PG")
    if not dsn:
        raise SystemExit("PostgreSQL: set ONRECORD_TEST_PG=$(scripts/start-postgres.sh)")
    schema = "bench_" + uuid.uuid4().hex[:12]
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    try:
        separator = "&" if "?" in dsn else "?"
        yield f"{dsn}{separator}options={url_quote(f'-csearch_path={schema}')}"
    finally:
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


def analyse(engine: Engine) -> None:
    """PostgreSQL's statistics of a freshly loaded store, as autovacuum would gather them."""
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            conn.exec_driver_sql("ANALYZE")


def load(store: Store, articles: list[Article]) -> dict:
    """Write ``articles`` in batches as the runner does; wall and this process's CPU time."""
    start, cpu = time.perf_counter(), time.process_time()
    for i in range(0, len(articles), BATCH):
        store.write(Stored(a) for a in articles[i:i + BATCH])
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    analyse(store.engine)
    quotes = sum(len(a.quotes) for a in articles)
    return {"articles": len(articles), "quotes": quotes,
            "events": sum(len(a.events) for a in articles), "seconds": round(seconds, 2),
            "client_cpu_seconds": round(cpu, 2), "articles_per_s": round(len(articles) / seconds),
            "quotes_per_s": round(quotes / seconds), "load_average_1min": os.getloadavg()[0]}


def time_queries(store: Store, suite: dict, repeat: int, seed: int) -> dict[str, dict]:
    """p50/p95/max milliseconds of each query over ``repeat`` draws of its parameters (after
    two warm-up calls); the same draws on every database and schema."""
    result = {}
    for name, run in suite.items():
        warm = random.Random(f"{seed}:warm:{name}")
        for _ in range(2):
            run(store, warm)
        rng, times = random.Random(f"{seed}:{name}"), []
        for _ in range(repeat):
            start = time.perf_counter()
            run(store, rng)
            times.append(1000 * (time.perf_counter() - start))
        cuts = statistics.quantiles(times, n=100, method="inclusive")
        result[name] = {"p50_ms": round(cuts[49], 1), "p95_ms": round(cuts[94], 1),
                        "max_ms": round(max(times), 1)}
    return result


def plans(store: Store, suite: dict, seed: int) -> dict[str, list[str]]:
    """EXPLAIN (QUERY PLAN) of the first SQL statement each query sends, for one draw."""
    prefix = "EXPLAIN QUERY PLAN " if store.dialect == "sqlite" else "EXPLAIN "
    result = {}
    for name, run in suite.items():
        sent: list[tuple[str, object]] = []

        def grab(conn, cursor, statement, parameters, context, executemany, sent=sent):
            sent.append((statement, parameters))

        event.listen(store.engine, "before_cursor_execute", grab)
        try:
            run(store, random.Random(f"{seed}:{name}"))
        finally:
            event.remove(store.engine, "before_cursor_execute", grab)
        statement, parameters = sent[0]
        with store.engine.connect() as conn:
            rows = conn.exec_driver_sql(prefix + statement, parameters).all()
        result[name] = [row[-1] if store.dialect == "sqlite" else row[0] for row in rows]
    return result


def bench_dialect(dialect: str, articles: list[Article], suite: dict, args) -> dict:
    """Before (latest - 1) and after (latest) the newest migration, on one database."""
    latest = max(n for n, _ in available(dialect))
    result: dict = {"schema_before": latest - 1, "schema_after": latest}
    with tempfile.TemporaryDirectory() as folder:
        with fresh_db(dialect, Path(folder)) as db:
            with old_store(db, latest - 1) as engine:
                print(f"{dialect}: loading at schema {latest - 1}", file=sys.stderr)
                for i in range(0, len(articles), BATCH):
                    old_schema.put(engine, *articles[i:i + BATCH])
                analyse(engine)
                store = Store(engine)  # read only: the store writes the latest schema alone
                result["queries_before"] = time_queries(store, suite, args.repeat, args.seed)
                if args.explain:
                    result["plans_before"] = plans(store, suite, args.seed)
            print(f"{dialect}: migrating to {latest}", file=sys.stderr)
            start = time.perf_counter()
            with open_store(db) as store:
                result["migration_seconds"] = round(time.perf_counter() - start, 2)
                analyse(store.engine)
                result["queries_after"] = time_queries(store, suite, args.repeat, args.seed)
                if args.explain:
                    result["plans_after"] = plans(store, suite, args.seed)
        with fresh_db(dialect, Path(folder)) as db, open_store(db) as store:
            print(f"{dialect}: loading at schema {latest}", file=sys.stderr)
            result["insert"] = load(store, articles)
    return result


def report(results: dict) -> None:
    for dialect, r in results.items():
        before, after = r["queries_before"], r["queries_after"]
        rows = [[name, f"{before[name]['p50_ms']:.1f}", f"{before[name]['p95_ms']:.1f}",
                 f"{after[name]['p50_ms']:.1f}", f"{after[name]['p95_ms']:.1f}",
                 "yes" if after[name]["p95_ms"] < GOAL_P95_MS else "NO"] for name in before]
        print_table(f"{dialect}: query latency in ms, schema {r['schema_before']} → "
                    f"{r['schema_after']} (goal p95 < {GOAL_P95_MS} ms)",
                    ["query", "p50 before", "p95 before", "p50 after", "p95 after", "goal"], rows)
        insert = r["insert"]
        rows = [[f"schema {r['schema_after']}", f"{insert['articles']:,}",
                 f"{insert['quotes']:,}", f"{insert['events']:,}", f"{insert['seconds']:.1f}",
                 f"{insert['articles_per_s']:,}", f"{insert['load_average_1min']:.1f}"]]
        print_table(f"{dialect}: insert, {BATCH} articles a transaction (migration "
                    f"{r['schema_after']} on the full store: {r['migration_seconds']} s)",
                    ["schema", "articles", "quotes", "events", "seconds", "articles/s",
                     "load"], rows)
        for when in ("before", "after"):
            for name, plan in r.get(f"plans_{when}", {}).items():
                print(f"-- {dialect} {when}: {name}\n   " + "\n   ".join(plan))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quotes", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--dialects", nargs="+", default=["sqlite", "postgresql"],
                        choices=["sqlite", "postgresql"])
    parser.add_argument("--explain", action="store_true",
                        help="print and keep the plan of each query's main statement")
    args = parser.parse_args()
    result: dict = {"machine_at_start": machine(), "quotes_asked": args.quotes,
                    "repeat": args.repeat, "seed": args.seed}
    start = time.perf_counter()
    articles = list(Corpus(args.seed).articles(args.quotes))
    result["generate_seconds"] = round(time.perf_counter() - start, 1)
    suite = query_suite(picks_of(articles))
    result["databases"] = {d: bench_dialect(d, articles, suite, args) for d in args.dialects}
    report(result["databases"])
    print(f"written to {write_result('bench_store', result)}")


if __name__ == "__main__":
    main()
