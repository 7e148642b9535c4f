"""sources.toml loading: every error names file, line and key; valid files load to the
right records; the seed and example files load; property tests over hostile input."""

from __future__ import annotations

import ipaddress
import re
import shutil
import time
import tomllib
import unicodedata
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import certifi
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from verifier.records import Article, Document, EmailNotify, Notify, Settings, Source
from verifier.sources import InputError, Key, load_documents, locate_keys

REPO = Path(__file__).parent.parent
S = '[[sources]]\nid = "a"\n'  # the smallest valid file: lines 1-2
EMAIL = '[notify.email]\nto = ["desk@example.org"]\nsender = "v@example.org"\nsmtp = "smtp.example.org:587"\n'


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run in an empty folder, so messages read "sources.toml:N: ..."."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def errors_of(content: str | bytes, name: str = "sources.toml") -> list[str]:
    data = content.encode() if isinstance(content, str) else content
    Path(name).write_bytes(data)
    with pytest.raises(InputError) as caught:
        load_documents([name])
    assert str(caught.value) == "\n".join(caught.value.messages)
    return caught.value.messages


def load_one(content: str, name: str = "sources.toml") -> Document:
    Path(name).write_text(content, encoding="utf-8")
    [document] = load_documents([name])
    return document


# ---------------------------------------------------------------- one error each: (id, file, message)

