"""Alerts as an Atom feed (RFC 4287): one entry per alert, newest first, its id stable across
requests (``urn:onrecord:alert:<story key>``), so a feed reader shows each alert once."""

from __future__ import annotations

import re
from urllib.parse import quote
from xml.etree import ElementTree as ET

from onrecord import __version__
from onrecord.watch.alerts import Alert

_ATOM = "http://www.w3.org/2005/Atom"
#: Characters XML 1.0 cannot hold even escaped (control characters a page may carry).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _add(parent: ET.Element, tag: str, value: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{_ATOM}}}{tag}", attrs)
    if value is not None:
        element.text = _NOT_XML.sub("\ufffd", value)
    return element


def _text(alert: Alert) -> str:
    lines = [alert.summary]
    if alert.quote:
        lines.append(f"“{alert.quote}” ({alert.speaker or 'unnamed speaker'})")
    if alert.kind == "statement":
        article = alert.evidence.get("article", {})
        lines.append(" · ".join(v for v in (article.get("source"), article.get("title"),
                                            article.get("published")) if v))
        if shown := alert.evidence.get("evidence_text"):
            lines.append(f"Evidence: {shown}")
    else:
        lines += [f"{e['type']}: {e.get('title') or e['doc_id']}"
                  for e in alert.evidence.get("events", [])]
    return "\n".join(lines)


def alerts_feed(alerts: list[Alert], base_url: str, updated: str) -> bytes:
    """The feed of ``alerts`` (newest first) served at ``base_url`` + ``/api/alerts.atom``;
    ``updated`` is the newest alert's time, or now when there is none."""
    ET.register_namespace("", _ATOM)
    feed = ET.Element(f"{{{_ATOM}}}feed")
    _add(feed, "title", "onrecord alerts")
    _add(feed, "id", f"{base_url}/api/alerts.atom")
    _add(feed, "updated", updated)
    _add(feed, "generator", "onrecord", version=__version__)
    _add(feed, "link", rel="self", href=f"{base_url}/api/alerts.atom")
    _add(feed, "link", rel="alternate", type="text/html", href=f"{base_url}/alerts")
    for alert in alerts:
        entry = _add(feed, "entry")
        _add(entry, "id", f"urn:onrecord:alert:{alert.story_key}")
        _add(entry, "title", f"{alert.rule}: {alert.summary}")
        _add(entry, "updated", alert.created_at or updated)
        _add(entry, "category", term=alert.rule, label=alert.kind)
        if alert.doc_id:
            _add(entry, "link", rel="alternate", type="text/html",
                 href=f"{base_url}/articles/{quote(alert.doc_id, safe='')}")
        if alert.url:
            _add(entry, "link", rel="related", href=alert.url)
        _add(_add(entry, "author"), "name", alert.speaker or "onrecord watch")
        _add(entry, "content", _text(alert), type="text")
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)

