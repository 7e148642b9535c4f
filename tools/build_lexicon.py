#!/usr/bin/env python3
"""Build the compact WordNet-derived lexicon used by ``verifier.judge.lexicon``.

Reads the WordNet 3.0 database files directly (stdlib only, no nltk) and writes
``verifier/judge/data/wordnet.tsv.gz``.  The data is needed only at build time;
the generated file is committed.

How to rebuild::

    apt-get install wordnet-base && python tools/build_lexicon.py

Options: ``--wordnet DIR`` (default ``/usr/share/wordnet``) and ``--out FILE``.
The output is deterministic: every section is sorted and the gzip header has
``mtime=0``, so rebuilding from the same WordNet gives byte-identical output.

What is kept
------------
* Lemmas: single-word WordNet lemmas only (no ``_``), lowercase, hyphenated
  tokens included.  Per POS at most the first ``SENSE_CAP`` (8) senses, in
  WordNet's sense order (the order of ``index.<pos>``).
* Synsets: every synset that is a kept sense, plus its hypernyms and instance
  hypernyms up to ``HYPER_STEPS`` (3) steps up (for hypernym and sibling tests).
* Similar-to links (adjective heads <-> satellites) between kept synsets.
* Lemma-level antonyms (POS-agnostic pairs of lemma strings):
  - WordNet's lexical ``!`` pointers between kept senses;
  - indirect antonyms through adjective clusters: a satellite lemma (only
    when the satellite is its first sense) is an antonym of the antonymous
    head's lemma (when that head is among its first ``INDIRECT_SENSES``
    senses) and of that head's satellites (likewise first-sense only);
  - antonyms through derivationally related forms (``+`` pointers): if x/y are
    antonyms and x' (of x) and y' (of y) are derivations of the same POS made
    by the same suffix change, then x'/y' are antonyms (approve/disapprove ->
    approval/disapproval; but not manly/unmanly -> man/unmanliness).
* Morphological exception lists (``*.exc``) whose base forms are kept lemmas.
* Per synset its depth (shortest hypernym/instance-hypernym path to a root)
  and its number of descendants (transitive hyponyms and instances), so that
  the reader can tell generic synsets (entity, artifact, change) from specific
  ones (carnivore, month) when deciding hypernymy and siblinghood.

File format
-----------
UTF-8 text, gzip-compressed; one record per line, tab-separated fields; lines
starting with ``#`` are comments (the first one names the format version,
``#wordnet-lexicon 1``).  Records, in this order, each section sorted:

``S <id> <wnid> <pos> <depth> <descendants> <hypernyms> <similar>``
    A synset.  ``id`` is a small decimal integer (synsets numbered in
    (pos, offset) order); ``wnid`` is WordNet's ``<pos><offset>`` (e.g.
    ``n02084071``), kept for debugging; ``pos`` is one of ``n v a s r``
    (``s`` = adjective satellite); ``depth`` and ``descendants`` are decimal
    integers (depth 0 = a root; computed over the whole of WordNet);
    ``hypernyms`` is a space-separated list of synset ids (hypernyms and
    instance hypernyms, WordNet order), possibly empty; ``similar`` is the
    space-separated list of similar-to synset ids (adjectives), possibly empty.
    Hypernym ids always refer to ``S`` records when the referring synset is a
    kept sense or at most ``HYPER_STEPS - 1`` steps above one; beyond that a
    list may be left empty.
``W <lemma> <n> <v> <a> <r>``
    A lemma with its synset ids per POS (noun, verb, adjective incl.
    satellites, adverb), each a space-separated list in sense order (capped),
    empty when the lemma does not have that POS.
``A <lemma> <antonyms>``
    Space-separated antonym lemmas of ``lemma``; the relation is symmetric and
    both directions are stored.
``X <pos> <form> <bases>``
    Morphological exception: inflected ``form`` of POS ``pos`` (``n v a r``)
    has the space-separated base forms ``bases``.

WordNet 3.0 is Copyright 2006 by Princeton University; see
``verifier/judge/data/WORDNET-LICENSE``.
"""

