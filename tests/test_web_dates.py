"""Dates on the pages read as dates ("1 Mar 2024"), and keep their ISO value for machines."""

from __future__ import annotations

from onrecord.web.dates import readable, time_tag


def test_each_kind_of_stored_date_reads_as_people_write_it():
    assert readable("2024-03-01") == "1 Mar 2024"
    assert readable("2024-03") == "Mar 2024"
    assert readable("2024") == "2024"
    assert readable("2024-W03") == "week of 15 Jan 2024"  # ISO week 3 begins on Monday 15th
    assert readable("2024-W03", short=True) == "15 Jan 2024"
    assert readable("2026-12-03T11:35:50+00:00") == "3 Dec 2026, 11:35 UTC"
    assert readable("2026-12-03T11:35:50+02:00") == "3 Dec 2026, 11:35 +0200"
    assert readable("2026-12-03T11:35:50") == "3 Dec 2026, 11:35"


def test_what_is_no_date_is_not_read_as_one():
    for value in ("", None, "2024-13", "2024-W54", "2024-02-30", "last Tuesday"):
        assert readable(value) is None


def test_the_time_tag_keeps_the_iso_value_and_escapes_what_is_no_date():
    assert time_tag("2024-03-01") == '<time datetime="2024-03-01">1 Mar 2024</time>'
    assert time_tag(None) == '<span class="undated">undated</span>'
    assert time_tag("", "date unknown") == '<span class="undated">date unknown</span>'
    assert time_tag("<b>soon</b>") == "&lt;b&gt;soon&lt;/b&gt;"  # shown as it is, escaped
