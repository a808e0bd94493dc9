"""MkDocs adapter: the project model (academy.model), loaded once per build, before every other hook.

``mkdocs serve`` keeps hook modules between builds but makes a new config for each: the
snapshot lives on the config, and ``on_config`` drops any snapshot left on it, so every
build reads the files on disk again (talks, data, templates, hooks). Set
``ACADEMY_TODAY=AAAA-MM-JJ`` to fix the build date.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from academy import model
from academy.cohorts.pages import RenderError
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files


def on_config(config: MkDocsConfig) -> MkDocsConfig | None:
    model.forget(config)
    return None


@event_priority(100)  # before the hooks that use the model
def on_files(files: Files, *, config: MkDocsConfig) -> Files | None:
    try:
        model.for_build(config)
    except ValueError as error:  # ACADEMY_TODAY is not a date
        raise PluginError(f"ACADEMY_TODAY : {error}") from None
    except (OSError, RenderError) as error:
        raise PluginError(f"lecture du projet : {error}") from error
    return None
