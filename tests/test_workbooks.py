"""The exercise workbooks: their sheets, their formulas, and figures that agree with the notebooks.

The slow test opens each workbook in LibreOffice Calc (headless), which recalculates every
formula, and compares the results with what the generator stored and with the values the
executed notebooks compute.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import shutil
import subprocess
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import nbformat
import pytest
from academy import model, workbooks
from academy.workbooks.formulas import french
from conftest import ROOT
from nbclient import NotebookClient

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
SHEETS = {  # the sheets of each workbook, in order
    "segmentation-donateurs.xlsx": ["Consignes", "Dons", "Donateurs", "À vous", "Solution"],
    "entonnoir-de-don.xlsx": ["Consignes", "Visites", "À vous", "Solution"],
    "performance-campagnes.xlsx": ["Consignes", "Campagnes", "À vous", "Solution"],
    "tableau-de-bord.xlsx": ["Consignes", "Dons", "Donateurs", "Visites par jour", "Campagnes", "Publications", "Bénévoles",
                             "À vous", "Solution"],
}
MAX_BYTES = 600_000  # a workbook opens on a phone: the largest (24 000 visits) is about 530 kB


def ids(workbook: workbooks.Workbook) -> str:
    return workbook.exercise


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> dict[str, tuple[Path, list]]:
    folder = tmp_path_factory.mktemp("workbooks")
    return {w.name: (folder / w.name, workbooks.write(w, ROOT / workbooks.DATA_DIR, folder / w.name)) for w in workbooks.WORKBOOKS}


def read_sheets(path: Path) -> dict[str, dict[str, tuple[str | None, object]]]:
    """Sheet name -> cell reference -> (formula or None, stored value)."""
    with zipfile.ZipFile(path) as archive:
        strings = []
        if "xl/sharedStrings.xml" in archive.namelist():
            for item in ElementTree.fromstring(archive.read("xl/sharedStrings.xml")).findall("m:si", NS):
                strings.append("".join(t.text or "" for t in item.iter(f"{{{NS['m']}}}t")))
        book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
        targets = {r.get("Id"): r.get("Target") for r in rels}
        out = {}
        for sheet in book.find("m:sheets", NS):
            target = targets[sheet.get(f"{{{NS['r']}}}id")].removeprefix("/xl/").removeprefix("xl/")
            cells = {}
            for c in ElementTree.fromstring(archive.read(f"xl/{target}")).iter(f"{{{NS['m']}}}c"):
                formula, value, kind = c.find("m:f", NS), c.find("m:v", NS), c.get("t", "n")
                text = None if value is None else value.text
                if kind == "s" and text is not None:
                    stored: object = strings[int(text)]
                elif kind == "b":
                    stored = text == "1"
                elif kind in ("str", "inlineStr", "e"):
                    stored = text if kind != "e" else f"#ERROR {text}"
                else:
                    stored = float(text) if text not in (None, "") else None
                cells[c.get("r")] = (None if formula is None else formula.text, stored)
            out[sheet.get("name")] = cells
    return out


# Fast tests -------------------------------------------------------------------------------


def test_french_formula_names_and_separators() -> None:
    assert french('=COUNTIFS(dons_donateur,$A2,dons_annee,">=2023")') == '=NB.SI.ENS(dons_donateur;$A2;dons_annee;">=2023")'
    assert french('=IF(VLOOKUP(A2,donateurs,5,FALSE),"oui, VRAI","non")') == '=SI(RECHERCHEV(A2;donateurs;5;FAUX);"oui, VRAI";"non")'
    assert french("=IF(E4<0.05,1,0)") == "=SI(E4<0,05;1;0)"
    assert french("=SUMIFS(a,b,2024)/SUMIF(c,d,e)") == "=SOMME.SI.ENS(a;b;2024)/SOMME.SI(c;d;e)"


def test_every_data_exercise_has_a_workbook() -> None:
    notebooks = sorted(p.parent.name for p in (ROOT / "exercises").glob("*/*.ipynb"))
    assert sorted(w.exercise for w in workbooks.WORKBOOKS) == notebooks


@pytest.mark.parametrize("workbook", workbooks.WORKBOOKS, ids=ids)
def test_sheets_formulas_and_size(workbook, written) -> None:
    path, _ = written[workbook.name]
    sheets = read_sheets(path)
    assert list(sheets) == SHEETS[workbook.name]
    assert path.stat().st_size < MAX_BYTES, f"{workbook.name}: {path.stat().st_size} octets"
    solution = [f for f, _ in sheets["Solution"].values() if f]
    todo = [f for f, _ in sheets["À vous"].values() if f and "Juste" not in f]
    assert len(solution) >= 20, "the solution is made of formulas, not pasted values"
    # The reader's sheet holds only the « Contrôle » cells (and the column totals of exercise 2).
    assert len(todo) <= 20
    consignes = " ".join(str(v) for _, v in sheets["Consignes"].values())
    assert "fictive" in consignes and "Solution" in consignes and "À vous" in consignes


@pytest.mark.parametrize("workbook", [w if w.exercise.startswith("04") else pytest.param(w, marks=pytest.mark.slow)
                                      for w in workbooks.WORKBOOKS], ids=ids)
def test_same_bytes_at_every_build(workbook, written, tmp_path) -> None:
    path, _ = written[workbook.name]
    again = tmp_path / workbook.name
    workbooks.write(workbook, ROOT / workbooks.DATA_DIR, again)
    assert hashlib.sha256(again.read_bytes()).hexdigest() == hashlib.sha256(path.read_bytes()).hexdigest()


def test_build_caches_outside_the_tree(tmp_path) -> None:
    workbook = workbooks.WORKBOOKS[2]  # the smallest
    first = workbooks.build(workbook, ROOT, tmp_path)
    stamp = first.stat().st_mtime_ns
    assert first.is_relative_to(tmp_path) and first.name == workbook.name
    assert workbooks.build(workbook, ROOT, tmp_path) == first and first.stat().st_mtime_ns == stamp
    assert [p.name for p in first.parent.iterdir()] == [workbook.name], "no temporary file left behind"


def test_cache_key_follows_the_data(tmp_path) -> None:
    data = tmp_path / "exercises/data"
    data.mkdir(parents=True)
    workbook = workbooks.WORKBOOKS[2]
    for name in workbook.data:
        shutil.copy(ROOT / workbooks.DATA_DIR / name, data / name)
    before = workbooks.cache_key(workbook, data)
    with (data / workbook.data[0]).open("a", encoding="utf-8") as handle:
        handle.write("2024-12,Google Ad Grants,Marque,Nom de l'association,1,1,1.00,0,0.00\n")
    assert workbooks.cache_key(workbook, data) != before


@pytest.mark.parametrize("workbook", workbooks.WORKBOOKS, ids=ids)
def test_exercise_page_links_its_workbook_first(workbook) -> None:
    page = (ROOT / "exercises" / workbook.exercise / "index.md").read_text(encoding="utf-8")
    link = f"]({workbook.name}){{ .md-button .md-button--primary download }}"
    assert link in page
    assert page.index(link) < page.index("<!-- academy:notebook"), "the spreadsheet path comes before the notebook"
    assert page.index("### Dans un tableur") < page.index("### Dans le notebook")
    assert workbook.uri in model.load(ROOT).site.files, "the link checks know the generated file"


# The figures that the exercise pages quote, written as a French reader sees them.
QUOTED = {
    "02-segmentation-donateurs": {"groupe.Fidèles.donateurs": "489", "groupe.Fidèles.collecte": "109 170,00 €",
                                  "groupe.À risque.donateurs": "136", "relance.emails": "79", "classes": "1 064",
                                  "canal.événement.part": "73,3 %", "annee.2023.attrition": "51,2 %"},
    "03-entonnoir-de-don": {"entonnoir.Page de don.visites": "3 555", "entonnoir.Don confirmé.visites": "642",
                            "appareil.mobile.Formulaire → paiement": "39,3 %", "appareil.ordinateur.Formulaire → paiement": "71,6 %",
                            "source.e-mail.conversion": "10,3 %", "dons_en_plus": "199,63"},
    "04-performance-campagnes": {"campagne.Marque.cout_par_don": "11,48 €", "campagne.Fin d'année.retour": "3,14",
                                 "campagne.Découverte du canal.cout_par_don": "325,48 €", "mois.2024-07.taux_clic": "4,6 %",
                                 "ete.Découverte du canal.part": "60,6 %"},
    "06-tableau-de-bord": {"collecte.2024": "86 805,00 €", "donateurs.2024": "755", "attrition.2024": "51,2 %",
                           "conversion.2024": "2,7 %", "cout_par_don.2024": "37,43 €", "engagement.2024": "6,8 %", "missions.2024": "57"},
}


def shown(value: float, quoted: str) -> str:
    """``value`` formatted like ``quoted`` (percent, euros or plain number), French style."""
    if quoted.endswith("%"):
        text = f"{100 * value:.1f} %"
    elif quoted.endswith("€"):
        text = f"{value:,.2f} €"
    elif "," in quoted:
        text = f"{value:,.2f}"
    else:
        text = f"{value:,.0f}"
    return text.replace(",", " ").replace(".", ",")


@pytest.mark.parametrize("workbook", workbooks.WORKBOOKS, ids=ids)
def test_page_quotes_the_workbook_figures(workbook, written) -> None:
    _, figures = written[workbook.name]
    values = {f.key: f.value for f in figures}
    page = (ROOT / "exercises" / workbook.exercise / "index.md").read_text(encoding="utf-8").replace("\u202f", " ").replace("\u00a0", " ")
    for key, quoted in QUOTED[workbook.exercise].items():
        assert shown(values[key], quoted) == quoted, f"{key}: the workbook shows {shown(values[key], quoted)}"
        assert quoted in page, f"{workbook.exercise}/index.md ne cite pas « {quoted} » ({key})"


# Slow test: LibreOffice recalculates, the notebooks compute -----------------------------------

RECALC = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""

# Code appended to each notebook: it prints, as JSON, the notebook's own results under the keys of the
# workbook's figures, each as [value, scale, decimals]: the workbook's value times scale, rounded to
# decimals when the notebook rounds (None: not rounded), must equal value.
EXTRACT = {
    "02-segmentation-donateurs": """
