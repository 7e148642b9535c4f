"""Scale features against local servers: --links-only (liveness, alternates and archive look-up
without quote matching) and verdict reuse between runs (results/verdicts.sqlite)."""

from __future__ import annotations

import asyncio
import json
import sqlite3
import subprocess
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from tests.fake_archive import FakeArchive, sources_file
from tests.quote_helpers import BODY, CLAIM, QUOTE, CountingMatcher, article, shared_embedder
from tests.siteserver import RouteRequest, Site, serve
from verifier import workers
from verifier.cli import main
from verifier.fetch import Fetcher
from verifier.judge.matcher import QuoteMatcher
from verifier.judge.semantic import Embedder, Pieces, Vectors
from verifier.pipeline import LINKS_ONLY_NOTE, RunOptions, interleave_hosts, run_once
from verifier.records import Match, QuoteKind, QuoteVerdict, Source, SourceResult
from verifier.sources import load_documents
from verifier.verdicts import VERDICTS_FILE, VerdictKey, VerdictStore, judge_version
from verifier.workers import PageJudge

NOT_FOUND_TEMPLATE = ("<html><head><title>Page not found | Daily Fixture</title></head><body><h1>Sorry, we can't "
                      "find that page</h1><p>It may have moved. Try our search.</p></body></html>")


@pytest.fixture
def publisher() -> Iterator[Site]:
    with serve() as site:
        site.page("/opinion/2025/07/01/build-like-china", article("Build like China"))
        site.page("/opinion/2025/07/01/gone", "<html><title>Not Found</title><body>Not Found</body></html>", 404)
        site.page("/opinion/2025/07/01/removed", "<html><title>Gone</title><body>Gone</body></html>", 410)
        site.page("/repost/build-like-china", article("Build like China (author's repost)"))

        @site.route_prefix("/opinion/")
        def not_found_template(req: RouteRequest) -> None:  # a CMS that answers 200 for everything
            req.respond(200, NOT_FOUND_TEMPLATE)

        yield site


def verify(sources: Path, out: Path, *extra: str) -> dict[str, dict[str, Any]]:
    assert main(["verify", str(sources), "--out", str(out), "--fail-on", "never", *extra]) == 0
    report = json.loads((out / "latest.json").read_text(encoding="utf-8"))
    return {s["id"]: s for s in report["sources"]}


def stored_verdicts(out: Path) -> int:
    with sqlite3.connect(out / VERDICTS_FILE) as conn:
        count: int = conn.execute("SELECT count(*) FROM verdicts").fetchone()[0]
    return count


# ---------------------------------------------------------------- --links-only


def test_links_only_checks_links_alternates_and_the_archive_without_matching_quotes(
    publisher: Site, archive: FakeArchive, tmp_path: Path
) -> None:
    gone = publisher.url("/opinion/2025/07/01/gone")
    archive.add(gone, "20250702120000", article("Build like China"))
    blocks: list[dict[str, Any]] = [
        {"id": "live", "url": publisher.url("/opinion/2025/07/01/build-like-china"), "quotes": [QUOTE],
         "claims": [CLAIM]},
        {"id": "gone-archived", "url": gone, "quotes": [QUOTE]},
        {"id": "soft-404", "url": publisher.url("/opinion/2025/07/01/no-such-article"), "quotes": [QUOTE]},
        {"id": "gone-with-alternate", "url": publisher.url("/opinion/2025/07/01/removed"),
         "alternates": [publisher.url("/repost/build-like-china")], "quotes": [QUOTE]},
        {"id": "no-quotes", "url": publisher.url("/opinion/2025/07/01/build-like-china")},
    ]
    out = tmp_path / "results"
    got = verify(sources_file(tmp_path, archive.base_url, blocks), out, "--links-only")

    statuses = {sid: (s["link"]["status"], s["verdict"]) for sid, s in got.items()}
    assert statuses == {
        "live": ("ok", "unverifiable"),
        "gone-archived": ("not_found", "broken"),
        "soft-404": ("soft_404", "broken"),
        "gone-with-alternate": ("not_found", "broken"),
        "no-quotes": ("ok", "verified"),
    }
    for source in got.values():
        for quote in source["quotes"]:
            assert (quote["verdict"], quote["evidence"], quote["notes"]) == ("unverifiable", None, [LINKS_ONLY_NOTE])
    assert [q["kind"] for q in got["live"]["quotes"]] == ["quote", "claim"]
    assert got["gone-archived"]["archive"]["url"].startswith(archive.base_url)
    assert got["gone-archived"]["archive"]["timestamp"].startswith("2025-07-02T12:00:00")
    assert got["gone-with-alternate"]["alternate"] == {"url": publisher.url("/repost/build-like-china"),
                                                       "status": "ok"}
    assert (got["live"]["archive"], got["live"]["alternate"]) == (None, None)
    # the archive was asked where its captures are; no capture itself was read (raw: "id_/")
    assert [p for p in archive.site.paths_hit() if p.startswith("/wayback/available")]
    assert not [p for p in archive.site.paths_hit() if "id_/" in p]
    assert stored_verdicts(out) == 0  # the judge never ran: no verdict to keep (the readings are kept)