from __future__ import annotations

import argparse
import gzip
import io
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

SENSE_CAP = 8
HYPER_STEPS = 3
INDIRECT_SENSES = 3
POSES = ("n", "v", "a", "r")
FILE_POS = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}
LEMMA_RE = re.compile(r"^[a-z0-9][a-z0-9'.-]*$")

SynKey = tuple[str, int]  # (pos letter as in data file: n v a s r, offset)


@dataclass
class Synset:
    pos: str
    offset: int
    words: list[str]
    hypernyms: list[SynKey] = field(default_factory=list)
    similar: list[SynKey] = field(default_factory=list)
    # lexical pointers: (symbol, source word index (1-based), target synset, target word index)
    lexical: list[tuple[str, int, SynKey, int]] = field(default_factory=list)


def norm_pos(pos: str) -> str:
    return "a" if pos == "s" else pos


def clean_word(raw: str, pos: str) -> str:
    word = raw.lower()
    if pos in ("a", "s"):
        word = re.sub(r"\((a|p|ip)\)$", "", word)  # adjective syntactic markers
    return word


def keep_lemma(word: str) -> bool:
    return "_" not in word and bool(LEMMA_RE.match(word))


def read_data(wn: Path, pos: str) -> dict[SynKey, Synset]:
    synsets: dict[SynKey, Synset] = {}
    with (wn / f"data.{FILE_POS[pos]}").open(encoding="latin-1") as fh:
        for line in fh:
            if line.startswith("  "):
                continue
            fields = line.split(" | ", 1)[0].split()
            offset = int(fields[0])
            ss_type = fields[2]
            w_cnt = int(fields[3], 16)
            words = [clean_word(fields[4 + 2 * i], ss_type) for i in range(w_cnt)]
            i = 4 + 2 * w_cnt
            p_cnt = int(fields[i])
            i += 1
            syn = Synset(ss_type, offset, words)
            for _ in range(p_cnt):
                sym, off, tpos, st = fields[i : i + 4]
                i += 4
                target = (tpos, int(off))
                src, tgt = int(st[:2], 16), int(st[2:], 16)
                if sym in ("@", "@i") and src == 0:
                    syn.hypernyms.append(target)
                elif sym == "&":
                    syn.similar.append(target)
                elif sym in ("!", "+") and src and tgt:
                    syn.lexical.append((sym, src, target, tgt))
            synsets[(ss_type, offset)] = syn
    return synsets


def read_index(wn: Path, pos: str) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    with (wn / f"index.{FILE_POS[pos]}").open(encoding="latin-1") as fh:
        for line in fh:
            if line.startswith("  "):
                continue
            fields = line.split()
            lemma = fields[0].lower()
            synset_cnt = int(fields[2])
            out[lemma] = [int(x) for x in fields[-synset_cnt:]]
    return out


