"""Notebook hygiene for pre-commit: ``python -m academy.hygiene FILE.ipynb ...``.

A notebook is committed clean: valid under the nbformat schema, without outputs or execution
counts (the site runs it and shows fresh results). The outputs rule is the engine's own
(``academy.notebooks.output_problems``), so ``academy check`` reports the same messages.
Exit 0 when every file is clean, 1 otherwise, 2 on a usage error.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbformat.reader import NotJSONError

from academy import textfile
from academy.notebooks import output_problems
from academy.problems import Problem

RESAVE = "ouvrez-le et enregistrez-le de nouveau dans Jupyter"


def check(path: Path, rel: str) -> list[Problem]:
    text, problems = textfile.read(path, rel)
    if text is None:
        return problems
    try:
        notebook = nbformat.reads(text, as_version=nbformat.NO_CONVERT)
        nbformat.validate(notebook)
    except NotJSONError:
        return [Problem(rel, 1, 1, f"notebook illisible (JSON invalide) — {RESAVE}", "notebook")]
    except nbformat.ValidationError as error:
        where = "/".join(str(part) for part in error.absolute_path) or "(racine)"
        message = f"notebook non conforme au format nbformat ({where} : {error.message}) — {RESAVE}"
        return [Problem(rel, 1, 1, message, "notebook")]
    return output_problems(notebook, text, rel)


def main(argv: list[str] | None = None) -> int:
    paths = [Path(arg) for arg in (sys.argv[1:] if argv is None else argv)]
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        print(f"academy.hygiene : erreur : fichier introuvable : {', '.join(missing)}", file=sys.stderr)
        return 2
    problems = sorted(p for path in paths for p in check(path, path.as_posix()))
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
