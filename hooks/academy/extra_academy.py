"""``extra.academy`` in mkdocs.yml, checked before anything uses it: shape, URL, logo, colours.

``academy.identity`` reads the block (who the academy is); this module makes sure what it
reads has the right shape.

A company that copies the site edits this block by hand, so every mistake (a block written as
one line of text, colours as a list, a ``javascript:`` contact link, a logo file that does not
exist) becomes a located problem, and the build uses only the fields that are right.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

from academy import brand, contact, escaping, identity, yamlpos
from academy.problems import Problem

CONFIG = "mkdocs.yml"
RULE = "brand"
INDENT_TODO = "vérifiez l'indentation"
Text = Annotated[str, Field(min_length=1, max_length=120)]
Url = Annotated[str, AfterValidator(escaping.web_url)]
Email = Annotated[str, AfterValidator(contact.email_address)]
Branch = Annotated[str, AfterValidator(identity.branch_name)]


class Colors(BaseModel):
    model_config = ConfigDict(extra="forbid")

    primary: str
    accent: str


class Academy(BaseModel):
    model_config = ConfigDict(extra="allow", str_strip_whitespace=True)  # other helpers may add fields

    name: Text | None = None
    organisation: Text | None = None
    contact_url: Url | None = None
    contact_email: Email | None = None
    branch: Branch | None = None
    logo: Text | None = None
    colors: Colors | None = None
    origin: dict[str, Any] | None = None  # academy.identity reads it


class _Extra(BaseModel):
    model_config = ConfigDict(extra="allow")
    academy: Academy | None = None


class _Config(BaseModel):
    model_config = ConfigDict(extra="allow")
    extra: _Extra | None = None
    docs_dir: str = "docs"


def check(text: str, root: Path) -> tuple[dict[str, Any], list[Problem]]:
    """The usable fields of ``extra.academy`` (wrong ones left out) and every problem, located.

    The colours are checked too (``academy.brand``): they are usable only when they pass.
    """
    try:
        data = yamlpos.load(text, aliases=True)  # MkDocs itself accepts aliases in mkdocs.yml
    except yamlpos.YamlSyntaxError as error:
        return {}, [Problem(CONFIG, error.line, error.col, f"{CONFIG} illisible ({error.message}) — {error.todo or INDENT_TODO}", RULE)]
    config, problems = yamlpos.validate(_Config, data, CONFIG, rule=RULE)
    block = _block(data)
    usable = {key: value for key, value in (block or {}).items() if _valid(key, value)}
    if "colors" in usable or (block is not None and "colors" not in block):
        found = brand.check_colors(dict(usable.get("colors") or {}), CONFIG, text)
        problems += found
        if found:
            usable.pop("colors", None)
    logo = usable.get("logo")
    if isinstance(logo, str) and logo.strip():
        docs = root / (config.docs_dir if config else "docs")
        if problem := _logo_problem(logo.strip(), docs):
            line, col = yamlpos.position(data, ["extra", "academy", "logo"])
            problems.append(Problem(CONFIG, line, col, f"extra.academy.logo: {problem}", RULE))
            usable.pop("logo")
    return usable, problems


def usable_fields(block: Any) -> dict[str, Any]:
    """The fields of ``extra.academy`` as MkDocs loaded it that pass the schema (the others are reported by ``check``)."""
    return {key: value for key, value in block.items() if _valid(key, value)} if isinstance(block, dict) else {}


def _block(data: Any) -> dict[str, Any] | None:
    """extra.academy as a mapping; {} when it is absent, None when it is not a mapping."""
    extra = data.get("extra") if isinstance(data, dict) else None
    academy = extra.get("academy", {}) if isinstance(extra, dict) else {}
    return dict(academy) if isinstance(academy, dict) else None


def _valid(key: str, value: Any) -> bool:
    try:
        Academy.model_validate({key: value})
    except ValidationError:
        return False
    return True


def _logo_problem(logo: str, docs: Path) -> str | None:
    if "://" in logo or logo.startswith(("//", "data:", "javascript:")):
        return f"« {logo} » n'est pas un fichier du site — mettez le logo dans docs/ (par exemple docs/assets/logo.svg) et écrivez son chemin"
    relative = PurePosixPath(logo.lstrip("/"))
    if ".." in relative.parts or not (docs / relative).is_file():
        return f"fichier « {logo} » introuvable dans {docs.name}/ — vérifiez le chemin, par exemple assets/logo.svg"
    return None
