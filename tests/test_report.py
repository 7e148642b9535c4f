"""Report renderers: golden Markdown and JUnit for a fixed run, compared whole; the JSON
summary counts; the atomic writer. Regenerate goldens with UPDATE_GOLDEN=1."""

from __future__ import annotations

import json
import os
import stat
import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime
from enum import StrEnum
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from tests.report_fixtures import check_golden
from verifier.records import (
    Article,
    Change,
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


def test_junit_stays_valid_xml_with_control_characters_anywhere() -> None:
    """bughunt-2026-11 #18: a control character in a quote (or from anywhere else: a page's
    reason, a note) made junit.xml invalid XML; characters XML cannot hold are written as
    \\uXXXX instead."""
    report = fixed_report()
    solar = report["sources"][1]
    solar["quotes"][0]["text"] = "\x01\x08 control chars in claim\ufffe"
    solar["quotes"][0]["notes"] = ["note \x1b[31m"]
    solar["link"]["reason"] = "reason \x00"
    root = ET.fromstring(render_junit(report))
    [failure] = [case.find("failure") for case in root.findall(".//testcase") if case.get("name") == "solar"]
    assert failure is not None
    assert "claim distorted: \\u0001\\u0008 control chars in claim\\ufffe" in (failure.text or "")
    assert "note \\u001b[31m" in (failure.text or "")
    assert failure.get("message") == "disputed: link ok: reason \\u0000"


def test_write_atomic_gives_reports_the_umask_mode(tmp_path: Path) -> None:
    """bughunt-2026-11 #21: reports came out 0600 (mkstemp's mode), so node_exporter, a web
    server or a colleague could not read them; they get 0666 less the umask (0644 under 022)."""
    previous = os.umask(0o022)
    try:
        write_atomic(tmp_path / "metrics.prom", "a")
        os.umask(0o027)
        write_atomic(tmp_path / "latest.json", "b")
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "metrics.prom").stat().st_mode) == 0o644
    assert stat.S_IMODE((tmp_path / "latest.json").stat().st_mode) == 0o640


def test_write_atomic_replaces_a_symbolic_link_instead_of_writing_through_it(tmp_path: Path) -> None:
    """bughunt-2026-11 #10 (the class): nothing is written outside the results folder through
    a link planted in it."""
    victim = tmp_path / "victim.txt"
    victim.write_text("important data")
    out = tmp_path / "results"
    out.mkdir()
    (out / "latest.json").symlink_to(victim)
    write_atomic(out / "latest.json", "report")
    assert victim.read_text() == "important data"
    assert not (out / "latest.json").is_symlink()
    assert (out / "latest.json").read_text() == "report"


SCHEMA_FILE = resources.files("verifier") / "schema" / "report.schema.json"


def validate_report(report: Report) -> None:
    """Raise jsonschema.ValidationError unless report matches the shipped schema."""
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    validator.validate(report)


def test_the_report_matches_the_shipped_json_schema() -> None:
    """bughunt-2026-11 #32: no JSON Schema for latest.json existed; one ships with the package
    and describes every field, the optional per-quote `edits` included."""
    report = fixed_report()
    report["sources"][1]["quotes"][0]["edits"] = [
        {"kind": "figure", "quote": "28 gigawatts", "source": "280 gigawatts"},
        {"kind": "elision", "quote": None, "source": "last year"},
    ]
    validate_report(report)


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("sources", 0, "verdict"), "retracted"),
        (("sources", 0, "link", "status"), "moved"),
        (("sources", 0, "quotes", 0, "score"), 1.5),
        (("sources", 0, "surprise"), 1),
        (("schema",), "verifier.report/2"),
    ],
    ids=["unknown-verdict", "unknown-status", "score-above-1", "unknown-field", "other-schema"],
)
def test_the_schema_rejects_what_the_report_never_holds(path: tuple[str | int, ...], value: object) -> None:
    """bughunt-2026-11 #32: the schema is exact, so a consumer can rely on it."""
    report = fixed_report()
    holder: Any = report
    for key in path[:-1]:
        holder = holder[key]
    holder[path[-1]] = value
    with pytest.raises(jsonschema.ValidationError):
        validate_report(report)


@pytest.mark.parametrize(
    ("definition", "words"),
    [
        (("$defs", "source", "properties", "verdict"), SourceVerdict),
        (("$defs", "source", "properties", "change"), Change),
        (("$defs", "link", "properties", "status"), LinkStatus),
        (("$defs", "quote", "properties", "verdict"), QuoteVerdict),
        (("$defs", "quote", "properties", "kind"), QuoteKind),
    ],
    ids=["verdict", "change", "link-status", "quote-verdict", "quote-kind"],
)
def test_the_schema_lists_every_word_of_the_vocabulary(definition: tuple[str, ...], words: type[StrEnum]) -> None:
    """bughunt-2026-11 #32: a word added to the code and not to the schema fails here."""
    node: Any = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    for key in definition:
        node = node[key]
    assert node["enum"] == [word.value for word in words]


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