for annee, r in bilan.iterrows():
    a = int(annee)
    out[f"annee.{a}.donateurs"] = [r["donateurs"], 1, None]
    out[f"annee.{a}.collecte"] = [r["collecte (€)"], 1, None]
    if a > 2021:
        out[f"annee.{a}.deja"] = [r["déjà donateurs l'année d'avant"], 1, None]
    if pd.notna(r["attrition (%)"]):
        out[f"annee.{a}.attrition"] = [r["attrition (%)"], 100, 0]
for g, r in groupes.iterrows():
    out[f"groupe.{g}.donateurs"] = [r["donateurs"], 1, None]
    out[f"groupe.{g}.collecte"] = [r["collecte"], 1, None]
    out[f"groupe.{g}.part_donateurs"] = [r["part des donateurs (%)"], 100, 0]
    out[f"groupe.{g}.part_collecte"] = [r["part de la collecte (%)"], 100, 0]
for canal, part in arret_par_canal.items():
    out[f"canal.{canal}.part"] = [part, 100, 0]
out["relance.a_risque"] = [len(a_risque), 1, None]
out["relance.emails"] = [len(liste), 1, None]
out["classes"] = [len(rfm), 1, None]
""",
    "03-entonnoir-de-don": """
for etape, r in entonnoir.iterrows():
    out[f"entonnoir.{etape}.visites"] = [r["visites"], 1, None]
