"""The « Contact » page: a plain path for readers who do not use GitHub (academy.contact)."""

from __future__ import annotations

from pathlib import Path

import pytest
from academy import contact, extra_academy, identity

ROOT = Path(__file__).resolve().parent.parent


def test_email_and_form_are_offered_without_an_account() -> None:
    block = contact.render({"contact_email": "equipe@exemple.org", "contact_url": "https://exemple.org/contact"})
    assert "[equipe@exemple.org](mailto:equipe@exemple.org)" in block
    assert "[écrivez-nous depuis notre page de contact](https://exemple.org/contact)" in block
    assert "GitHub" not in block


def test_a_github_contact_says_it_needs_an_account() -> None:
    block = contact.render({"contact_url": "https://github.com/exemple/academy/issues"})
    assert "Sur GitHub**, si vous avez un compte" in block


@pytest.mark.parametrize(("block", "message"), [
    ("contact_email: pas une adresse", "mkdocs.yml:4:5: extra.academy.contact_email: « pas une adresse » n'est pas une adresse"
     " e-mail — écrivez une adresse comme contact@exemple.org (brand)"),
    ("contact_url: javascript:alert(1)", "mkdocs.yml:4:5: extra.academy.contact_url: adresse « javascript: » refusée"
     " — écrivez une adresse web qui commence par https:// (brand)"),
])
def test_bad_values_are_reported_by_the_brand_rule_and_left_out(block: str, message: str, tmp_path: Path) -> None:
    text = f"site_name: Test\nextra:\n  academy:\n    {block}\n    colors: {{primary: '#1f5f5b', accent: '#8a4b00'}}\n"
    usable, problems = extra_academy.check(text, tmp_path)
    assert [str(p) for p in problems] == [message]
    assert contact.render(usable) == contact._NO_CONTACT


def test_only_the_marker_line_is_replaced() -> None:
    text = f"Avant\n{contact.MARKER}\nAprès"
    assert contact.decorate(text, {"contact_email": "a@b.org"}) == "Avant\n- **Par courriel**, sans compte à créer\u00a0: écrivez à [a@b.org](mailto:a@b.org).\nAprès"
    assert contact.decorate("Sans marqueur", {}) is None


def test_the_contact_page_is_in_the_nav_and_the_pencil_is_gone() -> None:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "  - Contact: contact.md\n" in config
    assert "- content.action.edit" not in config
    assert contact.MARKER in (ROOT / "docs" / contact.PAGE).read_text(encoding="utf-8")


@pytest.mark.slow
def test_built_contact_page_links_the_configured_contact(site: Path) -> None:
    page = (site / "contact/index.html").read_text(encoding="utf-8")
    assert f'href="{identity.read(ROOT).contact_url}"' in page
    assert "academy:contact" not in page
    assert "md-content__button" not in (site / "guides/mentorat/index.html").read_text(encoding="utf-8")


def test_without_an_email_the_page_promises_none() -> None:
    block = contact.render({"contact_url": "https://github.com/exemple/academy/issues"})
    assert "courriel pour le créer" in block and "pas nécessaire pour nous écrire par courriel" not in block
    both = contact.render({"contact_email": "a@b.org", "contact_url": "https://github.com/exemple/academy/issues"})
    assert "pas nécessaire pour nous écrire par courriel" in both