ERRORS: list[tuple[str, str | bytes, str]] = [
    # unknown keys, anywhere
    (
        "unknown-top-level-key",
        'titel = "x"\n' + S,
        "sources.toml:1: titel: unknown key; expected one of: article, notify, settings, sources",
    ),
    (
        "unknown-table",
        "[setting]\ntimeout_s = 5\n" + S,
        "sources.toml:1: setting: unknown key; did you mean 'settings'?",
    ),
    ("unknown-source-key", S + 'titel = "x"\n', "sources.toml:3: sources[0].titel: unknown key; did you mean 'title'?"),
    (
        "unknown-key-in-second-source",
        S + '\n[[sources]]\nid = "b"\nquote = ["x"]\n',
        "sources.toml:6: sources[1].quote: unknown key; did you mean 'quotes'?",
    ),
    (
        "unknown-dotted-key",
        S + 'site.name = "x"\n',
        "sources.toml:3: sources[0].site: unknown key; expected one of: alternates, authors, claims, id, published, "
        "publisher, quotes, title, url",
    ),
    (
        "unknown-quoted-key",
        S + '"ti tle" = "x"\n',
        "sources.toml:3: sources[0].\"ti tle\": unknown key; did you mean 'title'?",
    ),
    (
        "unknown-settings-key",
        "[settings]\ntimeout = 5\n" + S,
        "sources.toml:2: settings.timeout: unknown key; did you mean 'timeout_s'?",
    ),
    (
        "unknown-key-in-inline-table",
        "[settings]\nconfirm_dead = { failures = 3, day = 3 }\n" + S,
        "sources.toml:2: settings.confirm_dead.day: unknown key; did you mean 'days'?",
    ),
    (
        "unknown-article-key",
        '[article]\ntitle = "t"\nauthor = "x"\n' + S,
        "sources.toml:3: article.author: unknown key; expected one of: language, published, publisher, title, url",
    ),
    (
        "unknown-notify-key",
        '[notify]\nslack = "https://hooks.example.org/x"\n' + S,
        "sources.toml:2: notify.slack: unknown key; expected one of: email, webhook",
    ),
    (
        "secret-in-file",
        EMAIL + 'password = "hunter2"\n' + S,
        "sources.toml:5: notify.email.password: unknown key; secrets only through environment variables: "
        "use password_env",
    ),
    # types and values of sources
    (
        "quotes-integer",
        S + "quotes = 3\n",
        "sources.toml:3: sources[0].quotes: expected an array of strings, got integer",
    ),
    (
        "quotes-element-integer",
        S + 'quotes = [\n  "fine",\n  42,\n]\n',
        "sources.toml:5: sources[0].quotes[1]: expected a string, got integer",
    ),
    ("claims-blank-string", S + 'claims = ["  "]\n', "sources.toml:3: sources[0].claims[0]: must not be empty"),
    (
        "authors-table",
        S + 'authors = { name = "x" }\n',
        "sources.toml:3: sources[0].authors: expected an array of strings, got table",
    ),
    ("title-integer", S + "title = 5\n", "sources.toml:3: sources[0].title: expected a string, got integer"),
    ("publisher-empty", S + 'publisher = ""\n', "sources.toml:3: sources[0].publisher: must not be empty"),
    (
        "published-string",
        S + 'published = "2025-07-01"\n',
        "sources.toml:3: sources[0].published: expected a TOML date such as 2025-07-01, got string",
    ),
    (
        "published-time",
        S + "published = 07:30:00\n",
        "sources.toml:3: sources[0].published: expected a TOML date such as 2025-07-01, got time",
    ),
    (
        "id-missing",
        '[[sources]]\nurl = "https://example.org/"\n',
        "sources.toml:1: sources[0]: missing required key 'id'",
    ),
    (
        "id-upper-case",
        '[[sources]]\nid = "Fa-1"\n',
        "sources.toml:2: sources[0].id: \"Fa-1\" is not a valid id: use lower-case letters, digits and '-'",
    ),
    (
        "id-empty",
        '[[sources]]\nid = ""\n',
        "sources.toml:2: sources[0].id: \"\" is not a valid id: use lower-case letters, digits and '-'",
    ),
    (
        "id-trailing-newline",
        '[[sources]]\nid = "a\\n"\n',
        "sources.toml:2: sources[0].id: \"a\\n\" is not a valid id: use lower-case letters, digits and '-'",
    ),
    ("id-integer", "[[sources]]\nid = 7\n", "sources.toml:2: sources[0].id: expected a string, got integer"),
    (
        "id-duplicate",
        S + '\n[[sources]]\nid = "a"\n',
        'sources.toml:5: sources[1].id: duplicate id "a", first used at sources.toml:2',
    ),
    # URLs
    (
        "url-ftp",
        S + 'url = "ftp://example.org/x"\n',
        'sources.toml:3: sources[0].url: "ftp://example.org/x" is not a usable URL: '
        "the scheme must be http or https, not ftp",
    ),
    (
        "url-file",
        S + 'url = "file:///etc/passwd"\n',
        'sources.toml:3: sources[0].url: "file:///etc/passwd" is not a usable URL: '
        "the scheme must be http or https, not file",
    ),
    (
        "url-javascript",
        S + 'url = "javascript:alert(1)"\n',
        'sources.toml:3: sources[0].url: "javascript:alert(1)" is not a usable URL: '
        "the scheme must be http or https, not javascript",
    ),
    (
        "url-mailto",
        S + 'url = "mailto:desk@example.org"\n',
        'sources.toml:3: sources[0].url: "mailto:desk@example.org" is not a usable URL: '
        "the scheme must be http or https, not mailto",
    ),
    (
        "url-relative",
        S + 'url = "/news/x"\n',
        'sources.toml:3: sources[0].url: "/news/x" is not a usable URL: it is not absolute',
    ),
    (
        "url-no-scheme",
        S + 'url = "www.example.org/x"\n',
        'sources.toml:3: sources[0].url: "www.example.org/x" is not a usable URL: it is not absolute',
    ),
    (
        "url-no-host",
        S + 'url = "https:///x"\n',
        'sources.toml:3: sources[0].url: "https:///x" is not a usable URL: it has no host',
    ),
    (
        "url-space",
        S + 'url = "https://example.org/a b"\n',
        'sources.toml:3: sources[0].url: "https://example.org/a b" is not a usable URL: '
        "it contains spaces or control characters",
    ),
    (
        "url-space-in-host",
        S + 'url = "https://exa mple.org/"\n',
        'sources.toml:3: sources[0].url: "https://exa mple.org/" is not a usable URL: '
        "it contains spaces or control characters",
    ),
    (
        "url-bad-port",
        S + 'url = "http://example.org:99999/"\n',
        'sources.toml:3: sources[0].url: "http://example.org:99999/" is not a usable URL: Port out of range 0-65535',
    ),
    (
        "url-bad-ipv6",
        S + 'url = "http://[::1/"\n',
        'sources.toml:3: sources[0].url: "http://[::1/" is not a usable URL: Invalid IPv6 URL',
    ),
    (
        "url-bad-host-character",
        S + 'url = "http://exa<mple.org/"\n',
        'sources.toml:3: sources[0].url: "http://exa<mple.org/" is not a usable URL: '
        '"exa<mple.org" is not a valid host name',
    ),
    (
        "url-empty-label",
        S + 'url = "http://example..org/"\n',
        'sources.toml:3: sources[0].url: "http://example..org/" is not a usable URL: '
        '"example..org" is not a valid host name',
    ),
    ("url-integer", S + "url = 80\n", "sources.toml:3: sources[0].url: expected a string, got integer"),
    (
        "alternate-ftp",
        S + 'alternates = [\n  "https://ok.example.org/",\n  "ftp://mirror.example.org/x",\n]\n',
        'sources.toml:5: sources[0].alternates[1]: "ftp://mirror.example.org/x" is not a usable URL: '
        "the scheme must be http or https, not ftp",
    ),
    (
        "alternates-string",
        S + 'alternates = "https://example.org/"\n',
        "sources.toml:3: sources[0].alternates: expected an array of URLs, got string",
    ),
    # the article
    ("article-not-a-table", 'article = "x"\n' + S, "sources.toml:1: article: expected a table, got string"),
    (
        "article-url",
        '[article]\nurl = "toutiao.com/article/1"\n' + S,
        'sources.toml:2: article.url: "toutiao.com/article/1" is not a usable URL: it is not absolute',
    ),
    (
        "article-published-boolean",
        "[article]\npublished = true\n" + S,
        "sources.toml:2: article.published: expected a TOML date such as 2025-07-01, got boolean",
    ),
    (
        "article-language",
        '[article]\nlanguage = "English"\n' + S,
        'sources.toml:2: article.language: "English" is not a language tag such as "en" or "zh-Hans"',
    ),
    # the shape of sources
    (
        "sources-string",
        'sources = "x"\n',
        "sources.toml:1: sources: expected an array of tables ([[sources]]), got string",
    ),
    (
        "sources-table",
        '[sources]\nid = "a"\n',
        "sources.toml:1: sources: expected an array of tables ([[sources]]), got table",
    ),
    (
        "sources-empty",
        'sources = []\n\n[article]\ntitle = "x"\n',
        "sources.toml:1: sources: no sources: a file must cite at least one [[sources]] table",
    ),
    (
        "no-sources",
        '[article]\ntitle = "x"\n',
        "sources.toml:1: no [[sources]] tables: a file must cite at least one source",
    ),
    ("empty-file", "", "sources.toml:1: no [[sources]] tables: a file must cite at least one source"),
    (
        "sources-element-integer",
        'sources = [{ id = "a" }, 1]\n',
        "sources.toml:1: sources[1]: expected a table, got integer",
    ),
    (
        "inline-sources",
        'sources = [\n  { id = "a" },\n  { id = "b", url = "gopher://x.org/" },\n]\n',
        'sources.toml:3: sources[1].url: "gopher://x.org/" is not a usable URL: '
        "the scheme must be http or https, not gopher",
    ),
    # settings
    (
        "timeout-zero",
        "[settings]\ntimeout_s = 0\n" + S,
        "sources.toml:2: settings.timeout_s: must be more than 0 seconds, got 0",
    ),
    (
        "timeout-string",
        '[settings]\ntimeout_s = "20"\n' + S,
        "sources.toml:2: settings.timeout_s: expected a number, got string",
    ),
    (
        "timeout-boolean",
        "[settings]\ntimeout_s = true\n" + S,
        "sources.toml:2: settings.timeout_s: expected a number, got boolean",
    ),
    (
        "timeout-infinite",
        "[settings]\ntimeout_s = inf\n" + S,
        "sources.toml:2: settings.timeout_s: must be between 0 and 3600 seconds, got inf",
    ),
    (
        "timeout-nan",
        "[settings]\ntimeout_s = nan\n" + S,
        "sources.toml:2: settings.timeout_s: must be between 0 and 3600 seconds, got nan",
    ),
    (
        "timeout-too-long",
        "[settings]\ntimeout_s = 86400\n" + S,
        "sources.toml:2: settings.timeout_s: must be between 0 and 3600 seconds, got 86400",
    ),
    (
        "timeout-huge-integer",
        "[settings]\ntimeout_s = 0x" + "f" * 2000 + "\n" + S,
        "sources.toml:2: settings.timeout_s: must be between 0 and 3600 seconds, got a 8000-bit number",
    ),
    (
        "retries-huge-integer",
        "[settings]\nretries = 0x" + "f" * 2000 + "\n" + S,
        "sources.toml:2: settings.retries: must be between 0 and 10, got a 8000-bit number",
    ),
    (
        "retries-negative",
        "[settings]\nretries = -1\n" + S,
        "sources.toml:2: settings.retries: must be between 0 and 10, got -1",
    ),
    (
        "retries-too-many",
        "[settings]\nretries = 1000\n" + S,
        "sources.toml:2: settings.retries: must be between 0 and 10, got 1000",
    ),
    (
        "retries-float",
        "[settings]\nretries = 1.5\n" + S,
        "sources.toml:2: settings.retries: expected an integer, got float",
    ),
    (
        "concurrency-zero",
        "[settings]\nper_host_concurrency = 0\n" + S,
        "sources.toml:2: settings.per_host_concurrency: must be between 1 and 64, got 0",
    ),
    (
        "delay-negative",
        "[settings]\nper_host_delay_s = -0.5\n" + S,
        "sources.toml:2: settings.per_host_delay_s: must be between 0 and 3600 seconds, got -0.5",
    ),
    (
        "max-bytes-zero",
        "[settings]\nmax_bytes = 0\n" + S,
        "sources.toml:2: settings.max_bytes: must be at least 1, got 0",
    ),
    (
        "robots-string",
        '[settings]\nrespect_robots = "yes"\n' + S,
        "sources.toml:2: settings.respect_robots: expected a boolean (true or false), got string",
    ),
    (
        "user-agent-newline",
        '[settings]\nuser_agent = "v\\r\\nX-Injected: 1"\n' + S,
        "sources.toml:2: settings.user_agent: must be printable ASCII on one line (it is sent as an HTTP header)",
    ),
    ("user-agent-empty", '[settings]\nuser_agent = ""\n' + S, "sources.toml:2: settings.user_agent: must not be empty"),
    (
        "networks-string",
        '[settings]\nallow_networks = "127.0.0.0/8"\n' + S,
        "sources.toml:2: settings.allow_networks: expected an array of CIDR networks, got string",
    ),
    (
        "networks-bogus",
        '[settings]\nallow_networks = ["127.0.0.0/8", "localhost"]\n' + S,
        'sources.toml:2: settings.allow_networks[1]: "localhost" is not a CIDR network: '
        "'localhost' does not appear to be an IPv4 or IPv6 network",
    ),
    (
        "networks-host-bits",
        '[settings]\nallow_networks = ["127.0.0.1/8"]\n' + S,
        'sources.toml:2: settings.allow_networks[0]: "127.0.0.1/8" is not a CIDR network: '
        "127.0.0.1/8 has host bits set; did you mean '127.0.0.0/8'?",
    ),
    (
        "archive-ftp",
        '[settings]\narchive = "ftp://archive.example.org"\n' + S,
        'sources.toml:2: settings.archive: "ftp://archive.example.org" is not a usable URL: '
        "the scheme must be http or https, not ftp",
    ),
    (
        "archive-boolean",
        "[settings]\narchive = false\n" + S,
        "sources.toml:2: settings.archive: expected a string, got boolean",
    ),
    (
        "confirm-dead-failures-zero",
        "[settings]\nconfirm_dead = { failures = 0, days = 3 }\n" + S,
        "sources.toml:2: settings.confirm_dead.failures: must be at least 1, got 0",
    ),
    (
        "confirm-dead-days-negative",
        "[settings.confirm_dead]\nfailures = 3\ndays = -1\n" + S,
        "sources.toml:3: settings.confirm_dead.days: must be at least 0, got -1",
    ),
    (
        "confirm-dead-integer",
        "[settings]\nconfirm_dead = 3\n" + S,
        "sources.toml:2: settings.confirm_dead: expected a table, got integer",
    ),
    (
        "schedule-out-of-range",
        '[settings]\nschedule = "61 * * * *"\n' + S,
        'sources.toml:2: settings.schedule: "61 * * * *" is not a 5-field cron expression: '
        "Error validating expression '61': the last value (61) is higher than the maximum value (59)",
    ),
    (
        "schedule-three-fields",
        '[settings]\nschedule = "* * *"\n' + S,
        'sources.toml:2: settings.schedule: "* * *" is not a 5-field cron expression: '
        "Wrong number of fields; got 3, expected 5",
    ),
    (
        "schedule-six-fields",
        '[settings]\nschedule = "0 0 6 * * *"\n' + S,
        'sources.toml:2: settings.schedule: "0 0 6 * * *" is not a 5-field cron expression: '
        "Wrong number of fields; got 6, expected 5",
    ),
    (
        "timezone-unknown",
        '[settings]\ntimezone = "Mars/Olympus_Mons"\n' + S,
        'sources.toml:2: settings.timezone: "Mars/Olympus_Mons" is not a known time zone such as '
        '"UTC" or "Europe/Berlin"',
    ),
    (
        "timezone-path",
        '[settings]\ntimezone = "../../etc/passwd"\n' + S,
        'sources.toml:2: settings.timezone: "../../etc/passwd" is not a known time zone such as '
        '"UTC" or "Europe/Berlin"',
    ),
    (
        "ca-bundle-missing",
        '[settings]\nca_bundle = "certs/none.pem"\n' + S,
        'sources.toml:2: settings.ca_bundle: "certs/none.pem": no such file '
        "(relative paths start at the folder of sources.toml)",
    ),
    # notify
    (
        "webhook-ftp",
        '[notify]\nwebhook = "ftp://hooks.example.org/x"\n' + S,
        'sources.toml:2: notify.webhook: "ftp://hooks.example.org/x" is not a usable URL: '
        "the scheme must be http or https, not ftp",
    ),
    (
        "email-missing-smtp",
        '[notify.email]\nto = ["desk@example.org"]\nsender = "v@example.org"\n' + S,
        "sources.toml:1: notify.email: missing required key 'smtp'",
    ),
    (
        "email-no-recipients",
        EMAIL.replace('["desk@example.org"]', "[]") + S,
        "sources.toml:2: notify.email.to: needs at least one address",
    ),
    (
        "email-bad-recipient",
        EMAIL.replace('["desk@example.org"]', '[\n  "desk@example.org",\n  "desk"\n]') + S,
        'sources.toml:4: notify.email.to[1]: "desk" is not an e-mail address',
    ),
    (
        "email-recipients-string",
        EMAIL.replace('["desk@example.org"]', '"desk@example.org"') + S,
        "sources.toml:2: notify.email.to: expected an array of e-mail addresses, got string",
    ),
    (
        "email-bad-sender",
        EMAIL.replace('"v@example.org"', '"verifier"') + S,
        'sources.toml:3: notify.email.sender: "verifier" is not an e-mail address',
    ),
    (
        "smtp-no-port",
        EMAIL.replace("smtp.example.org:587", "smtp.example.org") + S,
        'sources.toml:4: notify.email.smtp: "smtp.example.org" is not host:port, e.g. "smtp.example.org:587"',
    ),
    (
        "smtp-port-zero",
        EMAIL.replace(":587", ":0") + S,
        'sources.toml:4: notify.email.smtp: "smtp.example.org:0" is not host:port, e.g. "smtp.example.org:587"',
    ),
    (
        "smtp-bad-host",
        EMAIL.replace("smtp.example.org:587", "smtp example:25") + S,
        'sources.toml:4: notify.email.smtp: "smtp example:25": "smtp example" is not a host name',
    ),
    (
        "smtp-arabic-digits",
        EMAIL.replace(":587", ":٥٨٧") + S,
        'sources.toml:4: notify.email.smtp: "smtp.example.org:٥٨٧" is not host:port, e.g. "smtp.example.org:587"',
    ),
    (
        "smtp-port-too-long",
        EMAIL.replace(":587", ":" + "9" * 5000) + S,
        'sources.toml:4: notify.email.smtp: "smtp.example.org:' + "9" * 42 + '…" '  # clipped to 60 characters
        'is not host:port, e.g. "smtp.example.org:587"',
    ),
    (
        "starttls-string",
        EMAIL + 'starttls = "yes"\n' + S,
        "sources.toml:5: notify.email.starttls: expected a boolean (true or false), got string",
    ),
    (
        "env-name-invalid",
        EMAIL + 'username_env = "1-USER"\n' + S,
        'sources.toml:5: notify.email.username_env: "1-USER" is not an environment variable name',
    ),
    (
        "email-not-a-table",
        '[notify]\nemail = "desk@example.org"\n' + S,
        "sources.toml:2: notify.email: expected a table, got string",
    ),
    # not TOML, not text
    ("toml-missing-value", S + "url = \n", 'sources.toml:3: invalid TOML: Invalid value (column 7) in "url ="'),
    (
        "toml-duplicate-key",
        S + 'id = "b"\n',
        'sources.toml:3: invalid TOML: Cannot overwrite a value (column 9) in "id = \\"b\\""',
    ),
    (
        "toml-duplicate-table",
        "[settings]\n[settings]\n" + S,
        "sources.toml:2: invalid TOML: Cannot declare ('settings',) twice (column 10) in \"[settings]\"",
    ),
    (
        "toml-unterminated-string",
        S + 'title = "abc\n',
        'sources.toml:3: invalid TOML: Illegal character \'\\n\' (column 13) in "title = \\"abc"',
    ),
    ("toml-end-of-document", S + 'quotes = [\n  "a",\n', 'sources.toml:4: invalid TOML: Invalid value in "\\"a\\","'),
    (
        "toml-number-too-long",
        S + "\ntitle = 1" + "0" * 5000 + "\n",
        "sources.toml:4: invalid TOML: a number with more than 4300 digits",
    ),
    (
        "crlf-line-endings",
        S.replace("\n", "\r\n") + 'quotes = [\r\n  "a",\r\n  1,\r\n]\r\n',
        "sources.toml:5: sources[0].quotes[1]: expected a string, got integer",
    ),
    (
        "not-utf-8",
        b'[[sources]]\nid = "a"\ntitle = "caf\xe9"\n',
        "sources.toml:3: not UTF-8 text: byte 0xe9 cannot be decoded",
    ),
]


