"""verify --dask: the sources sharded by host over a Dask LocalCluster of two worker
processes give the results of a local run; the client writes the history and reports."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.fake_archive import FakeArchive, sources_file
from tests.quote_helpers import CLAIM, QUOTE, article
from tests.siteserver import RouteRequest, Site, serve
from tests.test_scale import NOT_FOUND_TEMPLATE, verify
from verifier import cli, cluster, workers
from verifier.cli import main
from verifier.cluster import shard_by_host
from verifier.history import HistoryStore
from verifier.pipeline import RunOptions
from verifier.records import Article, Document, Notify, Settings, Source
from verifier.verdicts import VERDICTS_FILE


@pytest.fixture
def sites() -> Iterator[tuple[Site, Site, FakeArchive]]:
    with serve() as first, serve() as second, serve() as archive_site:
        for site in (first, second):
            site.page("/opinion/2025/07/01/build-like-china", article("Build like China"))
            site.page("/opinion/2025/07/01/gone", "<html><title>Not Found</title><body>Not Found</body></html>", 404)
            site.page("/repost/build-like-china", article("Build like China (author's repost)"))

            @site.route_prefix("/opinion/")
            def not_found_template(req: RouteRequest) -> None:
                req.respond(200, NOT_FOUND_TEMPLATE)

        archive = FakeArchive(archive_site).install()
        archive.add(second.url("/opinion/2025/07/01/gone"), "20250702120000", article("Build like China"))
        yield first, second, archive


def comparable(report: dict[str, Any]) -> list[dict[str, Any]]:
    """The report's sources without what differs between any two runs (when links were checked)."""
    sources = json.loads(json.dumps(report["sources"]))
    for source in sources:
        if source["link"]:
            del source["link"]["checked_at"]
    return list(sources)


