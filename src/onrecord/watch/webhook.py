"""Alerts POSTed as JSON to a webhook: http or https only, through the same SSRF guard as the
server's fetches (public addresses on web ports, plus the configured ``fetch_allow``), the
secret in a header, a few attempts with exponential backoff on timeouts, 429 and 5xx.

Each alert goes with an ``X-Onrecord-Alert`` header holding its story key: a receiver that sees
the same key again (a watcher killed after the POST and before it recorded the delivery) can
drop it.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable

import httpx

from onrecord import __version__
from onrecord.errors import InputError
from onrecord.ingest.guard import AddressPolicy, GuardedTransport
from onrecord.store import Store
from onrecord.watch import alerts
from onrecord.watch.alerts import Alert
from onrecord.watch.config import Webhook

_RETRY_STATUS = {408, 429, 500, 502, 503, 504}


class WebhookSender:
    """One webhook; ``wait`` sleeps between attempts and returns True when told to stop."""

    def __init__(self, webhook: Webhook, policy: AddressPolicy,
                 wait: Callable[[float], bool] | None = None) -> None:
        self.webhook = webhook
        headers = {"User-Agent": f"onrecord/{__version__}", "Content-Type": "application/json"}
        if webhook.secret_env:
            secret = os.environ.get(webhook.secret_env)
            if not secret:
                raise InputError(webhook.url, f"the secret variable {webhook.secret_env} is "
                                 "not set in the environment")
            headers[webhook.secret_header] = secret
        self._client = httpx.Client(
            headers=headers, timeout=webhook.timeout, follow_redirects=False,
            transport=GuardedTransport(policy), trust_env=False,
        )
        self._wait = wait or threading.Event().wait

    def close(self) -> None:
        self._client.close()

    def send(self, alert: Alert) -> str | None:
        """POST one alert; None once it is taken (2xx), else why the last attempt failed."""
        body = alert.model_dump_json()
        problem = None
        for attempt in range(self.webhook.attempts):
            if attempt and self._wait(self.webhook.backoff * 2 ** (attempt - 1)):
                break
            try:
                response = self._client.post(self.webhook.url, content=body,
                                             headers={"X-Onrecord-Alert": alert.story_key})
            except InputError as exc:  # refused by the guard: no retry can change that
                return exc.reason
            except httpx.HTTPError as exc:
                problem = f"cannot post ({exc.__class__.__name__})"
                continue
            if response.is_success:
                return None
            problem = f"HTTP {response.status_code}"
            if response.status_code not in _RETRY_STATUS:
                break
        return problem


def deliver(store: Store, sender: WebhookSender, stop: Callable[[], bool]) -> tuple[int, int]:
    """Send every undelivered alert, oldest first: (delivered, failed). An alert that fails
    stays queued for the next round; the round stops at the first failure, since the receiver
    is then most likely down."""
    delivered = 0
    while queued := alerts.undelivered(store):
        for alert in queued:
            if stop():
                return delivered, 0
            error = sender.send(alert)
            alerts.mark_delivery(store, alert.alert_id, error)
            if error is not None:
                return delivered, 1
            delivered += 1
    return delivered, 0