@pytest.mark.parametrize(("content", "expected"), [(c, e) for _, c, e in ERRORS], ids=[i for i, _, _ in ERRORS])
def test_each_error_names_file_line_and_key(workdir: Path, content: str | bytes, expected: str) -> None:
    assert errors_of(content) == [expected]


def test_every_error_in_a_file_is_reported_in_order(workdir: Path) -> None:
    content = (
        "[settings]\n"
        "retries = -1\n"
        "timeout = 5\n"
        "\n"
        "[[sources]]\n"
        'id = "a"\n'
        'url = "ftp://x.org/"\n'
        "\n"
        "[[sources]]\n"
        'quotes = ["", 3]\n'
    )
    assert errors_of(content) == [
        "sources.toml:2: settings.retries: must be between 0 and 10, got -1",
        "sources.toml:3: settings.timeout: unknown key; did you mean 'timeout_s'?",
        'sources.toml:7: sources[0].url: "ftp://x.org/" is not a usable URL: the scheme must be http or https, not ftp',
        "sources.toml:10: sources[1].quotes[0]: must not be empty",
        "sources.toml:10: sources[1].quotes[1]: expected a string, got integer",
        "sources.toml:9: sources[1]: missing required key 'id'",
    ]


def test_duplicate_ids_across_files_name_both_places(workdir: Path) -> None:
    Path("a.toml").write_text('[[sources]]\nid = "x"\n\n[[sources]]\nid = "y"\n')
    Path("b.toml").write_text('[article]\ntitle = "b"\n\n[[sources]]\nid = "y"\n')
    with pytest.raises(InputError) as caught:
        load_documents(["a.toml", "b.toml"])
    assert caught.value.messages == ['b.toml:5: sources[0].id: duplicate id "y", first used at a.toml:5']


