"""Load sources.toml files into typed Documents.

Every problem with the input is collected (not just the first) and raised together as one
InputError whose messages read ``file:line: key: message``. tomllib gives no positions, so
``locate_keys`` finds the line of every key, table and array element in the raw text in one
linear pass over the (already validated) TOML.
"""

from __future__ import annotations

import difflib
import ipaddress
import json
import re
import tomllib
import unicodedata
import zoneinfo
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from types import MappingProxyType
from typing import Any
from urllib.parse import urlsplit

from verifier.records import (
    Article,
    Document,
    EmailNotify,
    IPNetwork,
    Notify,
    Settings,
    Source,
)

Key = tuple[str | int, ...]

MAX_RETRIES = 10
MAX_PER_HOST_CONCURRENCY = 64
MAX_SECONDS = 3600.0  # upper bound for timeout_s and per_host_delay_s

_ID = re.compile(r"[a-z0-9-]+")
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_EMAIL = re.compile(r"[^@\s<>,;]+@[^@\s<>,;]+\.[^@\s<>,;.]+")
_LANGUAGE = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*")
_PORT = re.compile(r"[0-9]{1,5}")
_URL_BAD_CHARACTER = re.compile(r"[\s\x00-\x1f\x7f]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # C0 but tab and line breaks, DEL, C1
_VISIBLE_CATEGORIES = frozenset("LNPS")  # Unicode letters, numbers, punctuation, symbols
_HOST = re.compile(r"[^\x00-\x20\x7f<>\"{}|\\^`%\[\]:/?#@]+")
_LONG_NUMBER = re.compile(r"[0-9_]{4300,}")
_TOML_POSITION = re.compile(r"\s*\(at (?:line (\d+), column (\d+)|end of document)\)$")


class InputError(Exception):
    """Bad input: every problem found, each as ``file:line: message``."""

    def __init__(self, messages: Sequence[str]) -> None:
        self.messages = list(messages)
        super().__init__("\n".join(self.messages))


def load_documents(paths: Sequence[str]) -> list[Document]:
    """Read and validate every file; source ids must be unique across all of them.

    Raises InputError listing every problem in every file; returns nothing partial.
    """
    errors: list[str] = []
    seen_ids: dict[str, str] = {}
    seen_files: dict[Path, str] = {}
    documents: list[Document] = []
    for path in paths:
        resolved = Path(path).resolve()
        if resolved in seen_files:
            errors.append(f"{path}: given more than once (also as {seen_files[resolved]})")
            continue
        seen_files[resolved] = path
        document = _load_file(path, seen_ids, errors)
        if document is not None:
            documents.append(document)
    if errors:
        raise InputError(errors)
    return documents


def _load_file(path: str, seen_ids: dict[str, str], errors: list[str]) -> Document | None:
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        errors.append(f"{path}: cannot read: {exc.strerror or exc}")
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        errors.append(f"{path}:{line}: not UTF-8 text: byte 0x{raw[exc.start]:02x} cannot be decoded")
        return None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        errors.append(_syntax_error(path, text, str(exc)))
        return None
    except ValueError:  # Python refuses to convert a decimal integer of more than 4300 digits
        long_number = _LONG_NUMBER.search(text)
        line = text.count("\n", 0, long_number.start()) + 1 if long_number else 1
        errors.append(f"{path}:{line}: invalid TOML: a number with more than 4300 digits")
        return None
    check = _Checker(path, locate_keys(text), seen_ids)
    document = _document(check, data)
    errors.extend(check.errors)
    return document if not check.errors else None


def _syntax_error(path: str, text: str, message: str) -> str:
    lines = text.split("\n")  # as tomllib counts lines
    if len(lines) > 1 and not lines[-1]:
        lines.pop()
    line = len(lines)  # "at end of document"
    column = ""
    found = _TOML_POSITION.search(message)
    if found:
        message = message[: found.start()]
        if found.group(1):
            line = int(found.group(1))
            column = f" (column {found.group(2)})"
    excerpt = _show(lines[line - 1].strip()) if line <= len(lines) and lines[line - 1].strip() else ""
    return f"{path}:{line}: invalid TOML: {message}{column}" + (f" in {excerpt}" if excerpt else "")


# ---------------------------------------------------------------- validation


class _Invalid(Exception):
    """A value is wrong; the message says why, the caller knows where."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class _Checker:
    file: str
    lines: Mapping[Key, int]
    seen_ids: dict[str, str]
    errors: list[str] = field(default_factory=list)

    def line_of(self, key: Key) -> int:
        """The line of key, or of its nearest located ancestor; line 1 for the whole file."""
        for end in range(len(key), 0, -1):
            line = self.lines.get(key[:end])
            if line is not None:
                return line
        return 1

    def fail(self, key: Key, message: str) -> None:
        where = f"{_render_key(key)}: " if key else ""
        self.errors.append(f"{self.file}:{self.line_of(key)}: {where}{message}")


Converter = Callable[[_Checker, Key, Any], Any]


def _table(
    check: _Checker, key: Key, value: object, fields: Mapping[str, Converter], required: Sequence[str] = ()
) -> dict[str, Any]:
    """Convert each known field; report unknown, wrong and missing ones."""
    if not isinstance(value, dict):
        check.fail(key, f"expected a table, got {_type_name(value)}")
        return {}
    out: dict[str, Any] = {}
    for name, item in value.items():
        convert = fields.get(name)
        if convert is None:
            check.fail((*key, name), "unknown key" + _suggest(name, fields))
            continue
        try:
            out[name] = convert(check, (*key, name), item)
        except _Invalid as exc:
            check.fail((*key, name), exc.message)
    for name in required:
        if name not in value:
            check.fail(key, f"missing required key {name!r}")
    return out


def _suggest(name: str, fields: Mapping[str, Converter]) -> str:
    if f"{name}_env" in fields:
        return f"; secrets only through environment variables: use {name}_env"
    close = difflib.get_close_matches(name, list(fields), n=1, cutoff=0.7)
    if close:
        return f"; did you mean {close[0]!r}?"
    return f"; expected one of: {', '.join(sorted(fields))}"


def _document(check: _Checker, data: dict[str, Any]) -> Document | None:
    fields = SCHEMA[""]
    top = _table(check, (), data, fields)
    if "sources" not in data:
        check.fail((), "no [[sources]] tables: a file must cite at least one source")
    if check.errors:
        return None
    return Document(
        path=check.file,
        article=top.get("article", Article()),
        settings=top.get("settings", Settings()),
        notify=top.get("notify", Notify()),
        sources=top["sources"],
    )


def _article(check: _Checker, key: Key, value: object) -> Article:
    fields = SCHEMA["article"]
    return Article(**_table(check, key, value, fields))


def _settings(check: _Checker, key: Key, value: object) -> Settings:
    fields = SCHEMA["settings"]
    values = _table(check, key, value, fields)
    confirm = values.pop("confirm_dead", {})
    if "failures" in confirm:
        values["confirm_dead_failures"] = confirm["failures"]
    if "days" in confirm:
        values["confirm_dead_days"] = confirm["days"]
    return Settings(**values)


def _confirm_dead(check: _Checker, key: Key, value: object) -> dict[str, Any]:
    fields = SCHEMA["settings.confirm_dead"]
    return _table(check, key, value, fields)


def _notify(check: _Checker, key: Key, value: object) -> Notify:
    fields = SCHEMA["notify"]
    return Notify(**_table(check, key, value, fields))


def _email_notify(check: _Checker, key: Key, value: object) -> EmailNotify | None:
    fields = SCHEMA["notify.email"]
    values = _table(check, key, value, fields, required=("to", "sender", "smtp"))
    if not all(name in values for name in ("to", "sender", "smtp")):
        return None  # already reported
    return EmailNotify(**values)


def _sources(check: _Checker, key: Key, value: object) -> tuple[Source, ...]:
    if not isinstance(value, list):
        raise _Invalid(f"expected an array of tables ([[sources]]), got {_type_name(value)}")
    if not value:
        raise _Invalid("no sources: a file must cite at least one [[sources]] table")
    sources = []
    for index, item in enumerate(value):
        if isinstance(item, dict):
            sources.append(_source(check, (*key, index), item))
        else:
            check.fail((*key, index), f"expected a table, got {_type_name(item)}")
    return tuple(sources)


def _source(check: _Checker, key: Key, value: dict[str, Any]) -> Source:
    fields = SCHEMA["sources"]
    values = _table(check, key, value, fields, required=("id",))
    values.setdefault("id", "")
    values.setdefault("url", None)
    return Source(**values, file=check.file, line=check.line_of(key))


def _source_id(check: _Checker, key: Key, value: object) -> str:
    """An id used once across every file; a second use is a duplicate wherever it is (on
    the same line too: inline tables put several sources on one line)."""
    text: str = _valid_id(check, key, value)
    first = check.seen_ids.get(text)
    if first is not None:
        raise _Invalid(f"duplicate id {_show(text)}, first used at {first}")
    check.seen_ids[text] = f"{check.file}:{check.line_of(key)}"
    return text


# ---------------------------------------------------------------- value converters


def _type_name(value: object) -> str:
    names: list[tuple[type, str]] = [
        (bool, "boolean"),
        (int, "integer"),
        (float, "float"),
        (str, "string"),
        (datetime, "datetime"),
        (date, "date"),
        (time, "time"),
        (list, "array"),
        (dict, "table"),
    ]
    return next((name for kind, name in names if isinstance(value, kind)), type(value).__name__)


def _string(check: _Checker, key: Key, value: object) -> str:
    if not isinstance(value, str):
        raise _Invalid(f"expected a string, got {_type_name(value)}")
    return value


def _text(check: _Checker, key: Key, value: object) -> str:
    """A string with something to read: not blank, not only invisible characters (a zero-width
    space would be `not_found` on every page), and no control characters (they cannot be
    written to XML reports; tabs and line breaks are fine)."""
    text = _string(check, key, value)
    if not text.strip():
        raise _Invalid("must not be empty")
    control = _CONTROL.search(text)
    if control:
        raise _Invalid(f"contains the control character U+{ord(control[0]):04X}")
    if not any(unicodedata.category(ch)[0] in _VISIBLE_CATEGORIES for ch in text):
        raise _Invalid("has no visible characters (only invisible ones such as U+200B zero width space)")
    return text


def _boolean(check: _Checker, key: Key, value: object) -> bool:
    if not isinstance(value, bool):
        raise _Invalid(f"expected a boolean (true or false), got {_type_name(value)}")
    return value


def _integer_range(low: int, high: int | None) -> Converter:
    def convert(check: _Checker, key: Key, value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise _Invalid(f"expected an integer, got {_type_name(value)}")
        if value < low or (high is not None and value > high):
            bounds = f"between {low} and {high}" if high is not None else f"at least {low}"
            raise _Invalid(f"must be {bounds}, got {_number_text(value)}")
        return value

    return convert


def _number(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _Invalid(f"expected a number, got {_type_name(value)}")
    if not 0 <= value <= MAX_SECONDS:  # also rejects nan and inf
        raise _Invalid(f"must be between 0 and {MAX_SECONDS:g} seconds, got {_number_text(value)}")
    return float(value)


def _number_text(value: float) -> str:
    """A number for a message; huge integers (TOML allows 0xfff... of any length) by size."""
    if isinstance(value, int) and value.bit_length() > 64:
        return f"a {value.bit_length()}-bit number"
    return f"{value:g}" if isinstance(value, float) else str(value)


def _seconds(check: _Checker, key: Key, value: object) -> float:
    return _number(value)


def _positive_seconds(check: _Checker, key: Key, value: object) -> float:
    number = _number(value)
    if number <= 0:
        raise _Invalid(f"must be more than 0 seconds, got {_number_text(number)}")
    return number


def _array_of(convert: Converter, what: str = "strings") -> Converter:
    def convert_all(check: _Checker, key: Key, value: object) -> tuple[Any, ...]:
        if not isinstance(value, list):
            raise _Invalid(f"expected an array of {what}, got {_type_name(value)}")
        out = []
        for index, item in enumerate(value):
            try:
                out.append(convert(check, (*key, index), item))
            except _Invalid as exc:
                check.fail((*key, index), exc.message)
        return tuple(out)

    return convert_all


def _http_url(check: _Checker, key: Key, value: object) -> str:
    url = _string(check, key, value)
    problem = _url_problem(url)
    if problem:
        raise _Invalid(f"{_show(url)} is not a usable URL: {problem}")
    return url


def _url_problem(url: str) -> str | None:
    """Why url is not an absolute http(s) URL with a host, or None when it is one."""
    if _URL_BAD_CHARACTER.search(url):
        return "it contains spaces or control characters"
    try:
        parts = urlsplit(url)
        host = parts.hostname
        _ = parts.port
    except ValueError as exc:
        return _clip(str(exc))
    if parts.scheme.lower() not in ("http", "https"):
        return f"the scheme must be http or https, not {_clip(parts.scheme)}" if parts.scheme else "it is not absolute"
    if not host:
        return "it has no host"
    if "@" in parts.netloc:
        return "it contains a user name or password (user:password@), which every report would show"
    if "[" in parts.netloc:
        try:
            ipaddress.IPv6Address(host)
        except ValueError:
            return f"{_show(host)} is not an IPv6 address"
    elif not _HOST.fullmatch(host) or "" in host.rstrip(".").split("."):
        return f"{_show(host)} is not a valid host name"
    return None


def _date(check: _Checker, key: Key, value: object) -> date:
    if isinstance(value, datetime):
        return value.date()
    if not isinstance(value, date):
        raise _Invalid(f"expected a TOML date such as 2025-07-01, got {_type_name(value)}")
    return value


def _user_agent(check: _Checker, key: Key, value: object) -> str:
    text = _text(check, key, value)
    if not all(" " <= ch <= "~" for ch in text):
        raise _Invalid("must be printable ASCII on one line (it is sent as an HTTP header)")
    return text


def _networks(check: _Checker, key: Key, value: object) -> tuple[IPNetwork, ...]:
    def network(check: _Checker, key: Key, item: object) -> IPNetwork:
        text = _string(check, key, item)
        try:
            return ipaddress.ip_network(text)
        except ValueError as exc:
            raise _Invalid(
                f"{_show(text)} is not a CIDR network: {_clip(str(exc), 120)}{_host_bits_hint(text)}"
            ) from None

    networks: tuple[IPNetwork, ...] = _array_of(network, "CIDR networks")(check, key, value)
    return networks


def _host_bits_hint(text: str) -> str:
    """For "127.0.0.1/8" (host bits set) suggest the network meant; else nothing."""
    try:
        return f"; did you mean {str(ipaddress.ip_network(text, strict=False))!r}?"
    except ValueError:
        return ""


def _ca_bundle(check: _Checker, key: Key, value: object) -> str:
    text = _text(check, key, value)
    try:
        path = Path(check.file).parent / Path(text).expanduser()
        found = path.is_file()
    except (OSError, ValueError, RuntimeError):  # name too long, NUL byte, no home directory for "~"
        found = False
    if not found:
        raise _Invalid(f"{_show(text)}: no such file (relative paths start at the folder of {check.file})")
    from verifier.fetch import build_ssl_context  # httpx: loaded only for files that name a bundle

    try:
        build_ssl_context(str(path))
    except ValueError as exc:
        raise _Invalid(f"no certificates in {_show(text)} (a PEM file of CA certificates is needed): "
                       f"{_clip(str(exc.__cause__), 120)}") from None
    return str(path)


def _archive(check: _Checker, key: Key, value: object) -> str | None:
    text = _string(check, key, value)
    if text.lower() == "none":
        return None
    return _http_url(check, key, text).rstrip("/")


def _cron(check: _Checker, key: Key, value: object) -> str:
    from apscheduler.triggers.cron import CronTrigger

    text = _text(check, key, value)
    try:
        CronTrigger.from_crontab(text, timezone="UTC")
    except ValueError as exc:
        raise _Invalid(f"{_show(text)} is not a 5-field cron expression: {_clip(str(exc), 120)}") from None
    return text


def _timezone(check: _Checker, key: Key, value: object) -> str:
    text = _text(check, key, value)
    try:
        zoneinfo.ZoneInfo(text)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        raise _Invalid(f'{_show(text)} is not a known time zone such as "UTC" or "Europe/Berlin"') from None
    return text


def _addresses(check: _Checker, key: Key, value: object) -> tuple[str, ...]:
    addresses: tuple[str, ...] = _array_of(_address, "e-mail addresses")(check, key, value)
    if not value:
        raise _Invalid("needs at least one address")
    return addresses


def _smtp(check: _Checker, key: Key, value: object) -> str:
    text = _string(check, key, value)
    host, _, port = text.rpartition(":")
    if not _PORT.fullmatch(port) or not 1 <= int(port) <= 65535:
        raise _Invalid(f'{_show(text)} is not host:port, e.g. "smtp.example.org:587"')
    if _url_problem(f"http://{host}/"):
        raise _Invalid(f"{_show(text)}: {_show(host)} is not a host name")
    return text


def _matching(pattern: re.Pattern[str], what: str) -> Converter:
    """A converter for strings that must match pattern whole; what names them in messages."""

    def convert(check: _Checker, key: Key, value: object) -> str:
        text = _string(check, key, value)
        if not pattern.fullmatch(text):
            raise _Invalid(f"{_show(text)} is not {what}")
        return text

    return convert


_language = _matching(_LANGUAGE, 'a language tag such as "en" or "zh-Hans"')
_address = _matching(_EMAIL, "an e-mail address")
_env_name = _matching(_ENV_NAME, "an environment variable name")
_valid_id = _matching(_ID, "a valid id: use lower-case letters, digits and '-'")


# The keys each table accepts ("" is the top level) and how each value is converted: the
# single source of truth for validation and for the documentation tests.
SCHEMA: Mapping[str, Mapping[str, Converter]] = MappingProxyType(
    {
        "": MappingProxyType(
            {
                "article": _article,
                "settings": _settings,
                "notify": _notify,
                "sources": _sources,
            }
        ),
        "article": MappingProxyType(
            {
                "title": _text,
                "publisher": _text,
                "url": _http_url,
                "published": _date,
                "language": _language,
            }
        ),
        "settings": MappingProxyType(
            {
                "timeout_s": _positive_seconds,
                "retries": _integer_range(0, MAX_RETRIES),
                "per_host_concurrency": _integer_range(1, MAX_PER_HOST_CONCURRENCY),
                "per_host_delay_s": _seconds,
                "max_bytes": _integer_range(1, None),
                "respect_robots": _boolean,
                "user_agent": _user_agent,
                "allow_networks": _networks,
                "ca_bundle": _ca_bundle,
                "archive": _archive,
                "confirm_dead": _confirm_dead,
                "schedule": _cron,
                "timezone": _timezone,
            }
        ),
        "settings.confirm_dead": MappingProxyType(
            {"failures": _integer_range(1, None), "days": _integer_range(0, None)}
        ),
        "notify": MappingProxyType({"webhook": _http_url, "email": _email_notify}),
        "notify.email": MappingProxyType(
            {
                "to": _addresses,
                "sender": _address,
                "smtp": _smtp,
                "starttls": _boolean,
                "username_env": _env_name,
                "password_env": _env_name,
            }
        ),
        "sources": MappingProxyType(
            {
                "id": _source_id,
                "url": _http_url,
                "alternates": _array_of(_http_url, "URLs"),
                "publisher": _text,
                "title": _text,
                "authors": _array_of(_text),
                "published": _date,
                "quotes": _array_of(_text),
                "claims": _array_of(_text),
            }
        ),
    }
)


# ---------------------------------------------------------------- messages


def _show(text: str, limit: int = 60) -> str:
    """A value in quotes, shortened and escaped: safe to put in a one-line message."""
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return _clip(json.dumps(text, ensure_ascii=False), limit * 7)  # json escapes C0 controls, _clip the rest


def _clip(text: str, limit: int = 60) -> str:
    """text shortened to limit characters, with anything unprintable (line and paragraph
    separators, C1 controls) escaped, so a message stays on one line."""
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return "".join(ch if ch.isprintable() else f"\\u{ord(ch):04x}" for ch in text)


def _render_key(key: Key) -> str:
    """("sources", 2, "quotes") -> 'sources[2].quotes'."""
    out = ""
    for part in key:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            name = part if _BARE_KEY.fullmatch(part) and len(part) <= 60 else _show(part)
            out += f".{name}" if out else name
    return out


# ---------------------------------------------------------------- line locator

_WS_COMMENTS = re.compile(r"(?:[ \t\r\n]+|#[^\n]*)*")
_KEY_PART = re.compile(r"""[ \t]*(?:([A-Za-z0-9_-]+)|("(?:[^"\\\n]|\\.)*"|'[^'\n]*'))[ \t]*(\.)?""")
_EQUALS = re.compile(r"[ \t]*=[ \t]*")
_STRING = re.compile(
    r'"""(?:[^"\\]+|\\[\s\S]|"(?!""))*"{3,5}'  # multi-line basic
    r"|'''(?:[^']+|'(?!''))*'{3,5}"  # multi-line literal
    r'|"(?:[^"\\\n]+|\\.)*"'  # basic
    r"|'[^'\n]*'"  # literal
)
_SCALAR = re.compile(r"[^,\]}#\r\n]+")
# Fast paths for the common shapes: `key = "one-line value"` and one simple array element.
_SIMPLE_VALUE = r"""(?:"(?:[^"\\\n]|\\.)*"(?!")|'[^'\n]*'(?!')|[^\s\[{"'#,\]}][^\n#,\]}]*)"""
_SIMPLE_KEY_VALUE = re.compile(r"([A-Za-z0-9_-]+)[ \t]*=[ \t]*" + _SIMPLE_VALUE + r"[ \t]*(?:#[^\n]*)?(?=\r?\n|\Z)")
_SIMPLE_ELEMENT = re.compile(_SIMPLE_VALUE + r"(?:[ \t\r\n]+|#[^\n]*)*(,?)")


