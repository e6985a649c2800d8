"""The watch loop: poll the feeds that are due, store their new articles through the batch
runner (cleaning, de-duplication against the store, extraction), run the rules on what was
stored, deliver the alerts; sleep until the next feed is due.

Every step is its own transaction and each is repeated safely after a crash, so a watcher
killed anywhere (even with kill -9) loses nothing and repeats nothing when it starts again:

- an article and its item mark are written together by the runner, so an entry is either done
  or read again from the feed;
- a feed's validators (ETag, Last-Modified) are saved only once all its new entries are done,
  so a feed that has new entries is never answered 304 before they are stored;
- the alerts of an article and the mark that its rules were run are written together; articles
  stored but not marked are checked at start, and the escalation rules are checked at start;
- one alert per story (``alerts.story_key`` is UNIQUE); the webhook's delivery is marked after
  the receiver took it.

``stop()`` (SIGTERM, Ctrl-C) lets the batch in hand finish, stops taking new entries and
returns: nothing is half-written, and what was not read is read on the next start.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator

from onrecord.ingest import Fetcher, FetchOptions, Item
from onrecord.ingest.fetch import DEFAULT_USER_AGENT
from onrecord.ingest.guard import AddressPolicy
from onrecord.runner import Runner
from onrecord.store import Store
from onrecord.watch import alerts, escalation, state
from onrecord.watch.config import WatchConfig
from onrecord.watch.poll import Polled, next_poll, poll
from onrecord.watch.rules import statement_alerts
from onrecord.watch.webhook import WebhookSender, deliver

log = logging.getLogger("onrecord.watch")
log.addHandler(logging.NullHandler())  # the command says where log lines go (cli.watch)

#: How long one fetcher (and the robots.txt rules it remembers) is used before a fresh one: a
#: site's rules change, and an unreachable robots.txt bars a host only until then.
ROBOTS_TTL = 3600.0
#: Articles extracted and stored together (the runner's batch): larger batches extract faster,
#: smaller ones raise their alerts sooner. News feeds rarely bring more than this in a minute.
BATCH_SIZE = 16


class Watcher:
    """One watcher over one store; ``run()`` until ``stop()``."""

    def __init__(self, config: WatchConfig, store: Store,
                 on_change: Callable[[], None] | None = None,
                 today: Callable[[], dt.date] | None = None) -> None:
        self.config = config
        self.store = store
        self.name = config.name or "watch"
        self.on_change = on_change or (lambda: None)
        self.today = today or (lambda: dt.datetime.now(dt.UTC).date())
        self.runner_sources = [f"watch:{self.name}"]
        self.run_key = Runner(store, self.runner_sources).key
        self.feeds = {feed.url: feed for feed in config.feeds}
        self.states = state.load_feeds(store, self.name, list(self.feeds))
        self.totals: Counter[str] = Counter()
        self.stopping = threading.Event()
        self.policy = AddressPolicy(config.fetch_allow)
        self.fetch_options = FetchOptions(
            user_agent=config.user_agent or DEFAULT_USER_AGENT, timeout=config.timeout,
            host_delay=config.host_delay, retries=config.retries,
        )
        self.sender = WebhookSender(config.webhook, self.policy, self.stopping.wait) \
            if config.webhook else None
        self._fetcher: Fetcher | None = None
        self._fetcher_since = 0.0

    def stop(self) -> None:
        """Finish the batch in hand and return from ``run`` (safe from a signal handler)."""
        self.stopping.set()

    def close(self) -> None:
        if self._fetcher is not None:
            self._fetcher.close()
        if self.sender is not None:
            self.sender.close()

    def run(self, cycles: int | None = None) -> None:
        """Poll until stopped (or for ``cycles`` rounds of due feeds, for tests)."""
        log.info("start", extra={"fields": {"watch": self.name, "feeds": len(self.feeds)}})
        self.after_storing(escalate=True)
        done = 0
        while not self.stopping.is_set() and (cycles is None or done < cycles):
            wait = min(s.next_poll for s in self.states.values()) - time.time()
            if wait > 0:
                self.stopping.wait(wait)
                continue
            self.cycle()
            done += 1
        log.info("stop", extra={"fields": {"watch": self.name, **self.totals}})

    # -- one round -------------------------------------------------------------------------

    def _fetcher_now(self) -> Fetcher:
        if self._fetcher is None or time.monotonic() - self._fetcher_since > ROBOTS_TTL:
            if self._fetcher is not None:
                self._fetcher.close()
            self._fetcher = Fetcher(self.fetch_options, self.policy)
            self._fetcher_since = time.monotonic()
        return self._fetcher

    def cycle(self) -> None:
        """Poll every due feed, store what is new, then check, alert and deliver."""
        now = time.time()
        done = self.store.done_items(self.run_key)
        polled: dict[str, Polled] = {}
        for url, feed_state in self.states.items():
            if self.stopping.is_set():
                return  # nothing stored yet: the next start polls these feeds again
            if feed_state.next_poll <= now:
                polled[url] = poll(self._fetcher_now(), url, feed_state, done)
        outcome: dict[str, str] = {}
        if any(p.items for p in polled.values()):
            self._ingest([item for p in polled.values() for item in p.items], outcome)
        for url, found in polled.items():
            self._record(url, found, outcome)
        self.after_storing()

    def _ingest(self, items: list[Item], outcome: dict[str, str]) -> None:
        def until_stopped() -> Iterator[Item]:
            for item in items:
                if self.stopping.is_set():
                    return
                yield item

        def on_item(item: Item, status: str) -> None:
            outcome[item.key] = status
            self.totals[status] += 1
            fields = {"watch": self.name, "item": item.key, "status": status}
            if item.error is not None:
                fields["reason"] = item.error.reason
            log.info("item", extra={"fields": fields})

        Runner(self.store, self.runner_sources, batch_size=BATCH_SIZE,
               on_item=on_item).run(items=until_stopped())

    def _record(self, url: str, found: Polled, outcome: dict[str, str]) -> None:
        """Save the feed's state: validators only once every new entry is done (an entry that
        failed is retried, so the feed must answer in full next time)."""
        feed_state = self.states[url]
        statuses = [outcome.get(item.key) for item in found.items]
        if None in statuses:
            return  # stopped before all were read: due again at the next start
        feed_state.polled_at = alerts.now()
        feed_state.status = found.status
        feed_state.last_error = found.error
        if found.status == "error":
            feed_state.failures += 1
        else:
            feed_state.failures = 0
            feed_state.articles += statuses.count("stored")
            if "error" not in statuses:
                feed_state.etag, feed_state.last_modified = found.etag, found.last_modified
        feed_state.next_poll = next_poll(feed_state, self.config.interval_of(self.feeds[url]),
                                         self.config.max_backoff)
        state.save_feed(self.store, self.name, feed_state)
        level = logging.WARNING if found.error else logging.INFO
        log.log(level, "poll", extra={"fields": {
            "watch": self.name, "feed": url, "status": found.status, "entries": len(statuses),
            "stored": statuses.count("stored"), "error": found.error,
            "failures": feed_state.failures}})
        self.on_change()

    # -- rules and delivery ----------------------------------------------------------------

    def after_storing(self, escalate: bool = False) -> None:
        """Run the rules on stored articles not yet checked, then escalation (when some were,
        or ``escalate``: at start, for a watcher killed between its articles' checks and the
        escalation check, or given an escalation rule since), then deliver."""
        checked = 0
        for doc_id in state.unchecked(self.store, self.name, self.run_key):
            article = self.store.get(doc_id)
            found = statement_alerts(self.config.rules, article) if article else []
            with self.store.engine.begin() as conn:
                self._raised(alerts.insert(conn, found))
                state.mark_checked(conn, self.name, doc_id)
            checked += 1
        if (checked or escalate) and self.config.escalation:
            today = self.today()
            found = [a for rule in self.config.escalation
                     if (a := escalation.check(self.store, rule, today)) is not None]
            with self.store.engine.begin() as conn:
                self._raised(alerts.insert(conn, found))
        if self.sender is not None and not self.stopping.is_set():
            delivered, failed = deliver(self.store, self.sender, self.stopping.is_set)
            self.totals["delivered"] += delivered
            self.totals["delivery failures"] += failed
        self.on_change()

    def _raised(self, added: list[alerts.Alert]) -> None:
        for alert in added:
            self.totals["alerts"] += 1
            log.warning("alert", extra={"fields": {
                "watch": self.name, "rule": alert.rule, "kind": alert.kind,
                "summary": alert.summary, "doc_id": alert.doc_id, "url": alert.url}})
