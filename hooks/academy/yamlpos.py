"""YAML with positions, and pydantic validation errors turned into located problems.

ruamel.yaml's round-trip loader keeps the line and column of every key and item, so a
validation error such as ``('sessions', 2, 'date')`` can point at the line an author wrote.
Dates and times stay text here: pydantic parses them, so ``2020-13-05`` becomes a message
with its line instead of a traceback from the YAML reader.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import ruamel.yaml
from pydantic import TypeAdapter, ValidationError
from pydantic_core import ErrorDetails
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.composer import Composer, MaxDepthExceededError
from ruamel.yaml.constructor import DuplicateKeyError, RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.events import AliasEvent
from ruamel.yaml.reader import ReaderError

from academy import cache, textfile
from academy.problems import Problem


class _TextDatesConstructor(RoundTripConstructor):
    """Round-trip constructor that keeps timestamps as the text the author typed."""


_TextDatesConstructor.add_constructor(
    "tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node)
)


MAX_DEPTH = 50  # nesting deeper than this is a mistake, and would exhaust the stack of the validators


class _AliasRefused(MarkedYAMLError):
    pass


class _NoAliasComposer(Composer):
    """Refuses ``*alias``: a few lines of aliases can expand to billions of nodes (« billion laughs »)."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.parser.check_event(AliasEvent):
            event = self.parser.get_event()
            raise _AliasRefused(None, None, f"renvoi « *{event.anchor} » refusé", event.start_mark)
        return super().compose_node(parent, index)


def _yaml(aliases: bool) -> YAML:
    yaml = YAML(typ="rt")
    yaml.Constructor = _TextDatesConstructor
    yaml.max_depth = MAX_DEPTH
    if not aliases:
        yaml.Composer = _NoAliasComposer
    return yaml


ALIAS_TODO = "recopiez la valeur à cet endroit : les ancres « & » et renvois « * » ne sont pas acceptés"


@dataclass(frozen=True)
class YamlSyntaxError(Exception):
    """The text is not YAML at all; ``line`` is 1-based within the text."""

    line: int
    col: int
    message: str
    todo: str | None = None  # what the author should do, when the caller's usual advice does not fit


def load(text: str, *, aliases: bool = False) -> Any:
    """Parse YAML text, keeping positions; raise YamlSyntaxError on invalid syntax.

    Aliases are refused unless ``aliases`` (mkdocs.yml, which MkDocs reads itself); keys must be
    unique (ruamel refuses duplicates); nesting is bounded by ``MAX_DEPTH``. Keyed by the text
    itself (academy.cache): a text parsed before is not parsed again, by ``make serve`` or the
    next ``academy check``; each caller gets its own copy (positions included, unpickled: fifty
    times faster than a deep copy of ruamel's nodes), so nobody shares mutable data.
    """
    key = cache.key(cache.code_digest(), ruamel.yaml.__version__, "aliases" if aliases else "", text)
    return cache.value("yaml", key, lambda: _parse(text, aliases))


def _parse(text: str, aliases: bool) -> Any:
    try:
        return _yaml(aliases).load(text)
    except _AliasRefused as error:
        line, col = textfile.position(text, error.problem_mark.index)
        raise YamlSyntaxError(line, col, error.problem, ALIAS_TODO) from None
    except DuplicateKeyError as error:
        line, col = textfile.position(text, error.problem_mark.index)
        key = getattr(error.problem_mark, "name", "")
        match = re.match(r'found duplicate key "(?P<key>[^"]*)"', error.problem or "")
        key = match["key"] if match else key
        raise YamlSyntaxError(line, col, f"clé « {key} » en double", "gardez une seule fois chaque clé d'un même bloc") from None
    except MaxDepthExceededError as error:
        line, col = textfile.position(text, error.problem_mark.index)
        raise YamlSyntaxError(line, col, f"imbrication trop profonde (plus de {MAX_DEPTH} niveaux)") from None
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, col = textfile.position(text, mark.index) if mark else (1, 1)
        raise YamlSyntaxError(line, col, error.problem or str(error)) from None
    except ReaderError as error:  # a control character, e.g. pasted from a word processor
        line, col = textfile.position(text, error.position)
        code = error.character if isinstance(error.character, int) else ord(error.character)
        raise YamlSyntaxError(line, col, f"caractère invisible interdit (U+{code:04X})") from None
    except TypeError:  # ruamel cannot build a mapping whose key is itself a list or a mapping (« ? » keys)
        lines = text.splitlines()
        line = next((n for n, row in enumerate(lines, start=1) if row.lstrip().startswith(("?", "[", "{"))), 1)
        raise YamlSyntaxError(line, 1, "clé composée (liste ou bloc) interdite") from None