def _end(pattern: re.Pattern[str], text: str, pos: int) -> int:
    """Where a match of pattern at pos ends; pos itself when nothing matches."""
    found = pattern.match(text, pos)
    return found.end() if found else pos


class _Locator:
    """One pass over valid TOML recording the line of every key path.

    Paths are the keys tomllib produces, with array (and array-of-tables) indices as ints:
    ("sources", 2, "quotes", 0). Implicit parents (dotted keys, [a.b] headers) get the line
    of their first mention. Assumes tomllib already accepted the text; on anything else it
    still ends, with fewer lines found.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.line_no = 1  # the line of line_pos; pos only moves forward
        self.line_pos = 0
        self.lines: dict[Key, int] = {(): 1}
        self.array_tables: dict[Key, int] = {}  # resolved path of [[x]] -> count so far

    def line(self) -> int:
        self.line_no += self.text.count("\n", self.line_pos, self.pos)
        self.line_pos = self.pos
        return self.line_no

    def record(self, path: Key, line: int) -> None:
        if path not in self.lines:
            self.lines[path] = line
            self.record(path[:-1], line)

    def run(self) -> dict[Key, int]:
        text = self.text
        table: Key = ()
        while True:
            self.pos = _end(_WS_COMMENTS, text, self.pos)
            if self.pos >= len(text):
                return self.lines
            line = self.line()
            if text.startswith("[[", self.pos):
                self.pos += 2
                table = self.array_table(self.keys(), line)
                self.pos = text.find("]]", self.pos) + 2 or len(text)
            elif text.startswith("[", self.pos):
                self.pos += 1
                table = self.resolve(self.keys())
                self.record(table, line)
                self.pos = text.find("]", self.pos) + 1 or len(text)
            else:
                simple = _SIMPLE_KEY_VALUE.match(text, self.pos)
                if simple:
                    self.record((*table, simple[1]), line)
                    self.pos = simple.end()
                else:
                    self.key_value(table)

    def resolve(self, keys: Key) -> Key:
        """Header keys -> path, with the current index of each array of tables on the way."""
        path: Key = ()
        for name in keys:
            path += (name,)
            count = self.array_tables.get(path)
            if count is not None:
                path += (count - 1,)
        return path

    def array_table(self, keys: Key, line: int) -> Key:
        array = self.resolve(keys[:-1]) + keys[-1:]
        count = self.array_tables.get(array, 0) + 1
        self.array_tables[array] = count
        path = (*array, count - 1)
        self.record(path, line)
        return path

    def keys(self) -> Key:
        """A dotted key at pos, each part decoded as tomllib decodes it."""
        parts: list[str | int] = []
        while True:
            found = _KEY_PART.match(self.text, self.pos)
            if not found:
                self.pos += 1  # not valid TOML after all: make progress
                return tuple(parts)
            self.pos = found.end()
            bare, quoted, dot = found.groups()
            parts.append(bare if bare is not None else next(iter(tomllib.loads(f"{quoted} = 0"))))
            if dot is None:
                return tuple(parts)

    def key_value(self, table: Key) -> None:
        line = self.line()
        path = table + self.keys()
        self.record(path, line)
        self.pos = _end(_EQUALS, self.text, self.pos)
        self.value(path)

    def value(self, path: Key) -> None:
        first = self.text[self.pos : self.pos + 1]
        if first == "[":
            self.pos += 1
            self.array(path)
        elif first == "{":
            self.pos += 1
            self.inline_table(path)
        else:
            pattern = _STRING if first in ("'", '"') else _SCALAR
            self.pos = max(_end(pattern, self.text, self.pos), self.pos + 1)

    def array(self, path: Key) -> None:
        index = 0
        text = self.text
        while self.pos < len(text):
            self.pos = _end(_WS_COMMENTS, text, self.pos)
            if text.startswith("]", self.pos):
                self.pos += 1
                return
            element = (*path, index)
            self.record(element, self.line())
            simple = _SIMPLE_ELEMENT.match(text, self.pos)
            if simple:
                self.pos = simple.end()
                index += len(simple[1])
                continue
            self.value(element)
            self.pos = _end(_WS_COMMENTS, text, self.pos)
            if text.startswith(",", self.pos):
                self.pos += 1
                index += 1

    def inline_table(self, path: Key) -> None:
        text = self.text
        while self.pos < len(text):
            self.pos = _end(_WS_COMMENTS, text, self.pos)
            if text.startswith("}", self.pos):
                self.pos += 1
                return
            if text.startswith(",", self.pos):
                self.pos += 1
                continue
            self.key_value(path)


def locate_keys(text: str) -> dict[Key, int]:
    """Line (1-based) of every key path in a TOML text that tomllib accepts.

    Array elements and array-of-tables entries are indexed by int, as in the parsed data.
    """
    return _Locator(text).run()
