"""The academy's colours, set once in ``mkdocs.yml`` (``extra.academy.colors``).

A company that copies the site changes its colours there; this module turns them into the
theme's CSS variables and refuses colours for which one of the pairs the theme renders
(``academy.contrast``) fails the WCAG 2.1 AA contrast ratio (4.5:1), suggesting the nearest
colour that passes.
"""

from __future__ import annotations

from academy import contrast
from academy.problems import Problem

CSS_URI = "assets/colors.css"  # the generated stylesheet (hooks/brand.py adds it to the site)
_HEX = contrast.HEX


def _line_of(key: str, config_text: str) -> tuple[int, int]:
    """Line and column of ``key:`` inside the ``colors:`` block of mkdocs.yml (1, 1 if absent)."""
    in_colors = False
    for number, line in enumerate(config_text.splitlines(), start=1):
        stripped = line.lstrip()
        if stripped.startswith("colors:"):
            in_colors = True
        elif in_colors and stripped.startswith(f"{key}:"):
            return number, len(line) - len(stripped) + 1
    return 1, 1


def check_colors(colors: dict, path: str = "mkdocs.yml", config_text: str = "") -> list[Problem]:
    problems = []
    for name in ("primary", "accent"):
        value = colors.get(name)
        if not isinstance(value, str) or not _HEX.match(value):
            line, col = _line_of(name, config_text)
            problems.append(Problem(path, line, col, f"extra.academy.colors.{name}: couleur « {value} » invalide — écrivez-la au format #rrggbb, par exemple #1f5f5b", "brand"))
    if problems:
        return problems
    primary, accent = colors["primary"], colors["accent"]
    for name in ("primary", "accent"):
        failing = [pair for pair in contrast.failing(primary, accent) if pair.key == name]
        if not failing:
            continue
        worst = min(failing, key=lambda pair: pair.ratio)
        line, col = _line_of(name, config_text)
        others = f", et {len(failing) - 1} autre(s) paire(s)" if len(failing) > 1 else ""
        near = contrast.nearest(name, primary, accent)
        todo = f"essayez « {near} », la couleur la plus proche qui passe partout" if near else "choisissez une couleur plus foncée"
        problems.append(Problem(path, line, col, f"extra.academy.colors.{name}: « {colors[name]} » donne un contraste de {worst.ratio:.2f}:1 pour les {worst.what} en thème {worst.scheme}{others}, il faut au moins {contrast.AA}:1 (WCAG AA) — {todo}", "brand"))
    return problems


def css(colors: dict) -> str:
    """Material's colour variables for the light and the dark palette."""
    variables = contrast.palette(colors["primary"], colors["accent"])
    light = "".join(f"  {name}: {value};\n" for name, value in variables["default"].items())
    dark = "".join(f"  {name}: {value};\n" for name, value in variables["slate"].items())
    return f"""/* Generated from extra.academy.colors in mkdocs.yml. */
:root, [data-md-color-scheme="default"] {{
{light}}}
[data-md-color-scheme="slate"] {{
{dark}}}
"""
