"""Who this academy is, read from one block of ``mkdocs.yml``: ``extra.academy``.

A company that copies the site edits that block and nothing else in the code: the name, the
organisation, how pages name its volunteers, the contact, the logo, the colours, the site's
address, its repository and the repository's branch (``branch``, ``main`` when absent: the
branch that the Colab buttons, the notebooks' online data and the edit links read). MkDocs' own
``site_name``, ``site_url``, ``repo_url`` and ``site_author`` point at the block with YAML
aliases; ``repo_name``, ``edit_uri`` and ``copyright`` are set from it when the build starts
(``hooks/brand.py``, with ``settings`` below).

``origin`` names the academy the site was copied from. It stays in every copy: it gives the
attribution that the licence asks for, and ``academy check --fork`` looks for its leftovers.
On the original site, ``origin`` and the identity are the same academy.

Pages say « this academy » with markers that the build replaces: ``{{ academy.name }}``,
``{{ academy.organisation }}``, ``{{ academy.volunteers }}``, ``{{ academy.site_url }}``,
``{{ academy.repo_url }}``, ``{{ academy.contact_url }}``. A marker written between backticks
stays as typed, so a guide can show it. The values are text: they come out inert (HTML and
Markdown characters as entities), never as markup.
"""

from __future__ import annotations

import hashlib
import os
import re
import string
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from academy import escaping, yamlpos
from academy.problems import Problem

CONFIG = "mkdocs.yml"
MARKER = re.compile(r"(?<!`)\{\{\s*academy\.(?P<key>\w+)\s*\}\}(?!`)")
MARKER_KEYS = ("name", "organisation", "volunteers", "site_url", "repo_url", "contact_url")
LICENCE = "Contenus sous licence CC BY-SA 4.0, code sous licence MIT."
FICTIONAL = "Personnes et associations des exemples : fictives."
CC_BY_SA = "https://creativecommons.org/licenses/by-sa/4.0/deed.fr"
DEFAULT_BRANCH = "main"  # GitHub's default for a new repository; extra.academy.branch says otherwise
_INERT = str.maketrans({c: f"&#{ord(c)};" for c in string.punctuation + string.digits})


@dataclass(frozen=True)
class Origin:
    """The academy this site comes from, as its copies must credit it."""

    name: str = ""
    organisation: str = ""
    site_url: str = ""
    repo_url: str = ""
    story: tuple[str, ...] = ()  # repository paths (globs) that tell the origin's own story


@dataclass(frozen=True)
class Identity:
    name: str = ""
    organisation: str = ""
    volunteers: str = ""
    contact_url: str = ""
    logo: str = ""
    site_url: str = ""
    repo_url: str = ""
    branch: str = DEFAULT_BRANCH  # the repository's branch that Colab and the edit links open
    colors: Mapping[str, Any] = field(default_factory=dict)
    origin: Origin = field(default_factory=Origin)

    @property
    def host(self) -> str:
        """The site's host name, e.g. ``academy.example.org``; ``localhost`` without a site."""
        return (parts.hostname if (parts := escaping.split_url(self.site_url)) else None) or "localhost"

    @property
    def repo_name(self) -> str:
        """``owner/name`` of the repository, as Material shows it in the header."""
        return parts.path.strip("/").removesuffix(".git") if (parts := escaping.split_url(self.repo_url)) else ""

    @property
    def is_origin(self) -> bool:
        """True on the original academy (or when no origin is recorded)."""
        return not self.origin.name or (self.name, self.repo_url.rstrip("/")) == (self.origin.name, self.origin.repo_url.rstrip("/"))

    def attribution(self) -> str:
        """The sentence that credits the origin, empty on the origin itself."""
        if self.is_origin:
            return ""
        o = self.origin
        return f"Adapté de « {o.name} » ({o.site_url}), programme créé par {o.organisation}, sous licence CC BY-SA 4.0."

    def copyright(self) -> str:
        return " ".join(part for part in (LICENCE, self.attribution(), FICTIONAL) if part)

    def licence_notice(self) -> str:
        """Licence and attribution for printed copies (PDF handouts)."""
        who = ", ".join(part for part in (self.name, self.organisation) if part)
        source = f"{who} — {self.site_url}" if self.site_url else who
        return " ".join(part for part in (f"{source}.", f"Contenus sous licence CC BY-SA 4.0 ({CC_BY_SA}), code sous licence MIT.", self.attribution()) if part)


