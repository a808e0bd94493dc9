"""The printable playbook: every playbook page, in menu order, joined into one Markdown page.

Each page becomes a section: its title is an ``h2`` with an id made from its path, and its own
headings go down one level. Links are rewritten so they work from the printable page: a link
to another playbook page becomes a link to that page's section, any other relative link is
re-rooted, and footnotes get page-specific labels (identical one-line footnotes are merged).
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from ruamel.yaml import YAML, YAMLError

from academy import frontmatter

PRINTABLE_URI = "playbook/imprimer.md"
TITLE = "Le playbook en une seule page"
NOTE = (
    '!!! note "Version imprimable du playbook"\n'
    "    Cette page réunit les {count} pages du playbook, dans l'ordre du menu. "
    "Imprimez-la avec la commande « Imprimer » de votre navigateur. "
    "Vous pouvez aussi l'enregistrer au format PDF depuis la même fenêtre.\n"
)

_FENCE = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,})")
_HEADING = re.compile(r"^(?P<hashes>#{1,5})[ \t]+(?P<text>.*?)(?:[ \t]+#+)?[ \t]*$")
_ATTRS = re.compile(r"[ \t]*\{(?P<attrs>[^{}]*)\}[ \t]*$")
_CODE_SPAN = re.compile(r"(`+)(?:.+?)\1")
_INLINE_LINK = re.compile(r"(?P<open>\]\(\s*)(?P<angle><)?(?P<target>(?(angle)[^>]*|[^)\s]*))(?(angle)>)")
_REF_DEF = re.compile(r"^(?P<lead> {0,3}\[(?!\^)[^\]]+\]:[ \t]*)(?P<target>\S+)")
_HTML_ATTR = re.compile(r"(?P<lead>\b(?:href|src)=\")(?P<target>[^\"]*)\"")
_FOOTNOTE = re.compile(r"\[\^(?P<label>[^\]\s]+)\]")
_FOOTNOTE_DEF = re.compile(r"^\[\^(?P<label>[^\]\s]+)\]:[ \t]*(?P<text>.+)$")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


@dataclass(frozen=True)
class Source:
    """One page of the playbook: its path in the site (``playbook/histoire.md``) and its Markdown."""

    uri: str
    text: str


def slugify(text: str) -> str:
    """The heading ids that Python-Markdown's ``toc`` gives by default (ASCII, lower case, hyphens)."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^\w\s-]", "", text).strip().lower()
    return re.sub(r"[-\s]+", "-", text)


def section_id(uri: str) -> str:
    """``playbook/pratiques/index.md`` -> ``playbook-pratiques``: the id of a page's section."""
    path = uri.removesuffix(".md").removesuffix("/index").removesuffix("index")
    return slugify(path.replace("/", "-").strip("-")) or "playbook"


def page_title(source: Source) -> str:
    """The front matter ``title``, else the first ``#`` heading, else the file name."""
    document = frontmatter.split(source.text)
    if document.meta_text.strip():
        try:
            meta = YAML(typ="safe").load(document.meta_text)
        except YAMLError:
            meta = None
        if isinstance(meta, dict) and str(meta.get("title") or "").strip():
            return str(meta["title"]).strip()
    for line in document.body.splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return posixpath.splitext(posixpath.basename(source.uri))[0].replace("-", " ").capitalize()


def printable_page(sources: list[Source], target_uri: str = PRINTABLE_URI) -> str:
    """The Markdown of the printable page, with its front matter."""
    sources = [s for s in sources if s.uri != target_uri]
    sections = {s.uri: section_id(s.uri) for s in sources}
    titles = {s.uri: page_title(s) for s in sources}
    footnotes: dict[str, str] = {}  # one-line footnote text -> the label it got first
    out = [
        "---",
        f"title: {TITLE}",
        "description: Toutes les pages du playbook réunies en une seule page, à imprimer ou à enregistrer en PDF.",
        "search:",
        "  exclude: true  # the same text is already found in the playbook's own pages",
        "---",
        "",
        NOTE.format(count=len(sources)),
        "## Sommaire",
        "",
    ]
    out += [f"{number}. [{_escape_link_text(titles[s.uri])}](#{sections[s.uri]})" for number, s in enumerate(sources, 1)]
    out.append("")
    for source in sources:
        body = frontmatter.split(source.text).body
        body = _strip_title_heading(body)
        out += [f"## {titles[source.uri]} {{ #{sections[source.uri]} }}", ""]
        out.append(_rewrite_page(body, source.uri, target_uri, sections, footnotes).rstrip("\n"))
        out.append("")
    return "\n".join(out) + "\n"


