"""Readers that turn files, folders, URLs, feeds, archives and dumps into article items.

``read_inputs`` picks the reader for each input; each reader module handles one kind of source.
"""

from onrecord.ingest.fetch import Fetcher, FetchOptions
from onrecord.ingest.files import decode_text, read_text_file
from onrecord.ingest.html import read_html
from onrecord.ingest.item import Item
from onrecord.ingest.records import FieldMap
from onrecord.ingest.sources import Kind, ReadOptions, kind_of, read_inputs
from onrecord.ingest.urls import is_url

__all__ = [
    "FetchOptions", "Fetcher", "FieldMap", "Item", "Kind", "ReadOptions",
    "decode_text", "read_html", "is_url", "kind_of", "read_inputs", "read_text_file",
]
