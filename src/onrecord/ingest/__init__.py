"""Readers that turn files and streams into article texts (``onrecord.ingest``)."""

from onrecord.ingest.files import read_text_file

__all__ = ["read_text_file"]