def test_a_run_on_a_dask_cluster_gives_the_results_of_a_local_run(
    sites: tuple[Site, Site, FakeArchive], tmp_path: Path
) -> None:
    from distributed import LocalCluster

    first, second, archive = sites
    blocks: list[dict[str, Any]] = []
    for name, site in (("a", first), ("b", second)):
        blocks += [
            {"id": f"{name}-live", "url": site.url("/opinion/2025/07/01/build-like-china"), "quotes": [QUOTE],
             "claims": [CLAIM, "China added 28 gigawatts of solar capacity last year."]},
            {"id": f"{name}-gone", "url": site.url("/opinion/2025/07/01/gone"), "quotes": [QUOTE],
             "alternates": [site.url("/repost/build-like-china")] if name == "a" else []},
            {"id": f"{name}-soft", "url": site.url("/opinion/2025/07/01/no-such-article"), "quotes": [QUOTE]},
        ]
    blocks.append({"id": "unresolved", "quotes": [QUOTE]})
    sources = sources_file(tmp_path, archive.base_url, blocks)

    local = verify(sources, tmp_path / "local")
    with LocalCluster(  # type: ignore[no-untyped-call]
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as local_cluster:
        on_dask = verify(sources, tmp_path / "dask", "--dask", local_cluster.scheduler_address)

    assert list(on_dask) == [b["id"] for b in blocks]
    reports = [json.loads((tmp_path / out / "latest.json").read_text(encoding="utf-8")) for out in ("local", "dask")]
    assert comparable(reports[1]) == comparable(reports[0])
    assert {s["verdict"] for s in local.values()} == {
        "disputed", "verified_via_alternate", "verified_via_archive", "broken", "unresolved"}
    # the client recorded the run in its history and the snapshots are in its results folder
    with HistoryStore.open(tmp_path / "dask" / "history.sqlite") as store:
        assert store.source_ids() == sorted(b["id"] for b in blocks)
    assert (tmp_path / "dask" / on_dask["a-live"]["link"]["snapshot"]).is_file()


def test_an_unreachable_scheduler_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT_S", 2)
    sources = sources_file(tmp_path, "none", [{"id": "a", "url": "http://127.0.0.1:9/a", "quotes": [QUOTE]}])
    code = main(["verify", str(sources), "--out", str(tmp_path / "r"), "--dask", "tcp://127.0.0.1:9"])
    assert code == 2
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in capsys.readouterr().err


def test_every_host_goes_to_one_shard() -> None:
    hosts = ["a.example"] * 5 + ["b.example"] * 3 + ["c.example"] * 3 + ["d.example"] * 1
    document = Document("sources.toml", Article(), Settings(), Notify(),
                        tuple(Source(f"s{n}", f"https://{host}/{n}") for n, host in enumerate(hosts)))
    shards = shard_by_host([document], RunOptions(), 2)
    assert sorted(s.size for s in shards) == [6, 6]
    placed = [{(s.url or "").split("/")[2] for _, d in shard.documents for s in d.sources} for shard in shards]
    assert not placed[0] & placed[1]
    assert shard_by_host([document], RunOptions(only=frozenset({"s0", "s5"})), 4)[0].size == 1


def test_a_links_only_run_on_every_core_gives_the_results_of_one_process(
    sites: tuple[Site, Site, FakeArchive], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second, archive = sites
    for site in (first, second):
        @site.route("/tagged")
        def tagged(req: RouteRequest) -> None:  # answers a request for the copy it tagged with a 304
            if req.headers.get("If-None-Match") == '"v1"':
                req.respond(304, headers={"ETag": '"v1"'})
            else:
                req.respond(200, article("Build like China"), headers={"ETag": '"v1"'})

    blocks: list[dict[str, Any]] = []
    for name, site in (("a", first), ("b", second)):
        blocks += [
            {"id": f"{name}-live", "url": site.url("/opinion/2025/07/01/build-like-china"), "quotes": [QUOTE]},
            {"id": f"{name}-tagged", "url": site.url("/tagged"), "quotes": [QUOTE]},
            {"id": f"{name}-gone", "url": site.url("/opinion/2025/07/01/gone"), "quotes": [QUOTE],
             "alternates": [site.url("/repost/build-like-china")] if name == "a" else []},
            {"id": f"{name}-soft", "url": site.url("/opinion/2025/07/01/no-such-article"), "quotes": [QUOTE]},
        ]
    blocks.append({"id": "unresolved", "quotes": [QUOTE]})
    sources = sources_file(tmp_path, archive.base_url, blocks)

    monkeypatch.setattr(cli, "PROCESS_POOL_MIN_SOURCES", 10_000)  # one process, its worker a thread
    verify(sources, tmp_path / "one", "--links-only")
    monkeypatch.setattr(cli, "PROCESS_POOL_MIN_SOURCES", 1)
    monkeypatch.setattr(workers, "default_processes", lambda: 2)
    sharded: list[int] = []
    run_on_cores = cluster.run_on_cores

    def counted(*args: Any, **kwargs: Any) -> Any:
        sharded.append(kwargs["processes"])
        return run_on_cores(*args, **kwargs)

    monkeypatch.setattr(cluster, "run_on_cores", counted)
    on_cores = verify(sources, tmp_path / "cores", "--links-only")
    assert sharded == [2]

    reports = [json.loads((tmp_path / out / "latest.json").read_text(encoding="utf-8")) for out in ("one", "cores")]
    assert comparable(reports[1]) == comparable(reports[0])
    assert list(on_cores) == [b["id"] for b in blocks]
    assert {sid: s["link"]["status"] for sid, s in on_cores.items() if s["link"]} == {
        "a-live": "ok", "a-tagged": "ok", "a-gone": "not_found", "a-soft": "soft_404",
        "b-live": "ok", "b-tagged": "ok", "b-gone": "not_found", "b-soft": "soft_404"}
    assert on_cores["a-gone"]["alternate"] == {"url": first.url("/repost/build-like-china"), "status": "ok"}
    assert on_cores["b-gone"]["archive"]["url"].startswith(archive.base_url)
    with sqlite3.connect(tmp_path / "cores" / VERDICTS_FILE) as conn:  # the readings the processes made
        assert conn.execute("SELECT count(*) FROM readings").fetchone()[0] > 0

    # the processes kept the validators in the results folder's history: the next run asks
    # conditionally and reads the 304s from the snapshots
    again = verify(sources, tmp_path / "cores", "--links-only")
    assert sharded == [2, 2]
    for site in (first, second):
        assert [h.headers.get("if-none-match") for h in site.hits if h.path == "/tagged"] == [None, None, '"v1"']
    assert {sid: (s["verdict"], s["link"] and s["link"]["status"]) for sid, s in again.items()} == {
        sid: (s["verdict"], s["link"] and s["link"]["status"]) for sid, s in on_cores.items()}


def test_a_links_only_process_never_imports_the_judge(sites: tuple[Site, Site, FakeArchive], tmp_path: Path) -> None:
    """A process of a --links-only run on every core fetches, reads and classifies its shard
    (an article, a soft 404, a 404 with an alternate) without importing the quote judge."""
    first = sites[0]
    urls = [first.url(p) for p in ("/opinion/2025/07/01/build-like-china", "/opinion/2025/07/01/no-such-article",
                                   "/opinion/2025/07/01/gone")]
    script = f"""
import ipaddress, sys
from pathlib import Path
from verifier.cluster import Shard, SharedStores, check_shard
from verifier.pipeline import RunOptions
from verifier.records import Article, Document, Notify, Settings, Source
settings = Settings(retries=0, per_host_delay_s=0, allow_networks=(ipaddress.ip_network("127.0.0.0/8"),))
sources = tuple(Source(f"s{{n}}", url, quotes=("A quote.",), alternates=(({urls[0]!r},) if n == 2 else ()))
                for n, url in enumerate({urls!r}))
out = Path({str(tmp_path / "out")!r})
stores = SharedStores(str(out / "history.sqlite"), str(out / "verdicts.sqlite"), "judge")
found, _log = check_shard(Shard(((0, Document("s.toml", Article(), settings, Notify(), sources)),)),
                          RunOptions(links_only=True), None, str(out), stores)
print(*[result.link.status.value for _, result in found])
print(sorted(name for name in sys.modules if name.startswith("verifier.judge")) or "no-judge")
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["ok soft_404 not_found", "no-judge"]
