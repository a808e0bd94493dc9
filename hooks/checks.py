"""MkDocs adapter: every rule of the registry in the build log (``--strict`` fails on warnings).

Errors are logged as warnings, advice as information: the same problems, at the same
places, as ``academy check`` prints (academy.checks).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from academy import checks, model
from academy.problems import Severity

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

log = logging.getLogger("mkdocs.hooks.checks")


def on_files(files: Files, *, config: MkDocsConfig) -> Files | None:
    for problem in checks.check_project(model.for_build(config)):
        log.log(logging.WARNING if problem.severity is Severity.ERROR else logging.INFO, str(problem))
    return None