def position(data: Any, loc: Iterable[str | int]) -> tuple[int, int]:
    """1-based (line, col) of the deepest node of ``loc`` that exists in ``data``."""
    line, col = 1, 1
    node = data
    for key in loc:
        if isinstance(node, CommentedMap) and key in node:
            line, col = node.lc.key(key)
            line, col = line + 1, col + 1
            node = node[key]
        elif isinstance(node, CommentedSeq) and isinstance(key, int) and 0 <= key < len(node):
            line, col = node.lc.item(key)
            line, col = line + 1, col + 1
            node = node[key]
        else:
            if isinstance(node, CommentedMap | CommentedSeq) and node.lc.line is not None:
                # The key is missing: point at the mapping that should hold it.
                line, col = node.lc.line + 1, node.lc.col + 1
            break
    return line, col


_RULES: dict[str, tuple[str, str]] = {
    # pydantic error type -> (what is wrong, what to do); {x} fields come from the error's ctx.
    "missing": ("champ obligatoire absent", "ajoutez-le"),
    "extra_forbidden": ("champ inconnu", "vérifiez l'orthographe ou supprimez-le"),
    "int_parsing": ("nombre entier attendu", "écrivez un nombre sans guillemets, par exemple 90"),
    "int_type": ("nombre entier attendu", "écrivez un nombre sans guillemets, par exemple 90"),
    "int_from_float": ("nombre entier attendu", "retirez la partie décimale"),
    "string_type": ("texte attendu", "écrivez un texte, entre guillemets s'il contient « : »"),
    "list_type": ("liste attendue", "écrivez un élément par ligne, chacun précédé de « - »"),
    "dict_type": ("bloc de champs attendu", "écrivez des lignes « champ: valeur » en retrait"),
    "model_type": ("bloc de champs attendu", "écrivez des lignes « champ: valeur » en retrait"),
    "too_short": ("{actual_length} élément(s), il en faut au moins {min_length}", "complétez la liste"),
    "too_long": ("{actual_length} éléments, il en faut au plus {max_length}", "raccourcissez la liste"),
    "string_too_short": ("texte trop court", "écrivez au moins {min_length} caractères"),
    "string_too_long": ("texte trop long", "tenez en {max_length} caractères au plus"),
    "greater_than_equal": ("valeur trop petite", "donnez une valeur d'au moins {ge}"),
    "less_than_equal": ("valeur trop grande", "donnez une valeur d'au plus {le}"),
    "literal_error": ("valeur non reconnue", "choisissez parmi : {expected}"),
    "enum": ("valeur non reconnue", "choisissez parmi : {expected}"),
    "url_parsing": ("adresse web invalide", "écrivez une adresse complète, par exemple https://example.org/"),
    "url_scheme": ("adresse web invalide", "commencez l'adresse par https://"),
    "date_from_datetime_parsing": ("date invalide", "écrivez une vraie date au format AAAA-MM-JJ"),
    "date_parsing": ("date invalide", "écrivez une vraie date au format AAAA-MM-JJ"),
    "date_type": ("date invalide", "écrivez une vraie date au format AAAA-MM-JJ"),
    "time_parsing": ("heure invalide", "écrivez une heure au format HH:MM, par exemple 18:30"),
    "time_type": ("heure invalide", "écrivez une heure au format HH:MM, par exemple 18:30"),
}


def describe(error: ErrorDetails) -> str:
    """``what is wrong — what to do`` in French for one pydantic error."""
    kind = error["type"]
    ctx = {k: str(v).replace("' or '", "' ou '") for k, v in (error.get("ctx") or {}).items()}
    if kind == "value_error":
        # Our own validators raise ValueError("what — what to do"): keep their text.
        return str(ctx.get("error", error["msg"]))
    if kind == "string_too_short" and ctx.get("min_length") == "1":
        return "valeur vide — remplissez ce champ"
    if kind in _RULES:
        what, todo = _RULES[kind]
        try:
            return f"{what.format(**ctx)} — {todo.format(**ctx)}"
        except KeyError:
            return f"{what} — {todo}"
    return f"valeur refusée ({error['msg']}) — corrigez la valeur"


def key_path(loc: Iterable[str | int]) -> str:
    """``('sessions', 2, 'date')`` -> ``sessions[2].date``."""
    out = ""
    for key in loc:
        out += f"[{key}]" if isinstance(key, int) else (f".{key}" if out else str(key))
    return out or "(racine)"


def validate[M](
    schema: type[M], data: Any, path: str, *, rule: str, line_offset: int = 0
) -> tuple[M | None, list[Problem]]:
    """Validate ``data`` against ``schema`` (a model or a type such as ``list[Entry]``).

    Every error becomes a Problem located at the line of the faulty key or item.
    """
    try:
        return TypeAdapter(schema).validate_python(data), []
    except ValidationError as exc:
        problems = []
        for error in exc.errors(include_url=False):
            loc = [part for part in error["loc"] if not isinstance(part, str) or not part.startswith("function-")]
            line, col = position(data, loc)
            message = f"{key_path(loc)}: {describe(error)}"
            problems.append(Problem(path, line + line_offset, col, message, rule))
        return None, sorted(problems)