# ---------------------------------------------------------------- verdict reuse


def run_with(sources: Path, store_path: Path, judge: str) -> tuple[int, Sequence[SourceResult]]:
    matcher = CountingMatcher()
    with VerdictStore.open(store_path, judge) as verdicts:
        run = asyncio.run(run_once(load_documents([str(sources)]), RunOptions(), fetcher_factory=Fetcher,
                                   matcher=matcher, verdicts=verdicts))
        verdicts.save()
    return matcher.calls, run.results


def quote_outcomes(results: Sequence[SourceResult]) -> list[tuple[str, str, str | None]]:
    return [(q.text, q.verdict.value, q.evidence) for r in results for q in r.quotes]


def test_a_verdict_is_reused_while_page_text_statement_and_judge_are_unchanged(
    publisher: Site, tmp_path: Path
) -> None:
    path = "/opinion/2025/07/01/build-like-china"
    sources = sources_file(tmp_path, "none", [{"id": "live", "url": publisher.url(path), "quotes": [QUOTE],
                                               "claims": [CLAIM]}])
    store = tmp_path / VERDICTS_FILE

    calls, first = run_with(sources, store, "judge-a")
    assert calls == 2
    calls, second = run_with(sources, store, "judge-a")
    assert calls == 0  # same text, same statements, same judge: nothing judged again
    assert quote_outcomes(second) == quote_outcomes(first)
    assert [r.verdict for r in second] == [r.verdict for r in first]

    calls, _ = run_with(sources, store, "judge-b")
    assert calls == 2  # another judge version judges afresh

    publisher.page(path, article("Build like China", BODY.replace("280 gigawatts", "28 gigawatts")))
    calls, changed = run_with(sources, store, "judge-b")
    assert calls == 2  # the page text changed
    assert quote_outcomes(changed) != quote_outcomes(first)


def test_a_second_cli_run_reuses_the_stored_verdicts(publisher: Site, tmp_path: Path) -> None:
    sources = sources_file(tmp_path, "none", [
        {"id": "live", "url": publisher.url("/opinion/2025/07/01/build-like-china"), "quotes": [QUOTE]},
        {"id": "gone", "url": publisher.url("/opinion/2025/07/01/gone"), "quotes": [QUOTE]},
    ])
    out = tmp_path / "results"
    first = verify(sources, out)
    assert stored_verdicts(out) == 1  # the live page's quote; the gone page has no text to judge
    second = verify(sources, out)
    assert [s["quotes"] for s in second.values()] == [s["quotes"] for s in first.values()]
    assert second["live"]["quotes"][0]["verdict"] == "verbatim"


