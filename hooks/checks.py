"""MkDocs adapter: the checking engine's problems in the build log (``--strict`` fails on warnings).

Errors are logged as warnings, plain-language advice as information. The glossary, cohort
and brand hooks log their own problems, so this runs the other families (``checks.BUILD``).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from academy import checks
from academy.problems import Severity

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

log = logging.getLogger("mkdocs.hooks.checks")


def on_files(files: Files, *, config: MkDocsConfig) -> Files | None:
    root = Path(config.config_file_path).resolve().parent
    for problem in checks.check_repository(root, families=checks.BUILD):
        log.log(logging.WARNING if problem.severity is Severity.ERROR else logging.INFO, str(problem))
    return None