def test_errors_in_several_files_are_all_reported_and_nothing_is_returned(workdir: Path) -> None:
    Path("good.toml").write_text(S)
    Path("bad.toml").write_text('[[sources]]\nid = "b"\nurl = 1\n')
    with pytest.raises(InputError) as caught:
        load_documents(["good.toml", "bad.toml", "missing.toml", "."])
    assert caught.value.messages == [
        "bad.toml:3: sources[0].url: expected a string, got integer",
        "missing.toml: cannot read: No such file or directory",
        ".: cannot read: Is a directory",
    ]


def test_a_file_given_twice_is_an_error(workdir: Path) -> None:
    Path("sources.toml").write_text(S)
    with pytest.raises(InputError) as caught:
        load_documents(["sources.toml", "./sources.toml", "sources.toml"])
    assert caught.value.messages == [
        "./sources.toml: given more than once (also as sources.toml)",
        "sources.toml: given more than once (also as sources.toml)",
    ]


def test_no_files_give_no_documents() -> None:
    assert load_documents([]) == []


# ---------------------------------------------------------------- valid files

FULL = """\
# a comment with [[sources]] and key = "value" in it
[article]
title = "To compete like China, one should build like China"
publisher = "Observer News"
url = "https://www.toutiao.com/article/7522768140141347337/"
published = 2025-07-03T08:22:28Z
language = "en"

[settings]
timeout_s = 5
retries = 0
per_host_concurrency = 4
per_host_delay_s = 0
max_bytes = 1_000
respect_robots = false
user_agent = "test-agent/1.0"
allow_networks = ["127.0.0.0/8", "::1/128", "10.1.2.3"]
ca_bundle = "ca.pem"
archive = "http://127.0.0.1:8000/archive/"
confirm_dead = { failures = 2, days = 0 }
schedule = "*/5 * * * mon-fri"
timezone = "Europe/Berlin"

[notify]
webhook = "https://hooks.example.org/x"

[notify.email]
to = ["desk@example.org", "night@example.org"]
sender = "verifier@example.org"
smtp = "[::1]:2525"
starttls = false
username_env = "SMTP_USER"
password_env = "SMTP_PASSWORD"

[[sources]]
id = "fa-1"
url = "https://www.foreignaffairs.com/x"
alternates = ["https://www.damienma.com/blog/x"]
publisher = "Foreign Affairs"
title = "An Industrial Policy With American Characteristics"
authors = ["Damien Ma", "Lizzi C. Lee"]
published = 2025-07-01
quotes = [
  '''A "literal"
multi-line quote''',
  \"\"\"[[sources]]
id = "not-a-source\"\"\",
]
claims = ["Chinese-made solar panels are up to 65% cheaper."]

[[sources]]
id = "ft-2"
alternates = ["https://mirror.example.org/ft"]
"""


