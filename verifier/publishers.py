"""The publisher table (verifier/data/publishers.toml): the publications the verifier knows
by name, with their domain, site, usual article addresses and paywall. `extract` uses it to
recognise "the U.S. journal Foreign Affairs" as a publication; `resolve` to know where its
articles live. A user's own table (`--publishers FILE`, same format) adds to it and wins on
names it shares with the built-in one."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

BUILTIN_TABLE = Path(__file__).parent / "data" / "publishers.toml"
PAYWALLS = ("hard", "metered", "none")
FIELDS = frozenset({"name", "aliases", "domain", "site", "url_forms", "paywall", "ambiguous"})
# Words that make an ambiguous name ("Time", "Nature") a publication when next to it.
PUBLICATION_NOUNS = ("magazine", "journal", "newspaper", "news agency", "agency", "daily", "weekly", "website",
                     "outlet", "broadcaster", "paper", "publication", "tabloid", "network")
PUBLICATION_VERBS = ("reported", "reports", "published", "publishes", "wrote", "writes", "said", "says", "noted")


class PublisherTableError(ValueError):
    """A publisher table that cannot be used: the file and what is wrong."""


@dataclass(frozen=True)
class Publisher:
    name: str
    domain: str
    site: str
    aliases: tuple[str, ...] = ()
    url_forms: tuple[str, ...] = ()
    paywall: str = "none"
    ambiguous: bool = False

    @property
    def names(self) -> tuple[str, ...]:
        """Every way of naming it, longest first (so "Bloomberg News" wins over "Bloomberg")."""
        return tuple(sorted({self.name, *self.aliases}, key=len, reverse=True))

    def is_on_site(self, url: str) -> bool:
        try:
            host = (urlsplit(url).hostname or "").rstrip(".")
        except ValueError:
            return False
        return host == self.domain or host.endswith("." + self.domain)

    def form_matches(self, url: str, published: date | None) -> bool:
        """Whether `url` has one of the usual article forms (dated ones on `published`)."""
        return any(_form_pattern(form, published).fullmatch(url.split("?", 1)[0]) for form in self.url_forms)


def _form_pattern(form: str, published: date | None) -> re.Pattern[str]:
    parts = {
        "{yyyy}": f"{published.year:04d}" if published else r"\d{4}",
        "{mm}": f"{published.month:02d}" if published else r"\d{2}",
        "{dd}": f"{published.day:02d}" if published else r"\d{2}",
        "{m}": f"{published.month}" if published else r"\d{1,2}",
        "{d}": f"{published.day}" if published else r"\d{1,2}",
        "{slug}": r"[^/?#]+",
        "*": r"[^?#]*?",
    }
    pattern = re.escape(form.removeprefix("https://").removeprefix("http://"))
    for token, regex in parts.items():
        pattern = pattern.replace(re.escape(token), regex)
    return re.compile(r"https?://" + pattern.replace(r"www\.", r"(?:www\.)?", 1))


@dataclass(frozen=True)
class Mention:
    """A publication named in a text: which one, where, and the words used."""

    publisher: Publisher
    start: int
    end: int
    words: str


class PublisherTable:
    def __init__(self, publishers: Iterable[Publisher]) -> None:
        self.publishers = tuple(publishers)
        by_length = sorted(((n, p) for p in self.publishers for n in p.names), key=lambda item: -len(item[0]))
        self._by_name = {n.lower(): p for n, p in reversed(by_length)}
        alternatives = "|".join(re.escape(n) for n, _ in by_length)
        # Whole words; "the" in front is part of the mention; the names keep their capitals.
        self._pattern = re.compile(rf"(?<![\w.-])(?:[Tt]he )?({alternatives})(?![\w-]|\.[A-Za-z])")

    @classmethod
    def load(cls, extra: Sequence[Path] = ()) -> PublisherTable:
        """The built-in table, with `extra` tables' entries added (they win on shared names)."""
        merged: dict[str, Publisher] = {}
        for path in (BUILTIN_TABLE, *extra):
            for publisher in read_table(path):
                merged[publisher.name.lower()] = publisher
        return cls(merged.values())

    def find(self, name: str) -> Publisher | None:
        """The publisher called `name` (any of its names, "the" optional, any case)."""
        key = re.sub(r"^the ", "", name.strip().lower())
        return self._by_name.get(key) or self._by_name.get("the " + key)

    def mentions(self, text: str) -> list[Mention]:
        """Every publication named in `text`, in order; an ambiguous name only where the
        words around it make it a publication."""
        found: list[Mention] = []
        for match in self._pattern.finditer(text):
            words = match.group(1)
            publisher = self._by_name[words.lower()]
            if publisher.ambiguous and not _reads_as_publication(text, match.start(), match.end()):
                continue
            found.append(Mention(publisher, match.start(), match.end(), words))
        return found


def _reads_as_publication(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 30) : start].lower()
    after = text[end : end + 30].lower()
    return (any(before.rstrip().endswith(noun) for noun in PUBLICATION_NOUNS)
            or any(after.lstrip().startswith(noun) for noun in PUBLICATION_NOUNS)
            or any(after.lstrip().startswith(verb) for verb in PUBLICATION_VERBS)
            or bool(re.search(r"\b(?:wrote|reported|published|said|told|according to)\s+$", before)))


def read_table(path: Path) -> list[Publisher]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise PublisherTableError(f"{path}: {error}") from error
    entries = data.get("publishers")
    if not isinstance(entries, list) or set(data) != {"publishers"}:
        raise PublisherTableError(f"{path}: expected only [[publishers]] tables")
    return [_publisher(path, number, entry) for number, entry in enumerate(entries, start=1)]


def _publisher(path: Path, number: int, entry: object) -> Publisher:
    where = f"{path}: publisher {number}"
    if not isinstance(entry, dict):
        raise PublisherTableError(f"{where}: not a table")
    unknown = set(entry) - FIELDS
    if unknown:
        raise PublisherTableError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
    for key in ("name", "domain", "site"):
        if not isinstance(entry.get(key), str) or not entry[key]:
            raise PublisherTableError(f"{where}: {key} must be a non-empty string")
    if not re.match(r"https?://[^/]+$", entry["site"]):
        raise PublisherTableError(f"{where}: site must be an origin such as https://www.example.com")
    lists = {key: entry.get(key, []) for key in ("aliases", "url_forms")}
    for key, value in lists.items():
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise PublisherTableError(f"{where}: {key} must be a list of strings")
    paywall = entry.get("paywall", "none")
    if paywall not in PAYWALLS:
        raise PublisherTableError(f"{where}: paywall must be one of {', '.join(PAYWALLS)}")
    ambiguous = entry.get("ambiguous", False)
    if not isinstance(ambiguous, bool):
        raise PublisherTableError(f"{where}: ambiguous must be true or false")
    return Publisher(name=entry["name"], domain=entry["domain"].lower(), site=entry["site"],
                     aliases=tuple(lists["aliases"]), url_forms=tuple(lists["url_forms"]), paywall=paywall,
                     ambiguous=ambiguous)
