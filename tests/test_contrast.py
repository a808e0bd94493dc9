"""The colour check matches what the theme renders and what axe-core measures.

The unit tests read Material's own stylesheet to confirm the opacities and backgrounds the
check assumes, walk a range of colours and recompute, from the CSS the build writes, every
pair axe checks; the browser test builds a tiny site for a few sampled colours and runs axe.
"""

from __future__ import annotations

import colorsys
import re
import shutil
from pathlib import Path

import material
import pytest
import yaml
from academy import brand, contrast, identity
from conftest import ROOT, build_site

STYLESHEETS = Path(material.__file__).parent / "templates/assets/stylesheets"
CONFIG = 'extra:\n  academy:\n    colors:\n      primary: "{primary}"\n      accent: "{accent}"\n'
ACCENT = "#8a4b00"


def material_css() -> str:
    return "".join(path.read_text(encoding="utf-8") for path in sorted(STYLESHEETS.glob("*.min.css")))


def test_assumptions_are_those_of_materials_stylesheet() -> None:
    css = material_css()
    tabs = re.findall(r"\.md-tabs__link\{([^}]*)\}", css)  # the screen rule; print sets opacity:1
    assert any(f"opacity:{str(contrast.TABS_OPACITY).lstrip('0')};" in rule and "font-size" in rule for rule in tabs), tabs
    assert re.search(r"\.md-header\{[^}]*color:var\(--md-primary-bg-color\);background-color:var\(--md-primary-fg-color\)", css)
    assert ".md-typeset a{color:var(--md-typeset-a-color)" in css
    assert ".md-typeset a:focus,.md-typeset a:hover{color:var(--md-accent-fg-color)}" in css
    slate = re.search(r"\[data-md-color-scheme=slate\]\{[^}]*\}", css).group(0)
    assert "--md-default-bg-color:hsla(var(--md-hue), 15%, 14%, 1)" in slate
    assert "--md-code-bg-color:hsla(var(--md-hue), 15%, 18%, 1)" in slate
    assert "--md-hue:225deg" in css and "--md-code-bg-color:#f5f5f5" in css
    ours = (ROOT / "docs/assets/academy.css").read_text(encoding="utf-8")
    assert f".md-typeset .academy-past {{ opacity: {contrast.PAST_OPACITY}; }}" in ours


def test_refused_colour_gives_line_ratio_and_a_passing_suggestion() -> None:
    text = CONFIG.format(primary="#1f6f62", accent=ACCENT)
    problems = brand.check_colors({"primary": "#1f6f62", "accent": ACCENT}, "mkdocs.yml", text)
    assert [str(p) for p in problems] == [
        "mkdocs.yml:4:7: extra.academy.colors.primary: « #1f6f62 » donne un contraste de 3.84:1 pour les onglets de"
        " navigation (opacité 0,7) en thème clair, et 1 autre(s) paire(s), il faut au moins 4.5:1 (WCAG AA)"
        " — essayez « #1b6155 », la couleur la plus proche qui passe partout (brand)"
    ]
    assert brand.check_colors({"primary": "#1b6155", "accent": ACCENT}, "mkdocs.yml", text) == []


def test_a_pale_accent_is_refused_on_its_own_line() -> None:
    text = CONFIG.format(primary="#1f5f5b", accent="#f0a000")
    [problem] = brand.check_colors({"primary": "#1f5f5b", "accent": "#f0a000"}, "mkdocs.yml", text)
    assert (problem.line, problem.col) == (5, 7)
    assert "liens survolés (couleur d'accent) en thème clair" in problem.message


# --- An independent oracle: the pairs recomputed from the CSS the build writes -------------


def _rgb(color: str) -> tuple[float, float, float]:
    return tuple(int(color[i : i + 2], 16) for i in (1, 3, 5))


def _blend(fg: str, bg: str, alpha: float) -> str:
    """What axe-core does with opacity: the text colour composited over its background."""
    parts = [round(f * alpha + b * (1 - alpha)) for f, b in zip(_rgb(fg), _rgb(bg), strict=True)]
    return "#" + "".join(f"{p:02x}" for p in parts)


