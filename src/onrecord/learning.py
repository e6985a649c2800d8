"""The arithmetic the small learned models share (the event-type classifier, the quotation-type
and confidence models, the fragment judge): a design matrix from named
features, and multinomial logistic regression. NumPy only; nothing is downloaded."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import numpy as np

STEPS = 600  # full-batch Adam steps; the loss is flat well before (checked on the same data)
LEARNING_RATE = 0.05


def feature_index(rows: Iterable[Mapping[str, float]]) -> dict[str, int]:
    """Every feature name of ``rows``, sorted, with its column."""
    return {name: i for i, name in enumerate(sorted({n for row in rows for n in row}))}


def design(rows: Sequence[Mapping[str, float]], index: Mapping[str, int],
           dtype: type = np.float64) -> np.ndarray:
    """One row per feature mapping, one column per name of ``index``; a name ``index`` lacks
    (a feature unseen in training) is left out."""
    x = np.zeros((len(rows), len(index)), dtype=dtype)
    for i, row in enumerate(rows):
        for name, value in row.items():
            if name in index:
                x[i, index[name]] = value
    return x


def softmax(z: np.ndarray) -> np.ndarray:
    z = np.exp(z - z.max(1, keepdims=True))
    return z / z.sum(1, keepdims=True)


def fit_softmax(x: np.ndarray, y: list[str], l2: float
                ) -> tuple[tuple[str, ...], np.ndarray, np.ndarray]:
    """Multinomial logistic regression with an L2 penalty (mean log-loss + L2/2n |W|^2, the
    scikit-learn objective), by full-batch Adam: the labels, weights and bias."""
    labels = tuple(sorted(set(y)))
    target = np.zeros((len(y), len(labels)))
    target[np.arange(len(y)), [labels.index(t) for t in y]] = 1.0
    x = x.astype(np.float64)
    w = np.zeros((x.shape[1], len(labels)))
    b = np.zeros(len(labels))
    moments = [np.zeros_like(w), np.zeros_like(w), np.zeros_like(b), np.zeros_like(b)]
    for step in range(1, STEPS + 1):
        error = (softmax(x @ w + b) - target) / len(y)
        grads = (x.T @ error + l2 * w / len(y), error.sum(0))
        for k, (param, grad) in enumerate(zip((w, b), grads, strict=True)):
            m, v = moments[2 * k], moments[2 * k + 1]
            m[:] = 0.9 * m + 0.1 * grad
            v[:] = 0.999 * v + 0.001 * grad ** 2
            param -= LEARNING_RATE * (m / (1 - 0.9 ** step)) / (np.sqrt(v / (1 - 0.999 ** step))
                                                              + 1e-8)
    return labels, w.astype(np.float32), b.astype(np.float32)