def test_a_file_with_every_key_loads_to_the_right_records(workdir: Path) -> None:
    shutil.copyfile(certifi.where(), "ca.pem")
    document = load_one(FULL)
    assert document == Document(
        path="sources.toml",
        article=Article(
            title="To compete like China, one should build like China",
            publisher="Observer News",
            url="https://www.toutiao.com/article/7522768140141347337/",
            published=date(2025, 7, 3),
            language="en",
        ),
        settings=Settings(
            timeout_s=5.0,
            retries=0,
            per_host_concurrency=4,
            per_host_delay_s=0.0,
            max_bytes=1000,
            respect_robots=False,
            user_agent="test-agent/1.0",
            allow_networks=(
                ipaddress.ip_network("127.0.0.0/8"),
                ipaddress.ip_network("::1/128"),
                ipaddress.ip_network("10.1.2.3/32"),
            ),
            ca_bundle="ca.pem",
            archive="http://127.0.0.1:8000/archive",
            confirm_dead_failures=2,
            confirm_dead_days=0,
            schedule="*/5 * * * mon-fri",
            timezone="Europe/Berlin",
        ),
        notify=Notify(
            webhook="https://hooks.example.org/x",
            email=EmailNotify(
                to=("desk@example.org", "night@example.org"),
                sender="verifier@example.org",
                smtp="[::1]:2525",
                starttls=False,
                username_env="SMTP_USER",
                password_env="SMTP_PASSWORD",
            ),
        ),
        sources=(
            Source(
                id="fa-1",
                url="https://www.foreignaffairs.com/x",
                alternates=("https://www.damienma.com/blog/x",),
                publisher="Foreign Affairs",
                title="An Industrial Policy With American Characteristics",
                authors=("Damien Ma", "Lizzi C. Lee"),
                published=date(2025, 7, 1),
                quotes=('A "literal"\nmulti-line quote', '[[sources]]\nid = "not-a-source'),
                claims=("Chinese-made solar panels are up to 65% cheaper.",),
                file="sources.toml",
                line=35,
            ),
            Source(id="ft-2", url=None, alternates=("https://mirror.example.org/ft",), file="sources.toml", line=51),
        ),
    )
    assert type(document.article.published) is date


def test_a_minimal_file_gets_the_defaults(workdir: Path) -> None:
    assert load_one(S) == Document(
        path="sources.toml",
        article=Article(),
        settings=Settings(),
        notify=Notify(),
        sources=(Source(id="a", url=None, file="sources.toml", line=1),),
    )


VALID_SETTINGS = [
    ("archive-none", 'archive = "none"', {"archive": None}),
    ("archive-none-any-case", 'archive = "None"', {"archive": None}),
    ("confirm-dead-failures-only", "confirm_dead = { failures = 5 }", {"confirm_dead_failures": 5}),
    ("confirm-dead-as-table", "confirm_dead.days = 7", {"confirm_dead_days": 7}),
    ("timeout-float", "timeout_s = 2.5", {"timeout_s": 2.5}),
    ("retries-upper-bound", "retries = 10", {"retries": 10}),
    ("networks-empty", "allow_networks = []", {"allow_networks": ()}),
    ("schedule-names", 'schedule = "30 2 1 jan sun"', {"schedule": "30 2 1 jan sun"}),
]


@pytest.mark.parametrize(
    ("line", "expected"), [(c, e) for _, c, e in VALID_SETTINGS], ids=[i for i, _, _ in VALID_SETTINGS]
)
def test_valid_settings(workdir: Path, line: str, expected: dict[str, object]) -> None:
    settings_ = load_one(f"[settings]\n{line}\n" + S).settings
    assert {name: getattr(settings_, name) for name in expected} == expected


VALID_URLS = [
    "https://example.org",
    "HTTPS://EXAMPLE.ORG/Path",
    "http://127.0.0.1:8080/x?y=1#z",
    "https://[::1]/",
    "https://[2001:db8::1]:8443/a",
    "https://例え.jp/パス",
    "https://example.org./trailing-dot",
    "https://www.bloomberg.com/news/articles/2025-05-14/to-bring-manufacturing-back-to-the-us-copy-china-s-playbook",
]