for appareil, r in passage.iterrows():
    for colonne, taux in r.items():
        out[f"appareil.{appareil}.{colonne}"] = [taux, 100, None]
for source, r in par_source.iterrows():
    out[f"source.{source}.visites"] = [r["visites"], 1, None]
    out[f"source.{source}.dons"] = [r["dons"], 1, None]
    out[f"source.{source}.montant"] = [r["montant_collecte"], 1, None]
    out[f"source.{source}.conversion"] = [r["taux de conversion (%)"], 100, 1]
out["dons_en_plus"] = [dons_en_plus, 1, None]
out["montant_en_plus"] = [dons_en_plus * don_moyen, 1, None]
""",
    "04-performance-campagnes": """
for (canal, campagne), r in bilan.iterrows():
    out[f"campagne.{campagne}.cout_par_don"] = [r["coût par don (€)"], 1, None]
    out[f"campagne.{campagne}.retour"] = [r["retour sur investissement"], 1, None]
    out[f"campagne.{campagne}.taux_clic"] = [r["taux de clic (%)"], 100, None]
    out[f"campagne.{campagne}.dons"] = [r["dons"], 1, None]
for mois, taux in par_mois["taux de clic (%)"].items():
    out[f"mois.{mois}.taux_clic"] = [taux, 100, None]
for campagne, r in ete.iterrows():
    out[f"ete.{campagne}.taux_clic"] = [r["taux de clic (%)"], 100, 1]
    out[f"ete.{campagne}.part"] = [r["part des impressions (%)"], 100, 0]
""",
    "06-tableau-de-bord": """