def _resolve(value: Any) -> Any:
    """A ``!ENV [NAME, ..., default]`` value as MkDocs reads it; other values unchanged."""
    tag = getattr(getattr(value, "tag", None), "value", None)
    if tag != "!ENV":
        return value
    items = list(value) if isinstance(value, list) else [str(value)]
    names, default = (items[:-1], items[-1]) if len(items) > 1 else (items, None)
    return next((os.environ[n] for n in names if os.environ.get(n)), default)


# A Git branch name that holds in a GitHub address: no space, no « .. », not starting with « - » or « / ».
_BRANCH = re.compile(r"(?!.*\.\.)(?![-/])[\w./-]+(?<![./])(?<!\.lock)")


def branch_name(value: str) -> str:
    """``value`` if it can be a branch in a GitHub address, else ValueError in French (a pydantic validator)."""
    if not _BRANCH.fullmatch(value.strip()):
        raise ValueError(f"« {value} » n'est pas un nom de branche — écrivez celui de la branche que GitHub publie, par exemple main")
    return value.strip()


def _branch(value: Any) -> str:
    """``extra.academy.branch`` as the site uses it: ``main`` when absent or not a branch (the brand rule reports it)."""
    try:
        return branch_name(str(_resolve(value) or DEFAULT_BRANCH))
    except ValueError:
        return DEFAULT_BRANCH


def from_mapping(block: Any) -> Identity:
    """The identity from ``extra.academy`` (a mapping as MkDocs or ruamel.yaml loads it).

    A block of the wrong shape (text, a list; ``colors`` or ``origin`` not a mapping) gives an
    empty identity or part: the brand rule (``academy.extra_academy``) reports it with its line.
    """
    block = block if isinstance(block, Mapping) else {}
    text = {key: str(_resolve(block.get(key)) or "") for key in ("name", "organisation", "volunteers", "contact_url", "logo", "site_url", "repo_url")}
    raw_origin = block.get("origin") if isinstance(block.get("origin"), Mapping) else {}
    story = raw_origin.get("story")
    origin = Origin(
        **{key: str(_resolve(raw_origin.get(key)) or "") for key in ("name", "organisation", "site_url", "repo_url")},
        story=tuple(str(s) for s in story) if isinstance(story, list) else (),
    )
    colors = block.get("colors")
    return Identity(**text, branch=_branch(block.get("branch")), colors=dict(colors) if isinstance(colors, Mapping) else {}, origin=origin)


def read(root: Path) -> Identity:
    """The identity of the repository at ``root``; empty when mkdocs.yml is missing or unreadable."""
    try:
        config = yamlpos.load((root / CONFIG).read_text(encoding="utf-8"), aliases=True) or {}
    except (OSError, yamlpos.YamlSyntaxError):
        return Identity()
    extra = config.get("extra") if isinstance(config, dict) else None
    return from_mapping(extra.get("academy") if isinstance(extra, dict) else None)


def settings(identity: Identity) -> dict[str, str]:
    """MkDocs settings that follow from the identity (only those it can give)."""
    out = {"copyright": identity.copyright()}
    if identity.repo_url:
        out["repo_name"] = identity.repo_name
    if (parts := escaping.split_url(identity.repo_url)) and parts.hostname == "github.com":  # GitHub's editor of a file; absolute: MkDocs'
        out["edit_uri"] = f"{identity.repo_url.rstrip('/')}/edit/{identity.branch}/"  # repo_url may be unset
    return out


def inert(text: str) -> str:
    """Text that Markdown and HTML show as typed."""
    return text.translate(_INERT)


def expand(markdown: str, identity: Identity, *, raw: bool = False) -> str:
    """Replace every known marker with its value; unknown markers stay (``check_markers``).

    Names come out inert; addresses percent-encoded, so they also hold in a link. ``raw``
    leaves values as they are, for fields that the theme escapes itself (``description``).
    """
    values = {key: getattr(identity, key) for key in MARKER_KEYS}

    def replace(match: re.Match) -> str:
        key, value = match["key"], values.get(match["key"])
        if not value:
            return match[0]
        if raw:
            return value
        return quote(value, safe=":/?#@!$&+,;=%~") if key.endswith("_url") else inert(value)

    return MARKER.sub(replace, markdown)