@pytest.mark.parametrize("url", VALID_URLS)
def test_valid_urls(workdir: Path, url: str) -> None:
    source = load_one(f'{S}url = "{url}"\nalternates = ["{url}"]\n').sources[0]
    assert (source.url, source.alternates) == (url, (url,))


def test_a_byte_order_mark_is_accepted(workdir: Path) -> None:
    Path("sources.toml").write_bytes(b"\xef\xbb\xbf" + S.encode())
    assert load_documents(["sources.toml"])[0].sources[0].id == "a"


def test_ca_bundle_is_found_next_to_the_file_not_the_working_directory(workdir: Path) -> None:
    (workdir / "conf").mkdir()
    shutil.copyfile(certifi.where(), workdir / "conf" / "ca.pem")
    (workdir / "conf" / "s.toml").write_text('[settings]\nca_bundle = "ca.pem"\n' + S)
    [document] = load_documents(["conf/s.toml"])
    assert document.settings.ca_bundle is not None
    assert Path(document.settings.ca_bundle).resolve() == (workdir / "conf" / "ca.pem").resolve()


def test_sources_of_several_files_keep_their_own_file_and_settings(workdir: Path) -> None:
    Path("a.toml").write_text("[settings]\nretries = 0\n" + S)
    Path("b.toml").write_text('[[sources]]\nid = "b"\n')
    a, b = load_documents(["a.toml", "b.toml"])
    assert (a.settings.retries, b.settings.retries) == (0, Settings().retries)
    assert (a.sources[0].file, a.sources[0].line, b.sources[0].file) == ("a.toml", 3, "b.toml")


# ---------------------------------------------------------------- the repository's own files


def test_the_seed_sources_toml_loads() -> None:
    [document] = load_documents([str(REPO / "sources.toml")])
    assert document.article.url == "https://www.toutiao.com/article/7522768140141347337/"
    assert document.article.published == date(2025, 7, 3)
    by_id = {source.id: source for source in document.sources}
    assert sorted(by_id) == [
        "bloomberg-tariffs-reindustrialize",
        "fa-allied-scale",
        "fa-build-like-china",
        "ft-best-self",
    ]
    assert by_id["fa-build-like-china"].alternates == (
        "https://www.damienma.com/blog/an-industrial-policy-with-american-characteristics",
    )
    assert by_id["ft-best-self"].url is None  # unresolved: not identified
    assert by_id["fa-allied-scale"].url is None  # unresolved: no confirmed address
    assert all(source.quotes or source.claims for source in document.sources)


def test_every_url_in_the_seed_file_says_whether_it_is_confirmed() -> None:
    """Each source's block explains its URL (or its lack of one) in a comment."""
    text = (REPO / "sources.toml").read_text(encoding="utf-8")
    blocks = text.split("[[sources]]")[1:]
    assert len(blocks) == 4
    for block in blocks:
        assert re.search(r"#.*(confirmed|inferred|No URL)", block, re.IGNORECASE), block[:80]


def test_the_example_file_loads() -> None:
    [document] = load_documents([str(REPO / "sources.example.toml")])
    assert document.notify.email is not None
    assert {source.id for source in document.sources} == {"fa-build-like-china", "ft-best-self"}


# ---------------------------------------------------------------- the line locator

LOCATOR_TEXT = """\
# [[sources]] in a comment
top = 1
"dotted.key" = 2
a.b.c = 3
[ settings ]  # spaces inside the brackets
confirm_dead = { failures = 1, days = { x = 2 } }
nested = [ [1, 2], [
  3,
  4] ]
[[sources]]
id = "a"
text = \"\"\"
[[sources]]
id = "fake"
\"\"\"
lit = '''
key = 'x'
'''
[[sources]]
id = "b"
[sources.extra]
k = "v"
[[sources.sub]]
n = 1
[[sources.sub]]
n = 2
[[sources]]
[[sources.sub]]
n = 3
['quoted "table"'.inner]
x = [
  { y = 1 },  # comment, with a comma
  { y = 2 },
]
"""

LOCATED: list[tuple[Key, int]] = [
    (("top",), 2),
    (("dotted.key",), 3),
    (("a",), 4),
    (("a", "b", "c"), 4),
    (("settings",), 5),
    (("settings", "confirm_dead", "failures"), 6),
    (("settings", "confirm_dead", "days", "x"), 6),
    (("settings", "nested", 1), 7),
    (("settings", "nested", 1, 0), 8),
    (("settings", "nested", 1, 1), 9),
    (("sources", 0), 10),
    (("sources", 0, "text"), 12),
    (("sources", 0, "lit"), 16),
    (("sources", 1), 19),
    (("sources", 1, "id"), 20),
    (("sources", 1, "extra", "k"), 22),
    (("sources", 1, "sub", 0, "n"), 24),
    (("sources", 1, "sub", 1, "n"), 26),
    (("sources", 2), 27),
    (("sources", 2, "sub", 0, "n"), 29),
    (('quoted "table"', "inner"), 30),
    (('quoted "table"', "inner", "x", 1, "y"), 33),
]


def test_locator_agrees_with_tomllib_on_tricky_text() -> None:
    data = tomllib.loads(LOCATOR_TEXT)
    assert data["sources"][1]["sub"][1]["n"] == 2  # the text is what the table below assumes
    lines = locate_keys(LOCATOR_TEXT)
    assert {path: lines.get(path) for path, _ in LOCATED} == dict(LOCATED)
    assert ("sources", 3) not in lines  # the [[sources]] inside a string is not a table
    assert set(_paths(data)) <= set(lines)


def _paths(value: object, prefix: Key = ()) -> Iterator[Key]:
    """Every key path and array index in parsed TOML."""
    if isinstance(value, dict):
        for name, item in value.items():
            yield (*prefix, name)
            yield from _paths(item, (*prefix, name))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield (*prefix, index)
            yield from _paths(item, (*prefix, index))


# A tiny TOML writer that remembers on which line it wrote each path, to test the locator
# against many shapes of valid TOML.

