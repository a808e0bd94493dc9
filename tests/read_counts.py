"""How many times one strict build and one ``academy check`` open each source file.

    .venv/bin/python tests/read_counts.py           # both doors, one fresh process each
    .venv/bin/python tests/read_counts.py --files   # and every file read more than once

Each door runs in its own process with ``open`` counted (``io.open``, which ``Path.read_text``,
``Path.read_bytes`` and MkDocs' ``File.content_string`` all go through): a read is an opening
for reading of a file of the repository (the cache, the built site and .venv are not counted). The
engine's own code (``hooks/``) is counted apart: it is read to key the caches, not as content.
Run it with a warm cache (a build first) for the figures of an everyday build.
"""

from __future__ import annotations

import builtins
import collections
import contextlib
import io
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KINDS = (  # (name, test on the repository path), the first that matches
    ("mkdocs.yml", lambda rel: rel == "mkdocs.yml"),
    ("talk .md", lambda rel: rel.startswith("talks/") and rel.endswith(".md")),
    ("exercise .md", lambda rel: rel.startswith("exercises/") and rel.endswith(".md")),
    ("notebook", lambda rel: rel.endswith(".ipynb")),
    ("glossary", lambda rel: rel == "docs/glossaire.yml"),
    ("cohort yml", lambda rel: rel.startswith("docs/promotions/") and rel.endswith(".yml")),
    ("page .md", lambda rel: rel.startswith("docs/") and rel.endswith(".md")),
    ("data (csv)", lambda rel: rel.startswith("exercises/data/")),
    ("engine code", lambda rel: rel.startswith("hooks/")),
    ("other", lambda rel: True),
)


def kind(rel: str) -> str:
    return next(name for name, matches in KINDS if matches(rel))


def count(door: str) -> dict[str, int]:
    """Run ``door`` ("build" or "check") here, counting the openings for reading of repository files."""
    reads: collections.Counter[str] = collections.Counter()
    real_open = io.open

    def counting_open(file, mode="r", *args, **kwargs):
        if isinstance(file, str | os.PathLike) and not set(str(mode)) & set("wax+"):
            path = Path(os.fspath(file)).resolve()
            if path.is_relative_to(ROOT) and not path.is_relative_to(ROOT / ".venv"):
                reads[path.relative_to(ROOT).as_posix()] += 1
        return real_open(file, mode, *args, **kwargs)

    io.open = builtins.open = counting_open
    with tempfile.TemporaryDirectory(prefix="read-counts-") as out, contextlib.redirect_stdout(io.StringIO()):
        if door == "build":
            from mkdocs.commands.build import build
            from mkdocs.config import load_config

            config = load_config(str(ROOT / "mkdocs.yml"), site_dir=out, strict=True)
            config.plugins.on_startup(command="build", dirty=False)
            try:
                build(config)
            finally:
                config.plugins.on_shutdown()
        else:
            from academy import cli

            cli.main(["--root", str(ROOT), "check"])
    io.open = builtins.open = real_open
    return dict(reads)


def main(argv: list[str]) -> int:
    if argv[:1] in (["build"], ["check"]):
        print(json.dumps(count(argv[0])))
        return 0
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    runs = {}
    for door in ("build", "check"):
        done = subprocess.run([sys.executable, __file__, door], capture_output=True, text=True, env=env, cwd=ROOT, check=False)
        if done.returncode:
            print(done.stderr, file=sys.stderr)
            return 1
        runs[door] = json.loads(done.stdout.splitlines()[-1])
    print(f"{'kind':<14} {'files':>5} | {'build reads':>11} {'max/file':>8} | {'check reads':>11} {'max/file':>8}")
    for name, _ in KINDS:
        per_door = {door: {rel: n for rel, n in reads.items() if kind(rel) == name} for door, reads in runs.items()}
        files = set(per_door["build"]) | set(per_door["check"])
        if not files:
            continue
        cells = [f"{sum(d.values()):>11} {max(d.values(), default=0):>8}" for d in per_door.values()]
        print(f"{name:<14} {len(files):>5} | {cells[0]} | {cells[1]}")
    content = {door: sum(n for rel, n in reads.items() if kind(rel) != "engine code") for door, reads in runs.items()}
    print(f"{'total (content)':<20} | {content['build']:>11} {'':>8} | {content['check']:>11}")
    if "--files" in argv:
        for door, reads in runs.items():
            print(f"\n{door}: files read more than once")
            for rel, n in sorted(reads.items(), key=lambda item: (-item[1], item[0])):
                if n > 1 and kind(rel) != "engine code":
                    print(f"  {n:>3}  {rel}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