def _escape_link_text(text: str) -> str:
    return text.replace("[", r"\[").replace("]", r"\]")


def _strip_title_heading(body: str) -> str:
    """Drop a leading ``# Title``: the section heading already gives the title."""
    lines = body.lstrip("\n").splitlines(keepends=True)
    if lines and lines[0].startswith("# "):
        return "".join(lines[1:])
    return body


def _rewrite_page(body: str, uri: str, target_uri: str, sections: dict[str, str], footnotes: dict[str, str]) -> str:
    prefix = sections[uri]
    resolve = _resolver(uri, target_uri, sections)
    labels = _footnote_labels(body, prefix, footnotes)
    out: list[str] = []
    fence = ""
    for line in body.splitlines():
        if fence:
            out.append(line)
            if line.strip().startswith(fence):
                fence = ""
            continue
        if match := _FENCE.match(line):
            fence = match["fence"]
            out.append(line)
            continue
        definition = _FOOTNOTE_DEF.match(line)
        if definition and labels.get(definition["label"], "").startswith("="):
            continue  # the same footnote text was already defined by an earlier page
        if heading := _HEADING.match(line):
            line = _demote(heading, prefix)
        line = _outside_code(line, lambda text: _rewrite_text(text, resolve, labels))
        out.append(line)
    return "\n".join(out)


def _footnote_labels(body: str, prefix: str, seen: dict[str, str]) -> dict[str, str]:
    """New label for each footnote of the page; ``=label`` when it reuses an earlier page's note."""
    labels: dict[str, str] = {}
    lines = body.splitlines()
    for index, line in enumerate(lines):
        if not (match := _FOOTNOTE_DEF.match(line)):
            continue
        label, text = match["label"], match["text"].strip()
        one_line = index + 1 == len(lines) or not lines[index + 1].startswith((" ", "\t"))
        if one_line and text in seen:
            labels[label] = "=" + seen[text]
        else:
            labels[label] = f"{prefix}-{label}"
            if one_line:
                seen[text] = labels[label]
    return labels


def _demote(heading: re.Match, prefix: str) -> str:
    text = heading["text"]
    attrs = ""
    if match := _ATTRS.search(text):
        text, attrs = text[: match.start()], match["attrs"]
    ids = re.findall(r"#([\w-]+)", attrs)
    anchor = ids[0] if ids else slugify(_plain(text))
    others = re.sub(r"#[\w-]+", "", attrs).strip()
    attributes = " ".join(part for part in (f"#{prefix}--{anchor}", others) if part)
    return f"#{heading['hashes']} {text} {{ {attributes} }}"


def _plain(text: str) -> str:
    """Heading text as toc sees it: without link targets, emphasis or code marks."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return re.sub(r"[*_`]", "", text)


def _resolver(uri: str, target_uri: str, sections: dict[str, str]) -> Callable[[str], str]:
    folder = posixpath.dirname(uri)
    target_folder = posixpath.dirname(target_uri)
    prefix = sections[uri]

    def resolve(target: str) -> str:
        if not target or _SCHEME.match(target) or target.startswith(("/", "//")):
            return target
        path, _, fragment = target.partition("#")
        if not path:
            return f"#{prefix}--{fragment}" if fragment else target
        resolved = posixpath.normpath(posixpath.join(folder, path))
        if resolved in sections:
            return f"#{sections[resolved]}--{fragment}" if fragment else f"#{sections[resolved]}"
        relative = posixpath.relpath(resolved, target_folder)
        return f"{relative}#{fragment}" if fragment else relative

    return resolve


def _rewrite_text(text: str, resolve: Callable[[str], str], labels: dict[str, str]) -> str:
    def inline(match: re.Match) -> str:
        target = resolve(match["target"])
        return f"{match['open']}<{target}>" if match["angle"] else f"{match['open']}{target}"

    text = _INLINE_LINK.sub(inline, text)
    text = _REF_DEF.sub(lambda m: m["lead"] + resolve(m["target"]), text)
    text = _HTML_ATTR.sub(lambda m: f'{m["lead"]}{resolve(m["target"])}"', text)
    return _FOOTNOTE.sub(lambda m: f"[^{labels.get(m['label'], m['label']).lstrip('=')}]", text)


def _outside_code(line: str, change: Callable[[str], str]) -> str:
    """Apply ``change`` to the parts of ``line`` that are not inline code."""
    parts, last = [], 0
    for match in _CODE_SPAN.finditer(line):
        parts += [change(line[last : match.start()]), match.group(0)]
        last = match.end()
    parts.append(change(line[last:]))
    return "".join(parts)
