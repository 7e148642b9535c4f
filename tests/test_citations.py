"""`verifier extract`: the seed article and two articles written for the tests (a wire-style
text, an HTML page) -> a draft sources.toml that `verifier check` accepts, with the cited
works, their dates, and the quotes under the source they are attributed to."""

from __future__ import annotations

import asyncio
import ipaddress
import re
import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests.siteserver import Site
from verifier.citations import (
    ArticleText,
    ArticleUnreadable,
    draft_sources,
    fetch_article,
    find_dates,
    find_people,
    find_quotes,
    read_article,
    render_draft,
)
from verifier.cli import main
from verifier.fetch import Fetcher
from verifier.publishers import PublisherTable
from verifier.records import IPNetwork, Settings
from verifier.sources import load_documents

ROOT = Path(__file__).parent.parent
SEED = ROOT.parent / "shared" / "seeds" / "000_1e576e29d0c8cb47.txt"
SEED = SEED if SEED.exists() else Path("/work/shared/seeds/000_1e576e29d0c8cb47.txt")
ARTICLES = Path(__file__).parent / "fixtures" / "articles"
LOOPBACK: tuple[IPNetwork, ...] = (ipaddress.ip_network("127.0.0.0/8"),)
TODAY = date(2026, 1, 1)


def draft_of(path: Path, content_type: str = "text/plain") -> tuple[str, dict[str, Any]]:
    article = read_article(path.read_bytes(), content_type, path.name)
    text = render_draft(draft_sources(article, PublisherTable.load(), source_name=path.name, today=TODAY))
    return text, tomllib.loads(text)


def checked(text: str, tmp_path: Path) -> None:
    """The draft is input `verifier check` accepts."""
    path = tmp_path / "draft.toml"
    path.write_text(text, encoding="utf-8")
    load_documents([str(path)])
    assert main(["check", str(path)]) == 0