def _wcag(a: str, b: str) -> float:
    def lum(color: str) -> float:
        lin = [(c / 255) / 12.92 if c / 255 <= 0.03928 else (((c / 255) + 0.055) / 1.055) ** 2.4 for c in _rgb(color)]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    high, low = sorted((lum(a), lum(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _hsl(h: float, s: float, light: float) -> str:
    return "#" + "".join(f"{round(c * 255):02x}" for c in colorsys.hls_to_rgb(h / 360, light / 100, s / 100))


def rendered_ratios(css: str) -> list[float]:
    """Every coloured text of the header, tabs and links, from the generated stylesheet."""
    blocks = re.findall(r"\{([^}]*)\}", css)
    light, dark = ({m[0]: m[1] for m in re.findall(r"(--[\w-]+): (#[0-9a-f]{6});", block)} for block in blocks)
    ratios = []
    for v, page, code in ((light, "#ffffff", "#f5f5f5"), (dark, _hsl(225, 15, 14), _hsl(225, 15, 18))):
        header, text, link = v["--md-primary-fg-color"], v["--md-primary-bg-color"], v["--md-typeset-a-color"]
        ratios += [
            _wcag(text, header),
            _wcag(_blend(text, header, 0.7), header),
            _wcag(link, page),
            _wcag(link, code),
            _wcag(_blend(link, page, 0.85), page),
            _wcag(v["--md-accent-fg-color"], page),
        ]
    return ratios


def walk() -> list[str]:
    """Colours around the wheel, from pale to very dark."""
    return [_hsl(hue, sat, light) for hue in range(0, 360, 20) for sat in (30, 60, 90) for light in range(10, 70, 4)]


def test_every_accepted_colour_passes_every_rendered_pair() -> None:
    accepted = 0
    for primary in walk():
        colors = {"primary": primary, "accent": ACCENT}
        if brand.check_colors(colors):
            continue
        accepted += 1
        low = min(rendered_ratios(brand.css(colors)))
        assert low >= 4.5, f"{primary} est accepté mais une paire rendue n'a que {low:.2f}:1"
    assert 50 < accepted < len(walk()), "la marche doit contenir des couleurs acceptées et refusées"


def test_every_refused_colour_has_a_suggestion_that_the_check_accepts() -> None:
    for primary in walk()[::7]:
        colors = {"primary": primary, "accent": ACCENT}
        if problems := brand.check_colors(colors):
            suggested = re.search(r"essayez « (#[0-9a-f]{6}) »", problems[0].message).group(1)
            assert brand.check_colors({"primary": suggested, "accent": ACCENT}) == [], primary


# --- Real axe runs on a tiny site, for a few sampled colours --------------------------------

PAGE = """\
---
title: Contraste
---

Un [lien dans le texte](autre.md) et un [lien sur du code `code`](autre.md).

<table><tr class="academy-past"><td><a href="autre/">Session passée</a></td></tr></table>
"""


def _tiny_branded_site(root: Path, primary: str) -> Path:
    real = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", ""))
    config = {
        "site_name": "Contraste",
        "site_url": "https://example.org/",
        "theme": {**real["theme"], "custom_dir": None, "features": ["navigation.tabs"]},
        "extra": {"generator": False},
        "copyright": identity.read(ROOT).copyright(),  # the real footer text (the tiny site has no brand hook)
        "extra_css": ["assets/colors.css", "assets/academy.css"],  # colors.css as hooks/brand.py writes it
        "nav": [{"Accueil": "index.md"}, {"Autre": "autre.md"}, {"Encore": "encore.md"}],
    }
    del config["theme"]["custom_dir"]
    (root / "docs/assets").mkdir(parents=True)
    shutil.copy(ROOT / "docs/assets/academy.css", root / "docs/assets/academy.css")
    (root / "docs/assets/colors.css").write_text(brand.css({"primary": primary, "accent": ACCENT}), encoding="utf-8")
    (root / "docs/index.md").write_text(PAGE, encoding="utf-8")
    for name in ("autre", "encore"):
        (root / f"docs/{name}.md").write_text(f"# Page {name}\n\nTexte.\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return root / "mkdocs.yml"


@pytest.mark.browser
@pytest.mark.slow
def test_axe_agrees_with_the_check_on_sampled_colours(tmp_path: Path, browser) -> None:
    axe_base = pytest.importorskip("axe_playwright_python.base")
    from academy.localsite import serve

    refused = "#1f6f62"  # 5.99:1 with white: the old check accepted it, axe did not
    samples = [refused, contrast.nearest("primary", refused, ACCENT), "#1f5f5b", "#3f51b5", contrast.nearest("primary", "#3f51b5", ACCENT)]
    verdicts, details = {}, {}
    for number, primary in enumerate(samples):
        out = tmp_path / f"site-{number}"
        build_site(_tiny_branded_site(tmp_path / f"src-{number}", primary), out)
        with serve(out) as url:
            failures = 0
            for scheme in ("light", "dark"):
                context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 800})
                page = context.new_page()
                page.goto(url)
                page.evaluate(axe_base.AXE_SCRIPT)
                results = page.evaluate("axe.run(document, {runOnly: ['color-contrast'], resultTypes: ['violations']})")
                failures += sum(len(v["nodes"]) for v in results["violations"])
                details[primary] = details.get(primary, []) + [(scheme, n["target"], n["any"][0]["message"]) for v in results["violations"] for n in v["nodes"]]
                context.close()
        verdicts[primary] = (brand.check_colors({"primary": primary, "accent": ACCENT}) == [], failures)
    for primary, (accepted, failures) in verdicts.items():
        assert not (accepted and failures), f"{primary} : accepté par la vérification, mais axe trouve {failures} défaut(s) : {details[primary]}"
    assert verdicts[refused] == (False, verdicts[refused][1]) and verdicts[refused][1] > 0, verdicts
