"""Report renderers: golden Markdown and JUnit for a fixed run, compared whole; the JSON
summary counts; the atomic writer. Regenerate goldens with UPDATE_GOLDEN=1."""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from tests.report_fixtures import check_golden
from verifier.records import (
    Article,
    CopyUsed,
    EvidenceFrom,
    LinkResult,
    LinkStatus,
    QuoteKind,
    QuoteResult,
    QuoteVerdict,
    Source,
    SourceResult,
    SourceVerdict,
)
from verifier.report import Report, build_report, render_json, render_junit, render_markdown, write_atomic

GOLDEN = Path(__file__).parent / "golden"
T0 = datetime(2026, 11, 29, 6, 0, 0, tzinfo=UTC)


def fixed_report() -> Report:
    def link(status: LinkStatus, code: int | None, reason: str, final_url: str) -> LinkResult:
        return LinkResult(status, reason, T0, http_status=code, final_url=final_url)

    # Every source ends at its own final URL (one after a redirect), so that a report that
    # shows another source's final URL differs from the golden file.

    results = [
        SourceResult(
            Source("fa-build", "https://example.org/a", published=date(2025, 7, 1), title="Build | like <China>"),
            SourceVerdict.VERIFIED,
            link(LinkStatus.OK, 200, "200 OK", "https://example.org/a"),
            (QuoteResult("build like China", QuoteKind.QUOTE, QuoteVerdict.PARAPHRASE, 0.81,
                         "build more like China", EvidenceFrom.LIVE),),
        ),
        SourceResult(
            Source("solar", "https://example.org/solar"),
            SourceVerdict.DISPUTED,
            link(LinkStatus.OK, 200, "200 OK", "https://www.example.org/solar/2025/solar-capacity"),
            (QuoteResult("China added 28 gigawatts", QuoteKind.CLAIM, QuoteVerdict.DISTORTED, 0.9,
                         "China added 280 gigawatts", EvidenceFrom.LIVE,
                         ("number differs: quote says 28 gigawatts, source says 280 gigawatts",)),),
        ),
        SourceResult(
            Source("gone", "https://example.org/gone"),
            SourceVerdict.BROKEN,
            link(LinkStatus.NOT_FOUND, 404, "404 Not Found", "https://example.org/gone"),
            (QuoteResult("anything", QuoteKind.QUOTE, QuoteVerdict.UNVERIFIABLE, 0.0,
                         notes=("archive: nothing archived",)),),
        ),
        SourceResult(
            Source("archived", "https://example.org/old"),
            SourceVerdict.VERIFIED_VIA_ARCHIVE,
            link(LinkStatus.NOT_FOUND, 410, "410 Gone", "https://example.org/old/"),
            (QuoteResult("kept", QuoteKind.QUOTE, QuoteVerdict.VERBATIM, 1.0, "kept", EvidenceFrom.ARCHIVE),),
            archive=CopyUsed("https://web.archive.org/web/20250701000000/https://example.org/old",
                             timestamp=datetime(2025, 7, 1, tzinfo=UTC)),
        ),
        SourceResult(Source("ft", None), SourceVerdict.UNRESOLVED, None,
                     (QuoteResult("best self", QuoteKind.QUOTE, QuoteVerdict.UNVERIFIABLE, 0.0),)),
    ]
    return build_report(
        run_id="20261129T060000Z", started_at=T0, finished_at=T0, inputs=["sources.toml"], network_ok=True,
        articles=[Article(title="Fixture article", publisher="Fixture News")], results=results,
    )


@pytest.mark.parametrize(
    ("name", "render"), [("latest.md", render_markdown), ("junit.xml", render_junit)], ids=["markdown", "junit"]
)
def test_golden(name: str, render: object) -> None:
    assert callable(render)
    check_golden(GOLDEN / name, render(fixed_report()))


def test_golden_fixture_gives_each_source_its_own_final_url() -> None:
    """bughunt-2026-11 test audit: with one final URL for every source, a report showing
    another source's final URL matched the golden file."""
    finals = [s["link"]["final_url"] for s in fixed_report()["sources"] if s["link"]]
    assert len(set(finals)) == len(finals)
    assert any(s["link"] and s["link"]["final_url"] != s["url"] for s in fixed_report()["sources"])


@pytest.mark.parametrize("value", ["0", "", "yes"])
def test_only_update_golden_1_rewrites_a_golden(value: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """bughunt-2026-11 test audit: UPDATE_GOLDEN=0 rewrote the goldens, so a changed report
    passed. Any value but 1 compares, and a difference fails."""
    golden = tmp_path / "latest.md"
    golden.write_text("the approved report\n", encoding="utf-8")
    monkeypatch.setenv("UPDATE_GOLDEN", value)
    with pytest.raises(AssertionError, match="UPDATE_GOLDEN=1"):
        check_golden(golden, "a changed report\n")
    assert golden.read_text(encoding="utf-8") == "the approved report\n"
    monkeypatch.setenv("UPDATE_GOLDEN", "1")
    check_golden(golden, "a changed report\n")
    assert golden.read_text(encoding="utf-8") == "a changed report\n"


def test_summary_counts_every_vocabulary_word() -> None:
    summary = fixed_report()["summary"]
    assert summary["sources"] == 5
    assert summary["verdicts"]["broken"] == 1
    assert summary["verdicts"]["verified_via_alternate"] == 0
    assert summary["links"] == {"ok": 2, "paywalled": 0, "soft_404": 0, "not_found": 2, "blocked": 0,
                                "server_error": 0, "unreachable": 0, "disallowed": 0}
    assert summary["quotes"]["distorted"] == 1


def test_junit_is_valid_xml_with_one_case_per_source() -> None:
    root = ET.fromstring(render_junit(fixed_report()))
    cases = root.findall(".//testcase")
    assert [c.get("name") for c in cases] == ["fa-build", "solar", "gone", "archived", "ft"]
    failed = [c.get("name") for c in cases if c.find("failure") is not None]
    assert failed == ["solar", "gone"]


def test_markdown_table_survives_hostile_text() -> None:
    report = fixed_report()
    report["sources"][1]["quotes"][0]["text"] = "a | b <script>alert(1)</script>\nnext"
    text = render_markdown(report)
    assert "<script>" not in text
    assert "a \\| b" in text


def test_json_round_trips() -> None:
    report = fixed_report()
    assert json.loads(render_json(report)) == report


def test_write_atomic_replaces_whole_file_and_leaves_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "latest.json"
    write_atomic(target, "old")
    write_atomic(target, "new")
    assert target.read_text() == "new"
    assert [p.name for p in target.parent.iterdir()] == ["latest.json"]


def test_write_atomic_never_writes_in_place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """bughunt-2026-11 test audit: a writer that writes the file in place passed the test
    above. A reader holding the old file must keep reading the old report whole (an in-place
    writer truncates it under the reader), the name must point at a new inode, and until
    the rename the old report is what the name shows."""
    target = tmp_path / "latest.json"
    write_atomic(target, "old report")
    with target.open("rb") as reader:
        old_inode = os.fstat(reader.fileno()).st_ino
        write_atomic(target, "new report")
        assert reader.read() == b"old report"
    assert target.stat().st_ino != old_inode
    assert target.read_text() == "new report"

    def fail_replace(src: str, dst: str) -> None:
        assert target.read_text() == "new report"  # the name is untouched up to the rename
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail_replace)
    with pytest.raises(OSError, match="No space"):
        write_atomic(target, "newer report")
    assert target.read_text() == "new report"
    assert [p.name for p in tmp_path.iterdir()] == ["latest.json"]