def key(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().lower()


# ---------------------------------------------------------------- the seed


@pytest.mark.skipif(not SEED.exists(), reason="the seed article is not beside the repository")
def test_seed_sources_and_dates(tmp_path: Path) -> None:
    text, data = draft_of(SEED)
    checked(text, tmp_path)
    sources = data["sources"]
    described = [(s.get("publisher"), s.get("published")) for s in sources]
    assert ("Foreign Affairs", date(2025, 7, 1)) in described
    assert ("Bloomberg", date(2025, 5, 14)) in described
    assert ("Financial Times", date(2025, 3, 31)) in described
    foreign_affairs = [s for s in sources if s.get("publisher") == "Foreign Affairs"]
    assert len(foreign_affairs) == 2, "two Foreign Affairs articles: Ma and Lee's, Campbell and Doshi's"
    assert any({"Kurt Campbell", "Rush Doshi"} <= set(s.get("authors", [])) for s in foreign_affairs)
    bloomberg = next(s for s in sources if s.get("publisher") == "Bloomberg")
    assert {"Dan Wang", "Ben Reinhardt"} <= set(bloomberg["authors"])
    assert data["article"]["publisher"] == "Observer News"
    assert data["article"]["url"] == "https://www.toutiao.com/article/7522768140141347337/"


def _same_work(reference: Any, draft: dict[str, Any]) -> bool:
    if reference.publisher != draft.get("publisher"):
        return False
    if reference.published == draft.get("published"):
        return True
    return bool({a.split()[-1] for a in reference.authors} & {a.split()[-1] for a in draft.get("authors", [])})


@pytest.mark.skipif(not SEED.exists(), reason="the seed article is not beside the repository")
def test_seed_quotes_go_to_the_source_the_hand_written_file_gives_them() -> None:
    """The repository's sources.toml (written by hand) is the truth: at least 80% of its
    quoted passages are under the matching source of the draft."""
    [reference] = load_documents([str(ROOT / "sources.toml")])
    _, data = draft_of(SEED)
    expected = [(source, quote) for source in reference.sources for quote in source.quotes]
    right = [
        quote for source, quote in expected
        if any(_same_work(source, d) and key(quote) in {key(q) for q in d.get("quotes", [])} for d in data["sources"])
    ]
    assert len(expected) == 9
    assert len(right) / len(expected) >= 0.8, {q for _, q in expected} - set(right)


@pytest.mark.skipif(not SEED.exists(), reason="the seed article is not beside the repository")
def test_seed_every_guess_is_a_comment() -> None:
    text, _ = draft_of(SEED)
    assert "# guess: the publication is not named; Foreign Affairs" in text
    assert re.search(r"^published = 2025-07-01 +# guess:", text, re.MULTILINE)
    assert "Visual China" not in text.replace("# Left out", ""), "picture captions are not claims"
    assert "exclusive contribution" not in text


# ---------------------------------------------------------------- other articles


def by_id(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {s["id"]: s for s in data["sources"]}


def test_wire_story(tmp_path: Path) -> None:
    text, data = draft_of(ARTICLES / "ports.txt")
    checked(text, tmp_path)
    sources = by_id(data)
    assert data["article"]["title"] == "Harbour traffic slows as shipping lines reroute"
    assert data["article"]["publisher"] == "Coastal Ledger"
    assert set(sources) == {"marsh", "the-wall-street-journal-2024-10-02", "patel", "reuters"}
    assert sources["marsh"]["authors"] == ["Helen Marsh"]
    assert sources["marsh"]["published"] == date(2024, 9, 30), "'on Monday', counted back from 2024-10-02"
    assert "We are handling fewer boxes than at any point since the pandemic" in sources["marsh"]["quotes"]
    wsj = sources["the-wall-street-journal-2024-10-02"]
    assert wsj["published"] == date(2024, 10, 2)
    assert wsj["claims"][0].startswith("Three of the largest carriers had cut their Atlantic sailings")
    assert "The carriers blamed weak demand for furniture and household goods." in wsj["claims"]
    assert sources["patel"]["quotes"] == ["the slowdown is a correction, not a collapse."]
    assert "Inventories at retailers were still unusually high." in sources["patel"]["claims"]
    assert sources["reuters"]["claims"][0] == "Freight rates on the main transatlantic lanes dropped 12% in September."
    assert "dredging" not in text, "the author's own 'Meanwhile' paragraph is no source's claim"
    assert "All rights reserved" not in text.split("# Left out")[0]


def test_html_page(tmp_path: Path) -> None:
    text, data = draft_of(ARTICLES / "clinic.html", "text/html")
    checked(text, tmp_path)
    article = data["article"]
    assert article["title"] == "Rural clinics face a staffing gap as nurses retire"
    assert (article["publisher"], article["published"]) == ("Valley Courier", date(2025, 3, 12))
    sources = by_id(data)
    guardian = sources["the-guardian-2025-03-03"]
    assert guardian["quotes"] == ["Clinics are competing with city hospitals that can pay far more"]
    assert "Vacancies had doubled since 2021." in guardian["claims"]
    assert "Training places for nurses have not kept pace with retirements." in guardian["claims"]
    assert sources["yusuf"]["quotes"] == ["We cannot keep asking the same four people to cover every shift"]
    assert sources["yusuf"]["authors"] == ["Amina Yusuf"], "Pine Hollow is a place"
    assert sources["bbc-2025-03-08"]["quotes"] == ["医生不够"]


def test_article_fetched_by_url(site: Site) -> None:
    site.page("/news/clinics", (ARTICLES / "clinic.html").read_text(encoding="utf-8"))

    async def go(path: str) -> ArticleText:
        async with Fetcher(Settings(timeout_s=2, retries=0, per_host_delay_s=0, allow_networks=LOOPBACK)) as f:
            return await fetch_article(f, site.url(path))

    article = asyncio.run(go("/news/clinics"))
    assert article.title == "Rural clinics face a staffing gap as nurses retire"
    assert "Pine Hollow" in article.text
    with pytest.raises(ArticleUnreadable, match="HTTP 404"):
        asyncio.run(go("/gone"))


def test_url_outside_the_address_guard_is_an_input_error(site: Site, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", site.url("/news")]) == 2
    assert "loopback" in capsys.readouterr().err
    assert site.paths_hit() == []


def test_cli_prints_the_draft_and_takes_the_date(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(ARTICLES / "ports.txt"), "--date", "2024-10-04"]) == 0
    data = tomllib.loads(capsys.readouterr().out)
    assert data["article"]["published"] == date(2024, 10, 4)
    assert by_id(data)["marsh"]["published"] == date(2024, 9, 30)


def test_cli_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["extract", str(tmp_path / "nope.txt")]) == 2
    assert "cannot read" in capsys.readouterr().err


# ---------------------------------------------------------------- the parts


@dataclass(frozen=True)
class Quoted:
    id: str
    text: str
    quotes: list[str]


QUOTED = [
    Quoted("straight", 'He said "we will build" and left.', ["we will build"]),
    Quoted("curly", "“It must show its best self,” wrote the paper.", ["It must show its best self"]),
    Quoted("corner-brackets", "一位患者说「医生不够」。", ["医生不够"]),
    Quoted("white-corner-brackets", "『好』 and 「坏」", ["好", "坏"]),
    Quoted("open-to-the-end", "“This paragraph's quote goes on", ["This paragraph's quote goes on"]),
    Quoted("apostrophes-are-not-quotes", "China's and the U.S.' turn", []),
]


@pytest.mark.parametrize("case", QUOTED, ids=[c.id for c in QUOTED])
def test_find_quotes(case: Quoted) -> None:
    assert [q.text for q in find_quotes(case.text)] == case.quotes


DATES = [
    ("on July 1", date(2025, 7, 3), date(2025, 7, 1)),
    ("on December 30", date(2025, 1, 5), date(2024, 12, 30)),
    ("on 14 May 2024", date(2025, 1, 5), date(2024, 5, 14)),
    ("on Sept. 9", date(2025, 10, 1), date(2025, 9, 9)),
    ("yesterday", date(2025, 3, 1), date(2025, 2, 28)),
    ("last Friday", date(2025, 7, 4), date(2025, 6, 27)),
    ("on 2023-02-01", None, date(2023, 2, 1)),
]


@pytest.mark.parametrize(("text", "reference", "expected"), DATES, ids=[d[0] for d in DATES])
def test_find_dates(text: str, reference: date | None, expected: date) -> None:
    assert [d.value for d in find_dates(text, reference)] == [expected]


PEOPLE = [
    ("former Deputy Secretary of State Kurt Campbell and Rush Doshi", ["Kurt Campbell", "Rush Doshi"]),
    ("Dan Wang, a researcher at the Hoover Institution of Stanford University, and writer Ben Reinhardt",
     ["Dan Wang", "Ben Reinhardt"]),
    ("economist Raj Patel of Harbor Analytics", ["Raj Patel"]),
    ("Kurt M. Campbell", ["Kurt M. Campbell"]),
    ("the United States and China", []),
]


@pytest.mark.parametrize(("text", "expected"), PEOPLE, ids=[p[0][:30] for p in PEOPLE])
def test_find_people(text: str, expected: list[str]) -> None:
    assert find_people(text) == expected


def test_publisher_table_maps_names_to_domains() -> None:
    table = PublisherTable.load()
    assert len(table.publishers) >= 30
    [mention] = table.mentions("the U.S. journal Foreign Affairs published an article")
    assert mention.publisher.domain == "foreignaffairs.com"
    assert table.find("the New York Times") == table.find("NYT")
    assert [m.publisher.name for m in table.mentions("Time reported it. It is time. Nature is green.")] == ["Time"]
