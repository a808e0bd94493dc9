"""The colour pairs the theme really renders, measured against WCAG 2.1 AA.

``extra.academy.colors`` gives two colours; ``palette`` derives from them every CSS variable
the site sets (``academy.brand`` writes them out), and ``pairs`` lists each text colour on the
background it is drawn on, as Material for MkDocs 9 draws them with ``primary: custom``:

- the header and the navigation tabs: ``--md-primary-bg-color`` (white) on
  ``--md-primary-fg-color``; the tabs' links are drawn at ``opacity: .7`` (``.md-tabs__link``
  in Material's ``main.css``), which is why the primary colour needs about 7.3:1 with white;
- links: ``--md-typeset-a-color`` on the page background, on the code background (a link
  around ``code``), and at ``opacity: .85`` in a past session's row (``.academy-past`` in
  ``docs/assets/academy.css``);
- hovered and focused links: ``--md-accent-fg-color`` on the page background;
- the same in the dark (``slate``) palette, on Material's slate backgrounds.

axe-core flattens opacity the same way (the text colour blended over its background), so a
colour this module accepts does not fail axe's ``color-contrast`` rule on these elements
(``tests/test_contrast.py`` proves it on a walk of colours, with real axe runs on a few).
"""

from __future__ import annotations

import colorsys
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

AA = 4.5  # normal text, WCAG 2.1 success criterion 1.4.3
WHITE = "#ffffff"
BLACK = "#000000"
HEX = re.compile(r"^#[0-9a-fA-F]{6}$")

# Opacities that Material and our stylesheet put on coloured text.
TABS_OPACITY = 0.7  # .md-tabs__link (material/templates/assets/stylesheets/main.*.css)
PAST_OPACITY = 0.85  # .md-typeset .academy-past (docs/assets/academy.css)


def hsl(hue: float, saturation: float, lightness: float) -> str:
    """``hsl(hue, saturation%, lightness%)`` as #rrggbb (Material writes its greys this way)."""
    r, g, b = colorsys.hls_to_rgb(hue / 360, lightness / 100, saturation / 100)
    return "#" + "".join(f"{round(c * 255):02x}" for c in (r, g, b))


# Material's backgrounds (``--md-hue: 225deg``): :root and [data-md-color-scheme=slate].
LIGHT_BG, LIGHT_CODE_BG = WHITE, "#f5f5f5"
SLATE_BG, SLATE_CODE_BG = hsl(225, 15, 14), hsl(225, 15, 18)


def _rgb(color: str) -> tuple[int, int, int]:
    return int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16)


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


@functools.lru_cache(maxsize=1 << 16)  # pure, and called for the same colours again and again by nearest()
def luminance(color: str) -> float:
    r, g, b = _rgb(color)
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def ratio(a: str, b: str) -> float:
    """WCAG contrast ratio between two #rrggbb colours, from 1 to 21."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@functools.lru_cache(maxsize=1 << 16)  # pure, and called for the same colours again and again by nearest()
def mix(color: str, other: str, share: float) -> str:
    """``color`` moved ``share`` (0..1) of the way towards ``other``."""
    parts = [round(c * (1 - share) + o * share) for c, o in zip(_rgb(color), _rgb(other), strict=True)]
    return "#" + "".join(f"{p:02x}" for p in parts)


def over(color: str, background: str, opacity: float) -> str:
    """The colour seen when ``color`` is drawn at ``opacity`` over ``background``."""
    return mix(background, color, opacity)


@functools.lru_cache(maxsize=1 << 16)  # pure, and called for the same colours again and again by nearest()
def readable_on(color: str, background: str) -> str:
    """The closest variant of ``color`` (lightened or darkened) readable on ``background``."""
    target = WHITE if luminance(background) < 0.5 else BLACK
    for step in range(51):
        candidate = mix(color, target, step / 50)
        if ratio(candidate, background) >= AA and ratio(over(candidate, background, PAST_OPACITY), background) >= AA:
            return candidate
    return target


def palette(primary: str, accent: str) -> dict[str, dict[str, str]]:
    """Material's colour variables for the light (``default``) and dark (``slate``) palettes."""
    return {
        "default": {
            "--md-primary-fg-color": primary,
            "--md-primary-fg-color--light": mix(primary, WHITE, 0.15),
            "--md-primary-fg-color--dark": mix(primary, BLACK, 0.2),
            "--md-primary-bg-color": WHITE,
            "--md-accent-fg-color": accent,
            "--md-typeset-a-color": primary,
        },
        "slate": {
            "--md-primary-fg-color": mix(primary, BLACK, 0.35),
            "--md-primary-fg-color--dark": mix(primary, BLACK, 0.5),
            "--md-primary-bg-color": WHITE,
            "--md-accent-fg-color": readable_on(mix(accent, WHITE, 0.35), SLATE_BG),
            "--md-typeset-a-color": readable_on(mix(primary, WHITE, 0.35), SLATE_BG),
        },
    }


@dataclass(frozen=True)
class Pair:
    """One text colour on one background, as rendered; ``key`` is the colour it comes from."""

    scheme: str  # "clair" or "sombre"
    what: str
    key: str  # "primary" or "accent"
    fg: str
    bg: str

    @property
    def ratio(self) -> float:
        return ratio(self.fg, self.bg)


def pairs(primary: str, accent: str) -> list[Pair]:
    """Every coloured text the theme renders, on its background, in both palettes."""
    out = []
    for scheme, name, page, code in (("default", "clair", LIGHT_BG, LIGHT_CODE_BG), ("slate", "sombre", SLATE_BG, SLATE_CODE_BG)):
        v = palette(primary, accent)[scheme]
        header, text, link = v["--md-primary-fg-color"], v["--md-primary-bg-color"], v["--md-typeset-a-color"]
        out += [
            Pair(name, "texte de l'en-tête", "primary", text, header),
            Pair(name, "onglets de navigation (opacité 0,7)", "primary", over(text, header, TABS_OPACITY), header),
            Pair(name, "liens", "primary", link, page),
            Pair(name, "liens sur du code", "primary", link, code),
            Pair(name, "liens d'une session passée (opacité 0,85)", "primary", over(link, page, PAST_OPACITY), page),
            Pair(name, "liens survolés (couleur d'accent)", "accent", v["--md-accent-fg-color"], page),
        ]
    return out


def failing(primary: str, accent: str) -> list[Pair]:
    return [p for p in pairs(primary, accent) if p.ratio < AA]


def passes(primary: str, accent: str) -> bool:
    return not failing(primary, accent)


def _candidates(color: str) -> Iterable[tuple[float, str]]:
    """Variants of ``color`` with the same hue, by distance: darker and lighter, 1 % at a time."""
    for step in range(1, 101):
        for target in (BLACK, WHITE):
            yield step, mix(color, target, step / 100)


def nearest(key: str, primary: str, accent: str) -> str | None:
    """The closest colour to ``primary`` or ``accent`` (same hue) with which every pair passes."""
    current = primary if key == "primary" else accent
    for _, candidate in _candidates(current):
        p, a = (candidate, accent) if key == "primary" else (primary, candidate)
        if not [f for f in failing(p, a) if f.key == key]:
            return candidate
    return None