def read_exceptions(wn: Path, pos: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    with (wn / f"{FILE_POS[pos]}.exc").open(encoding="latin-1") as fh:
        for line in fh:
            fields = line.split()
            if len(fields) >= 2:
                out[fields[0].lower()] = [f.lower() for f in fields[1:]]
    return out


def build(wn: Path) -> str:
    synsets: dict[SynKey, Synset] = {}
    for pos in POSES:
        synsets.update(read_data(wn, pos))
    by_offset: dict[tuple[str, int], SynKey] = {}
    for key in synsets:
        by_offset[(norm_pos(key[0]), key[1])] = key
    for syn in synsets.values():  # pointers name satellites as 'a' or 's': resolve to the real key
        syn.hypernyms = [by_offset[(norm_pos(p), o)] for p, o in syn.hypernyms]
        syn.similar = [by_offset[(norm_pos(p), o)] for p, o in syn.similar]
        syn.lexical = [(sym, src, by_offset[(norm_pos(t[0]), t[1])], tgt) for sym, src, t, tgt in syn.lexical]

    # -- lemmas and their kept senses -------------------------------------
    senses: dict[str, dict[str, list[SynKey]]] = defaultdict(dict)  # lemma -> pos -> synsets
    for pos in POSES:
        for lemma, offsets in read_index(wn, pos).items():
            if keep_lemma(lemma):
                senses[lemma][pos] = [by_offset[(pos, off)] for off in offsets[:SENSE_CAP]]

    def rank(lemma: str, key: SynKey) -> int | None:
        """0-based sense number of ``key`` for ``lemma`` (None if not kept)."""
        lst = senses.get(lemma, {}).get(norm_pos(key[0]))
        if lst is None or key not in lst:
            return None
        return lst.index(key)

    kept: set[SynKey] = {k for per_pos in senses.values() for lst in per_pos.values() for k in lst}

    # -- synsets: kept senses + hypernyms up to HYPER_STEPS -----------------
    included: set[SynKey] = set(kept)
    full_hyper: set[SynKey] = set(kept)  # synsets whose hypernym list is written
    frontier = set(kept)
    for step in range(HYPER_STEPS):
        nxt: set[SynKey] = set()
        for key in frontier:
            nxt.update(synsets[key].hypernyms)
        nxt -= included
        included |= nxt
        if step < HYPER_STEPS - 1:
            full_hyper |= nxt
        frontier = nxt

    # -- depth and descendants (generality) -----------------------------------------
    depth_memo: dict[SynKey, int] = {}

    def depth(key: SynKey) -> int:
        stack = [key]
        while stack:
            cur = stack[-1]
            if cur in depth_memo:
                stack.pop()
                continue
            hypers = synsets[cur].hypernyms
            missing = [h for h in hypers if h not in depth_memo]
            if missing:
                stack.extend(missing)
                continue
            depth_memo[cur] = 1 + min((depth_memo[h] for h in hypers), default=-1)
            stack.pop()
        return depth_memo[key]

    children: dict[SynKey, list[SynKey]] = defaultdict(list)
    for key, syn in synsets.items():
        for hyper in syn.hypernyms:
            children[hyper].append(key)

    def descendants(key: SynKey) -> int:
        seen: set[SynKey] = set()
        stack = [key]
        while stack:
            for child in children[stack.pop()]:
                if child not in seen:
                    seen.add(child)
                    stack.append(child)
        return len(seen)

    ids = {key: i for i, key in enumerate(sorted(included, key=lambda k: ("nvasr".index(k[0]), k[1])))}

    # -- antonyms --------------------------------------------------------------
    antonyms: dict[str, set[str]] = defaultdict(set)

    def add_pair(x: str, y: str) -> None:
        if x != y and keep_lemma(x) and keep_lemma(y) and x in senses and y in senses:
            antonyms[x].add(y)
            antonyms[y].add(x)

    direct: list[tuple[str, SynKey, str, SynKey]] = []
    for key, syn in synsets.items():
        for sym, src, target, tgt in syn.lexical:
            if sym != "!":
                continue
            x, y = syn.words[src - 1], synsets[target].words[tgt - 1]
            if rank(x, key) is not None and rank(y, target) is not None:
                direct.append((x, key, y, target))
                add_pair(x, y)

    # indirect antonyms through adjective clusters (head <-> satellites); a satellite lemma
    # counts only when the satellite is its primary sense, a head lemma when the head is
    # among its first INDIRECT_SENSES senses ('pretty' = 'bad' only in "a pretty mess")
    def satellites(head: SynKey) -> list[str]:
        out: list[str] = []
        for sat in synsets[head].similar:
            if sat[0] == "s":
                out.extend(word for word in synsets[sat].words if rank(word, sat) == 0)
        return out

    for x, xkey, y, ykey in direct:
        if xkey[0] != "a" or ykey[0] != "a":
            continue
        xr, yr = rank(x, xkey), rank(y, ykey)
        xs, ys = satellites(xkey), satellites(ykey)
        if yr is not None and yr < INDIRECT_SENSES:
            for sx in xs:
                add_pair(sx, y)
        if xr is not None and xr < INDIRECT_SENSES:
            for sy in ys:
                add_pair(x, sy)
        for sx in xs:
            for sy in ys:
                add_pair(sx, sy)

    # antonyms through derivationally related forms, when the two derivations are parallel
    # (approve/disapprove -> approval/disapproval; not manly/unmanly -> man/unmanliness)
    def derivations(word: str, key: SynKey) -> list[tuple[str, SynKey]]:
        syn = synsets[key]
        out: list[tuple[str, SynKey]] = []
        for sym, src, target, tgt in syn.lexical:
            if sym == "+" and syn.words[src - 1] == word:
                dword = synsets[target].words[tgt - 1]
                if rank(dword, target) is not None:
                    out.append((dword, target))
        return out

    def change(word: str, derived: str) -> tuple[str, str]:
        p = 0
        while p < min(len(word), len(derived)) and word[p] == derived[p]:
            p += 1
        return word[p:], derived[p:]

    for x, xkey, y, ykey in direct:
        for dx, dxkey in derivations(x, xkey):
            for dy, dykey in derivations(y, ykey):
                if norm_pos(dxkey[0]) == norm_pos(dykey[0]) and change(x, dx) == change(y, dy):
                    add_pair(dx, dy)

    # -- exceptions ----------------------------------------------------------------
    exc_lines: list[str] = []
    for pos in POSES:
        for form, bases in read_exceptions(wn, pos).items():
            good = [b for b in bases if b in senses and pos in senses[b] and b != form]
            if good and keep_lemma(form):
                exc_lines.append(f"X\t{pos}\t{form}\t{' '.join(dict.fromkeys(good))}")

    # -- write ---------------------------------------------------------------------
    out = io.StringIO()
    out.write("#wordnet-lexicon 1\n")
    out.write("# Derived from WordNet 3.0 (Princeton University) by tools/build_lexicon.py; see WORDNET-LICENSE.\n")
    s_lines: list[str] = []
    for key, i in sorted(ids.items(), key=lambda kv: kv[1]):
        syn = synsets[key]
        hypers = " ".join(str(ids[h]) for h in syn.hypernyms if h in ids) if key in full_hyper else ""
        similar = " ".join(str(ids[s]) for s in syn.similar if s in kept)
        s_lines.append(f"S\t{i}\t{key[0]}{key[1]:08d}\t{key[0]}\t{depth(key)}\t{descendants(key)}\t{hypers}\t{similar}")
    out.write("\n".join(s_lines) + "\n")
    for lemma in sorted(senses):
        per_pos = senses[lemma]
        cols = [" ".join(str(ids[k]) for k in per_pos.get(pos, [])) for pos in POSES]
        out.write(f"W\t{lemma}\t" + "\t".join(cols) + "\n")
    for lemma in sorted(antonyms):
        out.write(f"A\t{lemma}\t{' '.join(sorted(antonyms[lemma]))}\n")
    out.write("\n".join(sorted(exc_lines)) + "\n")
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    root = Path(__file__).resolve().parent.parent
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--wordnet", type=Path, default=Path("/usr/share/wordnet"))
    parser.add_argument("--out", type=Path, default=root / "verifier" / "judge" / "data" / "wordnet.tsv.gz")
    args = parser.parse_args(argv)
    if not (args.wordnet / "data.noun").is_file():
        print(f"WordNet 3.0 database not found in {args.wordnet} (apt-get install wordnet-base)", file=sys.stderr)
        return 1
    text = build(args.wordnet)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as gz:
        gz.write(text.encode("utf-8"))
    print(f"wrote {args.out} ({args.out.stat().st_size} bytes, {text.count(chr(10))} lines)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