def check_markers(text: str, path: str, identity: Identity | None = None) -> list[Problem]:
    """Unknown markers, and markers whose value ``mkdocs.yml`` leaves empty."""
    problems = []
    known = ", ".join(f"{{{{ academy.{k} }}}}" for k in MARKER_KEYS)
    for number, line in enumerate(text.splitlines(), start=1):
        for match in MARKER.finditer(line):
            key = match["key"]
            if key not in MARKER_KEYS:
                message = f"marqueur « {match[0]} » inconnu — écrivez l'un de : {known}"
            elif identity is not None and not getattr(identity, key):
                message = f"marqueur « {match[0]} » sans valeur — renseignez extra.academy.{key} dans {CONFIG}"
            else:
                continue
            problems.append(Problem(path, number, match.start() + 1, message, "identity-marker"))
    return problems


# The exercise notebooks read their data online (Google Colab) from this variable; every copy
# the site publishes (the executed page, the download) reads it from the site itself.
DATA_VARIABLE = re.compile(r'(SOURCE_EN_LIGNE = \\")[^"\\]*(\\")')
DATA_FOLDER = "exercises/data/"


def data_url(identity: Identity) -> str:
    """Where the site publishes the exercises' data: ``<site_url>exercises/data/``."""
    return f"{identity.site_url.rstrip('/')}/{DATA_FOLDER}" if identity.site_url else ""


def with_data_url(notebook_json: str, url: str) -> str:
    """The notebook's JSON text with ``SOURCE_EN_LIGNE`` set to ``url`` (unchanged without one)."""
    return DATA_VARIABLE.sub(lambda m: f"{m[1]}{url}{m[2]}", notebook_json) if url else notebook_json


def published_notebook(notebook: Path, data_url: str, cache: Path, rel: str | None = None, text: str | None = None) -> Path:
    """The notebook as published, reading its online data from this site, kept in ``cache``.

    ``rel`` is the path it gets under its content-keyed folder (default: its name), so that
    mkdocs-jupyter's ``include``/``ignore`` patterns see the same path as for the source;
    ``text``: the notebook's text when already read.
    """
    text = notebook.read_text(encoding="utf-8") if text is None else text
    published = with_data_url(text, data_url)
    if published == text:
        return notebook
    target = cache / "published" / hashlib.sha256(published.encode()).hexdigest()[:16] / (rel or notebook.name)
    if not target.is_file():
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=target.parent, delete=False, suffix=".tmp") as out:
            out.write(published)
        os.replace(out.name, target)
    return target


REQUIRED = ("name", "organisation", "volunteers", "site_url", "repo_url")


def check(root: Path) -> list[Problem]:
    """The identity block has every value the site needs, each an http(s) URL where it is one."""
    try:
        text = (root / CONFIG).read_text(encoding="utf-8")
        config = yamlpos.load(text, aliases=True) or {}
    except (OSError, yamlpos.YamlSyntaxError):
        return []  # reported by the colour check, which reads the same file
    extra = config.get("extra") if isinstance(config, dict) else None
    return check_block(extra.get("academy") if isinstance(extra, dict) else None)


def check_block(block: Any) -> list[Problem]:
    """``check`` on ``extra.academy`` as ruamel.yaml loaded it (positions kept), e.g. academy.model's."""
    if not isinstance(block, Mapping) or "origin" not in block:
        return []  # a wrong shape is the brand rule's; a small site (tests, examples) may set only its colours
    identity = from_mapping(block)
    problems = []
    line, col = _position(block)
    for key in REQUIRED:
        if not getattr(identity, key):
            problems.append(Problem(CONFIG, line, col, f"extra.academy.{key} manquant — ajoutez-le au bloc d'identité (voir docs/playbook/copier.md)", "identity"))
    for key in ("site_url", "repo_url", "contact_url"):
        value = getattr(identity, key)
        if value and ((parts := escaping.split_url(value)) is None or parts.scheme not in ("http", "https")):
            kline, kcol = _position(block, key)
            problems.append(Problem(CONFIG, kline, kcol, f"extra.academy.{key} : « {value} » n'est pas une adresse web — écrivez-la avec https://", "identity"))
    return problems


def _position(block: Any, key: str | None = None) -> tuple[int, int]:
    lc = getattr(block, "lc", None)
    if lc is None:
        return 1, 1
    if key is not None and key in block:
        line, col = lc.key(key)
        return line + 1, col + 1
    return lc.line, 1  # the line of « academy: » (the block's first key is on the next one)
