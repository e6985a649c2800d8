"""Ingest throughput: HTML pages/s, WARC records/s, JSONL lines/s, and de-duplication at scale.

    PYTHONPATH=src python benchmarks/bench_ingest.py [--pages 300] [--lines 5000]
                                                     [--dedup 10000 100000] [--stories 1500]

- HTML: the sample pages (``samples/*.html``), each made distinct by a numbered paragraph,
  through trafilatura and cleaning (``read_html`` then ``clean``).
- WARC: the same pages as response records of a WARC.gz written with warcio, read with
  ``read_warc`` (which extracts each page) and, for the share of time warcio itself takes,
  iterated without extraction.
- JSONL: lines built from the sample texts, read with ``read_jsonl`` and cleaned.
- Dedup: synthetic stories (``bench_dedup.Writer``), one in ten a wire copy of an earlier one
  (light edits, trimmed ending or new headline); each is fingerprinted, looked up and indexed as
  the batch runner does. Text generation is not timed. Precision/recall come from
  ``bench_dedup.scores`` on its constructed wire-copy set at the shipped threshold.

Single process, one core; wall time, and CPU time for dedup (the machine is shared).
Prints a table and writes ``benchmarks/results/bench_ingest.json``.
"""

from __future__ import annotations

import argparse
import io
import json
import platform
import random
import tempfile
import time
from pathlib import Path

import datasketch
import trafilatura
from bench_dedup import POSITIVE, Writer, scores
from rich.console import Console
from rich.table import Table
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from onrecord.dedup.minhash import THRESHOLD, Deduplicator, fingerprint
from onrecord.ingest import FieldMap, read_html
from onrecord.ingest.records import read_jsonl
from onrecord.ingest.warc import read_warc
from onrecord.pipeline import clean

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
# One story in ten a wire copy of an earlier one: the share of syndicated copies in a day of
# CC-NEWS is higher still, but what is timed here is the lookup, which a copy does not slow.
COPY_SHARE = 0.1


def pages(count: int) -> list[bytes]:
    """``count`` distinct HTML pages: the sample pages in turn, each with a numbered paragraph."""
    html = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.html"))]
    return [
        html[n % len(html)].replace("</article>", f"<p>Page {n} of the benchmark.</p></article>", 1)
        .encode("utf-8")
        for n in range(count)
    ]


def time_html(data: list[bytes]) -> dict:
    start = time.perf_counter()
    words = sum(len(clean(read_html(page, f"page-{n}")).text.split())
                for n, page in enumerate(data))
    seconds = time.perf_counter() - start
    return {"pages": len(data), "seconds": seconds, "pages_per_s": len(data) / seconds,
            "words": words}


def write_warc(path: Path, data: list[bytes]) -> None:
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=True)
        for n, page in enumerate(data):
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], "HTTP/1.1"
            )
            writer.write_record(writer.create_warc_record(
                f"https://news.example/{n}", "response", payload=io.BytesIO(page),
                http_headers=headers,
            ))


def time_warc(data: list[bytes]) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.warc.gz"
        write_warc(path, data)
        start = time.perf_counter()
        with open(path, "rb") as stream:
            raw = sum(len(record.content_stream().read()) > 0 for record in ArchiveIterator(stream))
        parse_only = time.perf_counter() - start
        start = time.perf_counter()
        read = sum(item.article_text is not None for item in read_warc(str(path), 10_000_000))
        seconds = time.perf_counter() - start
    assert read == raw == len(data), (read, raw)
    return {"records": read, "seconds": seconds, "records_per_s": read / seconds,
            "warcio_only_records_per_s": raw / parse_only}


def time_jsonl(lines: int) -> dict:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
    dump = "\n".join(
        json.dumps({"text": f"{texts[n % len(texts)]}\nLine {n}.", "title": f"Story {n}"})
        for n in range(lines)
    ).encode("utf-8")
    start = time.perf_counter()
    read = sum(bool(clean(item.article_text).text)
               for item in read_jsonl(io.BufferedReader(io.BytesIO(dump)), "bench.jsonl",
                                      FieldMap()))
    seconds = time.perf_counter() - start
    return {"lines": read, "seconds": seconds, "lines_per_s": read / seconds}


