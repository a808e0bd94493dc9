"""The academy's name and colours, set once in ``mkdocs.yml`` (``extra.academy``).

A company that copies the site changes its colours there; this module turns them into the
theme's CSS variables and refuses colours that fail the WCAG 2.1 AA contrast ratio (4.5:1).
"""

from __future__ import annotations

import re

from academy.problems import Problem

AA = 4.5
WHITE = "#ffffff"
SLATE_BG = "#1e2129"  # Material's dark ("slate") page background
_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(color: str) -> float:
    r, g, b = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio between two #rrggbb colours, from 1 to 21."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def mix(color: str, other: str, share: float) -> str:
    """``color`` moved ``share`` (0..1) of the way towards ``other``."""
    parts = [round(int(color[i : i + 2], 16) * (1 - share) + int(other[i : i + 2], 16) * share) for i in (1, 3, 5)]
    return "#" + "".join(f"{p:02x}" for p in parts)


def readable_on(color: str, background: str) -> str:
    """The closest variant of ``color`` (lightened or darkened) readable on ``background``."""
    target = WHITE if luminance(background) < 0.5 else "#000000"
    share = 0.0
    while contrast(color_at := mix(color, target, share), background) < AA and share < 1:
        share += 0.02
    return color_at


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
        line, col = _line_of(name, config_text)
        if not isinstance(value, str) or not _HEX.match(value):
            problems.append(Problem(path, line, col, f"extra.academy.colors.{name}: couleur « {value} » invalide — écrivez-la au format #rrggbb, par exemple #1f5f5b", "brand"))
        elif (ratio := contrast(value, WHITE)) < AA:
            problems.append(Problem(path, line, col, f"extra.academy.colors.{name}: contraste de {ratio:.1f}:1 avec le blanc, il faut au moins 4.5:1 (WCAG AA) — choisissez une couleur plus foncée", "brand"))
    return problems


def css(colors: dict) -> str:
    """Material's colour variables for the light and the dark palette."""
    primary, accent = colors["primary"], colors["accent"]
    dark_link = readable_on(mix(primary, WHITE, 0.35), SLATE_BG)
    dark_accent = readable_on(mix(accent, WHITE, 0.35), SLATE_BG)
    return f"""/* Generated from extra.academy.colors in mkdocs.yml. */
:root, [data-md-color-scheme="default"] {{
  --md-primary-fg-color: {primary};
  --md-primary-fg-color--light: {mix(primary, WHITE, 0.15)};
  --md-primary-fg-color--dark: {mix(primary, "#000000", 0.2)};
  --md-primary-bg-color: #ffffff;
  --md-accent-fg-color: {accent};
  --md-typeset-a-color: {primary};
}}
[data-md-color-scheme="slate"] {{
  --md-primary-fg-color: {mix(primary, "#000000", 0.35)};
  --md-primary-fg-color--dark: {mix(primary, "#000000", 0.5)};
  --md-primary-bg-color: #ffffff;
  --md-accent-fg-color: {dark_accent};
  --md-typeset-a-color: {dark_link};
}}
"""