_keys = st.one_of(
    st.from_regex(r"[A-Za-z0-9_-]{1,8}", fullmatch=True),
    st.text(min_size=0, max_size=8),
)
_scalars = st.one_of(
    st.text(max_size=30),
    st.integers(),
    st.integers(min_value=2**63, max_value=2**300),
    st.booleans(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.dates(),
    st.just("[[sources]]\nid = 'x' # ]\n"),
)
_values = st.recursive(
    _scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(_keys, inner, max_size=3)),
    max_leaves=8,
)
_documents = st.dictionaries(
    _keys,
    st.one_of(
        _values,
        st.dictionaries(_keys, _values, max_size=4),  # a [table]
        st.lists(st.dictionaries(_keys, _values, max_size=3), min_size=1, max_size=3),  # [[tables]]
    ),
    max_size=5,
)


def _toml_key(key: str) -> str:
    if re.fullmatch(r"[A-Za-z0-9_-]+", key):
        return key
    return _toml_string(key)


def _toml_string(text: str) -> str:
    escaped = "".join(
        f"\\u{ord(ch):04x}" if ord(ch) < 0x20 or ord(ch) == 0x7F else "\\" + ch if ch in '"\\' else ch for ch in text
    )
    return f'"{escaped}"'


class _Writer:
    def __init__(self, spread: bool) -> None:
        self.lines: list[str] = []
        self.line = 1  # the line the next emitted text starts on
        self.expected: dict[Key, int] = {}
        self.spread = spread  # multi-line arrays: one element per line

    def emit(self, text: str) -> None:
        self.lines.append(text)
        self.line += text.count("\n") + 1

    def value(self, value: object) -> str:
        """value as inline TOML (a multi-line string may span lines)."""
        if isinstance(value, str):
            multi_line = "\n" in value and not value.startswith("\n") and "'''" not in value
            if multi_line and all(0x20 <= ord(c) != 0x7F or c == "\n" for c in value):
                return f"'''{value}'''"
            return _toml_string(value)
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, int | float | date):
            return repr(value) if isinstance(value, float) else str(value)
        if isinstance(value, dict):
            return "{" + ", ".join(f"{_toml_key(k)} = {self.value(v)}" for k, v in value.items()) + "}"
        assert isinstance(value, list)
        return "[" + ", ".join(self.value(v) for v in value) + "]"

    def key_value(self, key: str, value: object, path: Key) -> None:
        self.expected[(*path, key)] = self.line
        if self.spread and isinstance(value, list) and value:
            self.emit(f"{_toml_key(key)} = [")
            for index, item in enumerate(value):
                self.expected[(*path, key, index)] = self.line
                self.emit(f"  {self.value(item)},  # element {index}")
            self.emit("]")
        else:
            self.emit(f"{_toml_key(key)} = {self.value(value)}")

    def document(self, data: dict[str, object]) -> str:
        tables = []
        for key, value in data.items():
            is_table = isinstance(value, dict) and not self.spread
            is_array_of_tables = isinstance(value, list) and value and all(isinstance(v, dict) for v in value)
            if is_table or is_array_of_tables:
                tables.append((key, value))
            else:
                self.key_value(key, value, ())
        for key, value in tables:
            entries = [value] if isinstance(value, dict) else value
            assert isinstance(entries, list)
            for index, entry in enumerate(entries):
                path: Key = (key,) if isinstance(value, dict) else (key, index)
                self.expected[path] = self.line
                self.emit(f"[{_toml_key(key)}]" if isinstance(value, dict) else f"[[{_toml_key(key)}]]")
                for name, item in entry.items():
                    self.key_value(name, item, path)
        return "\n".join(self.lines) + "\n"


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=_documents, spread=st.booleans())
def test_locator_finds_every_path_of_generated_toml_on_its_line(data: dict[str, object], spread: bool) -> None:
    writer = _Writer(spread)
    text = writer.document(data)
    parsed = tomllib.loads(text)
    assert parsed == data  # the writer wrote what it meant to
    lines = locate_keys(text)
    assert set(_paths(parsed)) <= set(lines)
    assert {path: lines[path] for path in writer.expected} == writer.expected


# ---------------------------------------------------------------- hostile input: properties


def _assert_well_formed(error: InputError, name: str, text_lines: int) -> None:
    assert error.messages
    for message in error.messages:
        assert len(message.splitlines()) == 1, message
        assert len(message) < 600, message
        found = re.match(rf"{re.escape(name)}:(\d+): \S", message)
        assert found, message
        assert 1 <= int(found[1]) <= max(1, text_lines), message


_any_value = st.one_of(
    _values,
    st.text(min_size=1000, max_size=5000),
    st.sampled_from(["https://example.org/x", "ftp://x.org", "not a url", "", "a", "127.0.0.1/8", "0 6 * * *"]),
)
_source_key = st.one_of(
    st.sampled_from(["id", "url", "alternates", "publisher", "title", "authors", "published", "quotes", "claims"]),
    _keys,
)
_ids = st.one_of(st.sampled_from(["a", "b", "fa-1"]), st.text(max_size=10))
_sources = st.lists(st.tuples(_ids, st.dictionaries(_source_key, _any_value, max_size=4)), max_size=6)
_settings_values = st.dictionaries(
    st.one_of(st.sampled_from([*sorted(Settings.__dataclass_fields__), "confirm_dead"]), _keys),
    _any_value,
    max_size=4,
)


def _sources_document(
    sources: list[tuple[str, dict[str, object]]], settings_: dict[str, object], extra: dict[str, object]
) -> dict[str, object]:
    entries = [{**fields, "id": id_} for id_, fields in sources]
    document: dict[str, object] = dict(extra)
    if settings_:
        document["settings"] = settings_
    if entries:
        document["sources"] = entries
    return document


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(
    sources=_sources,
    settings_=_settings_values,
    extra=st.dictionaries(_keys, _values, max_size=2),
    spread=st.booleans(),
)
def test_random_files_load_or_fail_with_file_and_line(
    workdir: Path,
    sources: list[tuple[str, dict[str, object]]],
    settings_: dict[str, object],
    extra: dict[str, object],
    spread: bool,
) -> None:
    text = _Writer(spread).document(_sources_document(sources, settings_, extra))
    Path("sources.toml").write_text(text, encoding="utf-8")
    try:
        documents = load_documents(["sources.toml"])
    except InputError as error:
        _assert_well_formed(error, "sources.toml", len(text.splitlines()))
    else:
        assert [s.id for s in documents[0].sources] == [id_ for id_, _ in sources]


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_mangled_bytes_load_or_fail_with_file_and_line(workdir: Path, data: st.DataObject) -> None:
    """The seed file with random bytes inserted, deleted or replaced."""
    raw = bytearray((REPO / "sources.toml").read_bytes())
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(raw) - 1))
        action = data.draw(st.sampled_from(["insert", "delete", "replace"]))
        junk = data.draw(st.binary(min_size=1, max_size=3) | st.sampled_from([b'"', b"[", b"]", b"=", b"\n", b"#"]))
        if action == "insert":
            raw[at:at] = junk
        elif action == "delete":
            del raw[at : at + len(junk)]
        else:
            raw[at : at + len(junk)] = junk
    Path("sources.toml").write_bytes(bytes(raw))
    try:
        load_documents(["sources.toml"])
    except InputError as error:
        _assert_well_formed(error, "sources.toml", bytes(raw).count(b"\n") + 1)


