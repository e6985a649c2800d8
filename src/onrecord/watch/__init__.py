"""Watch and alert (``onrecord watch``, docs/watch.md): poll news feeds, store what is new, raise
alerts on statements and on escalation, deliver them (Atom feed, web page, webhook).

One module per concern: ``config`` (the YAML file), ``poll`` (one conditional GET of a feed),
``state`` (what a watcher keeps in the store), ``rules`` and ``escalation`` (when an alert fires),
``alerts`` (alerts in the store), ``atom`` and ``webhook`` (delivery), ``watcher`` (the loop).
"""

from onrecord.watch.config import WatchConfig, load_config
from onrecord.watch.watcher import Watcher

__all__ = ["WatchConfig", "Watcher", "load_config"]
