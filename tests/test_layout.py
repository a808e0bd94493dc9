"""The engine's layout: every module imports alone, no import cycle, no stdlib name, small modules.

The graph is read from the source (``ast``): every ``import academy…`` / ``from academy…``
at any level counts, except those under ``if TYPE_CHECKING:`` (annotations only).
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from conftest import HOOKS

ENGINE = HOOKS / "academy"
LIMIT = 300  # lines; one concern per module
# Modules over the limit, each with the reason it still is (keep this list short; empty today).
OVER_LIMIT: dict[str, str] = {}


def module_name(path: Path) -> str:
    parts = path.relative_to(HOOKS).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(ENGINE.rglob("*.py"))}


def _type_checking(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def imports(path: Path, name: str | None = None) -> set[str]:
    """The engine modules that ``path`` (module ``name``) imports at run time."""
    found: set[str] = set()
    name = name or module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]

    def visit(node: ast.AST) -> None:
        if _type_checking(node):
            return
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    return {other for other in found if other in MODULES and other != name}


def test_the_graph_has_no_cycle() -> None:
    graph = {name: imports(path) for name, path in MODULES.items()}
    for parent in graph:  # importing a submodule runs its package's __init__ first
        graph[parent] = {m for m in graph[parent] if not parent.startswith(f"{m}.")}
    state: dict[str, str] = {}
    cycles: list[list[str]] = []

    def walk(node: str, trail: list[str]) -> None:
        state[node] = "open"
        for target in sorted(graph[node]):
            if state.get(target) == "open":
                cycles.append([*trail[trail.index(target):], target] if target in trail else [node, target])
            elif target not in state:
                walk(target, [*trail, target])
        state[node] = "done"

    for name in sorted(graph):
        if name not in state:
            walk(name, [name])
    assert cycles == []


def test_the_graph_reader_sees_a_cycle(tmp_path: Path) -> None:
    """The check above can fail: two modules that import each other form an edge both ways."""
    (tmp_path / "academy").mkdir()
    a = tmp_path / "academy" / "a.py"
    a.write_text("from academy import b\nif TYPE_CHECKING:\n    from academy import c\n", encoding="utf-8")
    MODULES.update({"academy.b": tmp_path / "b.py", "academy.c": tmp_path / "c.py"})
    try:
        assert imports(a, "academy.a") == {"academy", "academy.b"}  # the package, then the module
    finally:
        for name in ("academy.b", "academy.c"):
            MODULES.pop(name)


def test_every_module_imports_alone() -> None:
    """Each module in a fresh set of academy modules: an import cycle would fail here."""
    script = (
        "import importlib, sys\n"
        f"for name in {sorted(set(MODULES) - {'academy.__main__'})!r}:  # __main__ runs the command line\n"
        "    for loaded in [m for m in sys.modules if m == 'academy' or m.startswith('academy.')]:\n"
        "        del sys.modules[loaded]\n"
        "    importlib.import_module(name)\n"
        "    assert not any(m.startswith('mkdocs') for m in sys.modules), f'{name} imports mkdocs'\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=HOOKS, check=False)
    assert done.returncode == 0, done.stderr


def test_no_module_is_named_like_the_standard_library() -> None:
    clashes = {name for name in MODULES if name.rpartition(".")[2] in sys.stdlib_module_names}
    assert clashes == set()


def test_modules_stay_small() -> None:
    sizes = {name: len(path.read_text(encoding="utf-8").splitlines()) for name, path in MODULES.items()}
    assert {name: n for name, n in sizes.items() if n > LIMIT and name not in OVER_LIMIT} == {}
    assert set(OVER_LIMIT) <= set(MODULES)  # an exception for a module that is gone must go too


def test_hook_adapters_define_only_events() -> None:
    """hooks/*.py are MkDocs adapters: their functions are on_* events; the engine does the rest."""
    for path in sorted(HOOKS.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        functions = [node.name for node in tree.body if isinstance(node, ast.FunctionDef)]
        assert [name for name in functions if not name.startswith("on_")] == [], path.name