def _readable_text(max_size: int) -> st.SearchStrategy[str]:
    """Text check accepts: no control characters but tab and line breaks, something visible."""
    characters = st.characters(exclude_categories=("Cc", "Cs")) | st.sampled_from("\t\n\r")
    return st.text(characters, min_size=1, max_size=max_size).filter(
        lambda text: any(unicodedata.category(ch)[0] in "LNPS" for ch in text)
    )


def test_valid_generated_sources_load_with_their_values(workdir: Path) -> None:
    @settings(max_examples=60, deadline=None)
    @given(
        quotes=st.lists(_readable_text(max_size=80), max_size=4),
        title=_readable_text(max_size=5000),
        published=st.dates(),
        spread=st.booleans(),
    )
    def check(quotes: list[str], title: str, published: date, spread: bool) -> None:
        entry = {"id": "x-1", "url": "https://example.org/", "title": title, "published": published, "quotes": quotes}
        text = _Writer(spread).document({"sources": [entry]})
        Path("sources.toml").write_text(text, encoding="utf-8")
        [source] = load_documents(["sources.toml"])[0].sources
        assert (source.title, source.published, source.quotes) == (title, published, tuple(quotes))

    check()


def test_ten_thousand_sources_load_quickly(workdir: Path) -> None:
    parts = ['[article]\ntitle = "big"\n']
    for i in range(10_000):
        parts.append(
            f'[[sources]]\nid = "s-{i}"\nurl = "https://example.org/a/{i}"\n'
            f'alternates = ["https://mirror.example.org/{i}"]\npublished = 2025-07-01\n'
            f'quotes = [\n  "quote number {i} with some words",\n  "another",\n]\nclaims = ["claim {i}"]\n'
        )
    Path("sources.toml").write_text("\n".join(parts), encoding="utf-8")
    started = time.monotonic()
    [document] = load_documents(["sources.toml"])
    elapsed = time.monotonic() - started
    assert len(document.sources) == 10_000
    assert document.sources[-1].line == 4 + 11 * 9_999  # a header, then 11 lines a source
    assert elapsed < 15, f"10,000 sources took {elapsed:.1f} s"


def test_an_error_deep_in_a_big_file_has_its_line(workdir: Path) -> None:
    body = "".join(f'[[sources]]\nid = "s-{i}"\n' for i in range(5_000))
    Path("sources.toml").write_text(body + '[[sources]]\nid = "s-0"\n', encoding="utf-8")
    assert errors_of(Path("sources.toml").read_text()) == [
        'sources.toml:10002: sources[5000].id: duplicate id "s-0", first used at sources.toml:2'
    ]


def test_offset_datetimes_become_dates(workdir: Path) -> None:
    document = load_one(S + "published = 2025-07-01T23:30:00-05:00\n")
    assert document.sources[0].published == date(2025, 7, 1)


# ---------------------------------------------------------------- what verify would trip on


def test_duplicate_ids_on_one_line_are_an_error(workdir: Path) -> None:
    """bughunt-2026-11 #8: inline tables put two sources on one line; the second id is
    still a duplicate (verify used to fetch both, then fail to record the run)."""
    content = 'sources = [{id = "a", url = "https://example.org/1"}, {id = "a", url = "https://example.org/2"}]\n'
    assert errors_of(content) == ['sources.toml:1: sources[1].id: duplicate id "a", first used at sources.toml:1']


def test_control_characters_in_text_are_an_error(workdir: Path) -> None:
    """bughunt-2026-11 #18: a C0 control in a claim made junit.xml invalid XML; check refuses
    it (tabs and line breaks stay allowed)."""
    content = S + 'claims = ["\\u0001\\u0008 the country installed", "tab\\tand\\nline break"]\ntitle = "a\\u007fb"\n'
    assert errors_of(content) == [
        "sources.toml:3: sources[0].claims[0]: contains the control character U+0001",
        "sources.toml:4: sources[0].title: contains the control character U+007F",
    ]


@pytest.mark.parametrize("quote", ["\\u200b", "\\ufeff", "\\u200b\\u2060 \\u00ad", "\\u3000\\u200d"])
def test_quotes_of_only_invisible_characters_are_an_error(workdir: Path, quote: str) -> None:
    """bughunt-2026-11 #33: a quote of zero-width characters passed check, then was not_found
    on every page, so the source was disputed."""
    assert errors_of(S + f'quotes = ["{quote}"]\n') == [
        "sources.toml:3: sources[0].quotes[0]: has no visible characters (only invisible ones such as U+200B "
        "zero width space)"
    ]


def test_a_url_with_a_password_is_an_error(workdir: Path) -> None:
    """bughunt-2026-11 #38: user:password@ in a URL would appear in every report."""
    assert errors_of(S + 'url = "http://user:pass@example.org/a"\nalternates = ["https://u@example.org/"]\n') == [
        'sources.toml:3: sources[0].url: "http://user:pass@example.org/a" is not a usable URL: it contains a '
        "user name or password (user:password@), which every report would show",
        'sources.toml:4: sources[0].alternates[0]: "https://u@example.org/" is not a usable URL: it contains a '
        "user name or password (user:password@), which every report would show",
    ]


def test_a_ca_bundle_without_certificates_is_an_error(workdir: Path) -> None:
    """bughunt-2026-11 #13: a ca_bundle that is not PEM passed check, then verify raised a
    traceback with exit 1."""
    Path("hostname").write_text("myhost\n")
    [message] = errors_of('[settings]\nca_bundle = "hostname"\n' + S)
    assert message.startswith(
        'sources.toml:2: settings.ca_bundle: no certificates in "hostname" (a PEM file of CA certificates is needed): '
    )