def test_a_save_that_fails_is_given_up_with_a_warning(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """A save that fails (here the database's own trigger, rolling the transaction back as a
    full disk does) writes nothing and says so; the run goes on: the verdicts are a cache.
    (Its ROLLBACK, with none left to roll back, once hid the cause behind "cannot rollback".)"""
    path = tmp_path / VERDICTS_FILE
    kept, lost = (VerdictKey(digest * 64, QuoteKind.QUOTE, QUOTE) for digest in "de")
    match = Match(QuoteVerdict.VERBATIM, 1.0, "evidence")
    with VerdictStore.open(path, "judge") as verdicts:
        verdicts.put(kept, match)
        verdicts.save()
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TRIGGER fail BEFORE INSERT ON verdicts BEGIN SELECT RAISE(ROLLBACK, 'disk gone'); END")
    conn.close()
    with VerdictStore.open(path, "judge") as verdicts:
        assert verdicts.get(kept) == match
        verdicts.put(lost, match)
        verdicts.save()
    assert "not kept" in caplog.text
    assert "disk gone" in caplog.text
    with VerdictStore.open(path, "judge") as verdicts:
        assert (verdicts.get(kept), verdicts.get(lost)) == (match, None)


def test_the_judge_version_covers_the_matchers_settings() -> None:
    assert judge_version("semantic=True") == judge_version("semantic=True")
    assert judge_version("semantic=True") != judge_version("semantic=False")


# ---------------------------------------------------------------- worker processes


def outcomes(results: Sequence[SourceResult]) -> list[tuple[str, str, str | None, list[tuple[str, str | None]]]]:
    return [(r.source.id, r.verdict.value, r.link.status.value if r.link else None,
             [(q.verdict.value, q.evidence) for q in r.quotes]) for r in results]


def test_worker_processes_give_the_results_of_a_run_in_one_thread(publisher: Site, tmp_path: Path) -> None:
    blocks: list[dict[str, Any]] = [
        {"id": f"live-{n}", "url": publisher.url("/opinion/2025/07/01/build-like-china") + f"?n={n}",
         "quotes": [QUOTE], "claims": [CLAIM, *(["China added 28 gigawatts of solar capacity last year."] * (n % 2))]}
        for n in range(4)
    ]
    blocks += [
        {"id": "gone", "url": publisher.url("/opinion/2025/07/01/gone"), "quotes": [QUOTE]},
        {"id": "soft-404", "url": publisher.url("/opinion/2025/07/01/no-such-article"), "quotes": [QUOTE]},
        {"id": "gone-with-alternate", "url": publisher.url("/opinion/2025/07/01/removed"),
         "alternates": [publisher.url("/repost/build-like-china")], "quotes": [QUOTE]},
    ]
    documents = load_documents([str(sources_file(tmp_path, "none", blocks))])

    def run(processes: int) -> Sequence[SourceResult]:
        return asyncio.run(run_once(documents, RunOptions(), fetcher_factory=Fetcher,
                                    matcher=QuoteMatcher(semantic=False), processes=processes)).results

    in_thread, in_processes = run(0), run(2)
    assert outcomes(in_processes) == outcomes(in_thread)
    assert [r.source.id for r in in_processes] == [b["id"] for b in blocks]  # the input's order
    assert {o[1] for o in outcomes(in_processes)} == {"verified", "disputed", "broken", "verified_via_alternate"}


def test_sources_are_taken_host_by_host_in_turn() -> None:
    sources = [Source(f"s{n}", url) for n, url in enumerate([
        "https://a.example/1", "https://a.example/2", "https://a.example/3", "https://b.example/1",
        "https://c.example/1", "https://b.example/2", None,
    ])]
    assert interleave_hosts(sources) == [0, 3, 4, 6, 1, 5, 2]


class CountingEmbedder(Embedder):
    """The model of `shared_embedder`, counting the texts it encodes."""

    def __init__(self) -> None:
        super().__init__()
        self.texts = 0

    def encode(self, texts: Sequence[str]) -> Vectors:
        self.texts += len(texts)
        return shared_embedder().encode(texts)

    def token_vectors(self, text: str) -> Pieces:
        self.texts += 1
        return shared_embedder().token_vectors(text)


def test_a_page_judge_drops_the_kept_embeddings_every_so_many_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "FORGET_EMBEDDINGS_EVERY", 2)
    embedder = CountingEmbedder()
    judge = PageJudge(QuoteMatcher(embedder=embedder))
    statements = [("China put up about 280 gigawatts of solar panels in the last year.", QuoteKind.CLAIM)]
    first = judge(BODY, statements)
    encoded = embedder.texts
    assert first[0].verdict is QuoteVerdict.PARAPHRASE
    assert encoded > 0  # judged on its meaning
    assert judge(BODY, statements) == first
    assert embedder.texts == encoded  # the embeddings were kept: nothing encoded again
    assert judge(BODY, statements) == first  # dropped after the second page: the same verdict
    assert embedder.texts == 2 * encoded  # from everything encoded again


def test_a_judging_worker_computes_on_one_core() -> None:
    script = ("from threadpoolctl import threadpool_info\n"
              "from verifier.judge.matcher import QuoteMatcher\n"
              "from verifier.workers import MatcherSpec, start_worker\n"
              "start_worker(MatcherSpec.of(QuoteMatcher()))\n"
              "print(sorted({pool['num_threads'] for pool in threadpool_info()}))")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True)
    assert done.stdout.split() == ["[1]"]


@pytest.mark.slow
def test_worker_processes_each_with_a_model_give_the_results_of_a_run_in_one_thread(
    publisher: Site, tmp_path: Path
) -> None:
    paraphrase = "Last year China installed roughly 280 gigawatts of solar power."
    blocks: list[dict[str, Any]] = [
        {"id": f"live-{n}", "url": publisher.url("/opinion/2025/07/01/build-like-china") + f"?n={n}",
         "quotes": [QUOTE], "claims": [CLAIM, paraphrase]} for n in range(3)
    ]
    documents = load_documents([str(sources_file(tmp_path, "none", blocks))])

    def run(processes: int) -> Sequence[SourceResult]:
        return asyncio.run(run_once(documents, RunOptions(), fetcher_factory=Fetcher,
                                    matcher=QuoteMatcher(embedder=shared_embedder()), processes=processes)).results

    assert outcomes(run(2)) == outcomes(run(0))