def corpus(count: int, seed: int = 11) -> tuple[list[str], int]:
    """``count`` synthetic stories, ``COPY_SHARE`` of them wire copies of an earlier story."""
    writer = Writer(random.Random(seed))
    rng = random.Random(seed + 1)
    variants = list(POSITIVE.values())
    stories: list[list[str]] = []
    copies = 0
    for _ in range(count):
        if stories and rng.random() < COPY_SHARE:
            stories.append(rng.choice(variants)(writer, rng.choice(stories)))
            copies += 1
        else:
            stories.append(writer.story())
    return ["\n".join(story) for story in stories], copies


def time_dedup(count: int) -> dict:
    """Wall and CPU time: on a shared machine the CPU time is what the code costs."""
    texts, copies = corpus(count)
    start, cpu = time.perf_counter(), time.process_time()
    index = Deduplicator()
    found = 0
    for number, text in enumerate(texts):
        print_ = fingerprint(text)
        if index.find(print_.body_hash, print_.values) is not None:
            found += 1
        else:
            index.add(str(number), print_.body_hash, print_.values)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    return {"articles": count, "seconds": seconds, "cpu_seconds": cpu,
            "articles_per_s": count / seconds, "wire_copies_made": copies,
            "duplicates_found": found}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--lines", type=int, default=5000)
    parser.add_argument("--dedup", type=int, nargs="*", default=[10000, 100000])
    parser.add_argument("--stories", type=int, default=1500)
    args = parser.parse_args()
    data = pages(args.pages)
    time_html(data[:3])  # load trafilatura and the data files outside the timed runs
    quality = scores(args.stories, [THRESHOLD])[0]
    result = {
        "html": time_html(data),
        "warc": time_warc(data),
        "jsonl": time_jsonl(args.lines),
        "dedup": [time_dedup(count) for count in args.dedup],
        "dedup_quality": {"stories": args.stories, "threshold": THRESHOLD,
                          "precision": quality["precision"], "recall": quality["recall"]},
        "machine": {"python": platform.python_version(),
                    "cpu": platform.processor() or platform.machine(),
                    "trafilatura": trafilatura.__version__,
                    "datasketch": datasketch.__version__},
    }
    table = Table(title="Ingest throughput (one process)")
    for column in ("stage", "items", "seconds", "CPU s", "rate"):
        table.add_column(column, justify="left" if column == "stage" else "right")
    html, warc, jsonl = result["html"], result["warc"], result["jsonl"]
    table.add_row("HTML pages (trafilatura + clean)", str(html["pages"]),
                  f"{html['seconds']:.1f}", "", f"{html['pages_per_s']:.0f} pages/s")
    table.add_row("WARC.gz records (read + extract)", str(warc["records"]),
                  f"{warc['seconds']:.1f}", "", f"{warc['records_per_s']:.0f} records/s")
    table.add_row("  of which warcio alone", "", "", "",
                  f"{warc['warcio_only_records_per_s']:.0f} records/s")
    table.add_row("JSONL lines (read + clean)", str(jsonl["lines"]),
                  f"{jsonl['seconds']:.1f}", "", f"{jsonl['lines_per_s']:.0f} lines/s")
    for run in result["dedup"]:
        table.add_row(f"dedup ({run['duplicates_found']:,} of {run['wire_copies_made']:,} "
                      "copies found)", f"{run['articles']:,}", f"{run['seconds']:.1f}",
                      f"{run['cpu_seconds']:.1f}", f"{run['articles_per_s']:.0f} articles/s")
    Console(width=110).print(table)
    print(f"dedup on the wire-copy set ({args.stories} stories, threshold {THRESHOLD}): "
          f"precision {quality['precision']:.3f}, recall {quality['recall']:.3f}")
    out = ROOT / "benchmarks" / "results" / "bench_ingest.json"
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