cles = ["collecte", "donateurs", "attrition", "conversion", "cout_par_don", "engagement", "missions"]
for cle, (nom, _, _, _) in zip(cles, indicateurs, strict=True):
    echelle = 100 if "(%)" in nom else 1
    for annee in ("2023", "2024"):
        if pd.notna(tableau.loc[nom, annee]):
            out[f"{cle}.{annee}"] = [tableau.loc[nom, annee], echelle, None]
    out[f"{cle}.etat"] = [tableau.loc[nom, "état"], 1, None]
""",
}


def notebook_results(exercise: str) -> dict[str, list]:
    """Run the exercise's notebook with one more cell that prints its results as JSON."""
    path = next((ROOT / "exercises" / exercise).glob("*.ipynb"))
    nb = nbformat.read(path, as_version=4)
    code = "import json\nout = {}\n" + EXTRACT[exercise] + (
        "\nprint(json.dumps(out, default=lambda v: v.item() if hasattr(v, 'item') else str(v)))")
    nb.cells.append(nbformat.v4.new_code_cell(code))
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    return json.loads(nb.cells[-1].outputs[-1]["text"])


def recalculated(paths: list[Path], tmp_path: Path) -> Path:
    """Copies of ``paths`` opened, recalculated and saved by LibreOffice Calc, in a new folder."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        pytest.fail("LibreOffice Calc est introuvable : lancez « make test » (il l'installe) ou « apt-get install libreoffice-calc-nogui »")
    profile = tmp_path / "profile"
    (profile / "user").mkdir(parents=True)
    (profile / "user/registrymodifications.xcu").write_text(RECALC, encoding="utf-8")  # recalculate every formula on load
    out = tmp_path / "recalculated"
    subprocess.run([soffice, "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}",
                    "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out), *map(str, paths)],
                   check=True, capture_output=True, timeout=600, env={**os.environ, "HOME": str(tmp_path)})
    return out


def same(expected: object, got: object) -> bool:
    if isinstance(expected, str) or isinstance(got, str):
        return (expected or "") == (got or "")
    if isinstance(expected, bool) or isinstance(got, bool):
        return bool(expected) == bool(got)
    return math.isclose(float(expected or 0), float(got or 0), rel_tol=1e-9, abs_tol=1e-9)


@pytest.mark.slow
def test_libreoffice_and_the_notebooks_agree_with_the_workbooks(written, tmp_path) -> None:
    out = recalculated([path for path, _ in written.values()], tmp_path)
    for workbook in workbooks.WORKBOOKS:
        path, figures = written[workbook.name]
        mine, theirs = read_sheets(path), read_sheets(out / workbook.name)
        # 1. Every formula of every sheet: LibreOffice's result is the one the generator stored.
        checked = 0
        for name, cells in mine.items():
            for ref, (formula, stored) in cells.items():
                if formula is None:
                    continue
                got = theirs[name].get(ref, (None, None))[1]
                assert not (isinstance(got, str) and got.startswith("#ERROR")), f"{workbook.name}!{name}!{ref}: {formula} -> {got}"
                if name == "À vous":
                    continue  # « Contrôle » cells: empty until the reader answers
                assert same(stored, got), f"{workbook.name}!{name}!{ref}: {formula} -> {got}, stored {stored}"
                checked += 1
        assert checked >= 20
        # 2. The figures of the « Solution » sheet, as LibreOffice computes them, against the notebook's results.
        results = notebook_results(workbook.exercise)
        keys = {f.key for f in figures}
        assert set(results) <= keys | {"relance.a_risque"}, f"notebook results without a workbook figure: {set(results) - keys}"
        for figure in figures:
            got = theirs["Solution"][figure.cell][1]
            assert figure.key in results, f"{workbook.exercise}: the notebook does not compute {figure.key}"
            value, scale, decimals = results[figure.key]
            if isinstance(value, str):
                assert got == value, f"{figure.key}: workbook {got!r}, notebook {value!r}"
                continue
            computed = float(got) * scale
            if decimals is not None:
                computed = round(computed, decimals)
            assert math.isclose(computed, float(value), rel_tol=1e-9, abs_tol=1e-9), (
                f"{workbook.exercise} {figure.key}: workbook {computed}, notebook {value}")


def test_generated_files_are_not_in_the_repository() -> None:
    tracked = subprocess.run(["git", "ls-files", "*.xlsx", "*.ods"], cwd=ROOT, capture_output=True, text=True).stdout
    assert tracked == "", f"generated workbooks are built into site/, never committed: {tracked}"
