"""Quote provenance (``onrecord.provenance``): the same words across articles.

``cluster`` groups quotations that report the same words (exact, trimmed, re-punctuated,
partial); ``chains`` gives each group's first appearance, fullest version, variants and
speakers; ``conflicts`` flags groups attributed to different speakers, or to a person and a
document, and partial quotes credited to someone else within one article; ``store`` keeps the
groups in the database for ``onrecord provenance`` and the web page.
"""

from onrecord.provenance.chains import Chain, Variant, chain, chain_json, chains, matches, trace
from onrecord.provenance.cluster import cluster_parts, quoted_words
from onrecord.provenance.conflicts import Conflict, Speaker, WithinFlag, conflicts, within_article
from onrecord.provenance.occurrence import Occurrence, occurrences

__all__ = [
    "Chain", "Conflict", "Occurrence", "Speaker", "Variant", "WithinFlag", "chain", "chain_json",
    "chains",
    "cluster_parts", "conflicts", "matches", "occurrences", "quoted_words", "trace",
    "within_article",
]
