"""BERT's uncased WordPiece tokenizer in plain Python, over the vocabulary the model ships.

Why not the ``tokenizers`` package: the steps are few (clean, lower-case, strip accents, split
punctuation and CJK characters, greedy longest-match word pieces) and a plain version keeps the
embedding path free of another compiled dependency. It reproduces the ids sentence-transformers
feeds all-MiniLM-L6-v2 (checked in ``tests/test_embed.py`` on reference sentences).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

# BERT's limit: a longer "word" (a URL, a hash) is one unknown token.
MAX_WORD_CHARS = 100


def _is_punctuation(ch: str) -> bool:
    code = ord(ch)
    # BERT counts every non-alphanumeric ASCII symbol as punctuation ("$", "^", "`").
    if 33 <= code <= 47 or 58 <= code <= 64 or 91 <= code <= 96 or 123 <= code <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def _is_cjk(code: int) -> bool:
    return (0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0x20000 <= code <= 0x2A6DF
            or 0x2A700 <= code <= 0x2B73F or 0x2B740 <= code <= 0x2B81F
            or 0x2B820 <= code <= 0x2CEAF or 0xF900 <= code <= 0xFAFF
            or 0x2F800 <= code <= 0x2FA1F)


def _clean(text: str) -> str:
    """Control characters out, every kind of whitespace a space, CJK characters spaced apart."""
    out: list[str] = []
    for ch in text:
        code = ord(ch)
        if code in (0, 0xFFFD):
            continue
        category = unicodedata.category(ch)
        if ch in "\t\n\r" or category == "Zs":
            out.append(" ")
        elif category.startswith("C"):
            continue
        elif _is_cjk(code):
            out.append(f" {ch} ")
        else:
            out.append(ch)
    return "".join(out)


def basic_words(text: str) -> list[str]:
    """Lower-cased, accent-stripped words and punctuation marks, as BERT's basic tokenizer."""
    words: list[str] = []
    for chunk in _clean(text).lower().split():
        chunk = "".join(c for c in unicodedata.normalize("NFD", chunk)
                        if unicodedata.category(c) != "Mn")
        current = ""
        for ch in chunk:
            if _is_punctuation(ch):
                if current:
                    words.append(current)
                    current = ""
                words.append(ch)
            else:
                current += ch
        if current:
            words.append(current)
    return words


@dataclass(frozen=True)
class WordPiece:
    vocab: dict[str, int]

    @classmethod
    def load(cls, vocab_file: Path) -> WordPiece:
        lines = vocab_file.read_text("utf-8").splitlines()
        return cls({piece: i for i, piece in enumerate(lines)})

    def pieces(self, word: str) -> list[int]:
        """Greedy longest-match-first word pieces of one word; ``[UNK]`` when none fits."""
        unknown = [self.vocab["[UNK]"]]
        if len(word) > MAX_WORD_CHARS:
            return unknown
        ids: list[int] = []
        start = 0
        while start < len(word):
            end = len(word)
            while end > start:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                if piece in self.vocab:
                    ids.append(self.vocab[piece])
                    break
                end -= 1
            else:
                return unknown
            start = end
        return ids

    def encode(self, text: str, max_length: int) -> list[int]:
        """``[CLS]`` + word pieces (cut to fit) + ``[SEP]``."""
        ids: list[int] = []
        for word in basic_words(text):
            ids.extend(self.pieces(word))
            if len(ids) >= max_length - 2:
                break
        return [self.vocab["[CLS]"], *ids[:max_length - 2], self.vocab["[SEP]"]]
