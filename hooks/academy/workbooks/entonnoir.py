"""Exercise 3 in a spreadsheet: the donation funnel of the website, by device and by source."""

from __future__ import annotations

from pathlib import Path

from academy.workbooks.formulas import Formula, cell
from academy.workbooks.sheets import Book, Column, Figure, boolean, data_sheet, read_csv
from academy.workbooks.steps import Step, Table, instructions, write_table

EXERCISE = "03-entonnoir-de-don"
NAME = "entonnoir-de-don.xlsx"
TITLE = "Construire l'entonnoir de don d'une association"
DATA = ("sessions_site.csv",)
STEPS = [  # (name in the sheet, CSV column, defined name)
    ("Arrivée sur le site", None, None),
    ("Page de don", "page_don", "visites_page_don"),
    ("Formulaire commencé", "formulaire_commence", "visites_formulaire"),
    ("Paiement", "paiement_commence", "visites_paiement"),
    ("Don confirmé", "don_confirme", "visites_don"),
]
DEVICES = ("mobile", "ordinateur", "tablette")
PASSAGES = ["Arrivée → page de don", "Page de don → formulaire", "Formulaire → paiement", "Paiement → confirmation"]


def reached(visits: list[dict], step: int) -> int:
    return len(visits) if step == 0 else sum(1 for v in visits if v[STEPS[step][1]])


def count_formula(step: int, *conditions: str) -> str:
    """Visits that reached ``step``, with extra COUNTIFS conditions such as ``visites_appareil,"mobile"``."""
    if step == 0:
        return f"=COUNTIFS({','.join(conditions)})" if conditions else "=COUNTA(visites_appareil)"
    return f"=COUNTIFS({','.join([*conditions, f'{STEPS[step][2]},TRUE'])})"


def write(book: Book, data: Path) -> None:
    visits = []
    for row in read_csv(data / "sessions_site.csv"):
        visit = {"source": row["source"], "appareil": row["appareil"], "montant": float(row["montant_don"]) if row["montant_don"] else None}
        visit.update({column: boolean(row[column]) for _, column, _ in STEPS[1:]})
        visits.append(visit)
    instructions(book, f"{TITLE} — dans un tableur", [
        "Les Berges de Valmaronne sont une association fictive. Les données sont synthétiques, tirées au hasard.",
        f"La feuille « Visites » contient les {len(visits)} visites du site en 2024 : une ligne par visite. "
        "Les colonnes page_don à don_confirme valent VRAI si la visite a atteint l'étape, FAUX sinon.",
        "Vous travaillez dans la feuille « À vous ». Les cases jaunes sont à remplir. La feuille « Solution » contient toutes les formules.",
        "Les noms comme visites_appareil ou visites_page_don désignent une colonne de la feuille « Visites ».",
    ], [
        Step("Tableau 1 : comptez toutes les visites.", count_formula(0)),
        Step("Comptez ensuite les visites qui atteignent chaque étape.", count_formula(1)),
        Step("Taux de passage : divisez les visites d'une étape par celles de l'étape d'avant (C3 divisé par C2).", "=C4/C3"),
        Step("Part des arrivées : divisez les visites de l'étape par toutes les visites.", "=C4/$C$3"),
        Step("Tableau 2 : refaites le compte pour chaque appareil. Ajoutez une condition sur l'appareil.",
             count_formula(2, 'visites_appareil,"mobile"')),
        Step("Calculez les taux de passage de chaque appareil. Quelle étape pose problème sur mobile ?", "=D12/C12"),
        Step("Tableau 3 : pour chaque source, comptez les visites, les dons confirmés et le montant collecté.",
             '=SUMIFS(visites_montant,visites_source,"e-mail")'),
        Step("Taux de conversion : les dons divisés par les visites.", "=D19/C19"),
        Step("Tableau 4 : estimez les dons gagnés si le formulaire marchait aussi bien sur mobile que sur ordinateur. "
             "La moyenne ignore les cases vides des visites sans don.", "=AVERAGE(visites_montant)"),
    ], [
        "La colonne « Contrôle » affiche « Juste » quand tous les chiffres de la ligne sont ceux de la solution.",
        "Pour le tableau 2, un tableau croisé dynamique fait le même compte : menu Données > Table dynamique (Calc) ou "
        "Insertion > Tableau croisé dynamique (Excel). Mettez « appareil » en lignes, et la somme de chaque étape en valeurs.",
        "Ce classeur compte 24 000 lignes : il s'ouvre sur un téléphone, mais les formules s'écrivent plus facilement sur ordinateur.",
    ])
    columns = [Column("source", "visites_source", "text", 20), Column("appareil", "visites_appareil", "text", 12),
               *[Column(csv_name, name, "bool", 13) for _, csv_name, name in STEPS[1:]],
               Column("montant_don", "visites_montant", "euro", 13)]
    data_sheet(book, "Visites", columns, [[v["source"], v["appareil"], *[v[c] for _, c, _ in STEPS[1:]], v["montant"]] for v in visits])
    for solution in (False, True):
        working_sheet(book, visits, solution=solution)


def working_sheet(book: Book, visits: list[dict], *, solution: bool) -> None:
    name = "Solution" if solution else "À vous"
    sheet = book.sheet(name, [2, 42, 13, 13, 13, 13, 13, 13, 13, 13, 13, 11], freeze=None)
    sheet.set_column(0, 0, 2)
    left = 1
    funnel = []
    for step, (label, _, _) in enumerate(STEPS):
        count = reached(visits, step)
        row = 2 + step
        passage = Formula(f"={cell(row, 2)}/{cell(row - 1, 2)}", count / reached(visits, step - 1)) if step else ""
        funnel.append([label, Formula(count_formula(step), count), passage,
                       Formula(f"={cell(row, 2)}/{cell(2, 2, absolute=True)}", count / len(visits))])
    write_table(book, sheet, 0, left, Table("1. L'entonnoir de don en 2024",
                ["Étape", "Visites", "Taux de passage", "Part des arrivées"], ["text", "int", "percent", "percent"], funnel), solution=solution)

    top = 9
    devices = []
    rates = {}
    for i, device in enumerate(DEVICES):
        mine = [v for v in visits if v["appareil"] == device]
        counts = [reached(mine, step) for step in range(len(STEPS))]
        rates[device] = [counts[s] / counts[s - 1] for s in range(1, len(STEPS))]
        row = top + 2 + i
        condition = f'visites_appareil,"{device}"'
        devices.append([device, *[Formula(count_formula(s, condition), counts[s]) for s in range(len(STEPS))],
                        *[Formula(f"={cell(row, left + s + 1)}/{cell(row, left + s)}", rates[device][s - 1]) for s in range(1, len(STEPS))]])
    write_table(book, sheet, top, left, Table("2. L'entonnoir selon l'appareil",
                ["Appareil", *[label for label, _, _ in STEPS], *PASSAGES], ["text", *["int"] * 5, *["percent"] * 4], devices),
                solution=solution)

    top = 16
    sources = []
    for source in sorted({v["source"] for v in visits}, key=lambda s: _conversion(visits, s)):
        mine = [v for v in visits if v["source"] == source]
        gifts = sum(1 for v in mine if v["don_confirme"])
        row = top + 2 + len(sources)
        condition = f'visites_source,"{source}"'
        sources.append([source, Formula(f"=COUNTIFS({condition})", len(mine)), Formula(f"=COUNTIFS({condition},visites_don,TRUE)", gifts),
                        Formula(f"=SUMIFS(visites_montant,{condition})", sum(v["montant"] or 0 for v in mine)),
                        Formula(f"={cell(row, left + 2)}/{cell(row, left + 1)}", gifts / len(mine))])
    write_table(book, sheet, top, left, Table("3. Les sources de visites", ["Source", "Visites", "Dons confirmés", "Montant collecté",
                "Taux de conversion"], ["text", "int", "int", "euro", "percent"], sources, (0, 0, 0, 0.005)), solution=solution)

    top = 25
    forms = sum(1 for v in visits if v["appareil"] == "mobile" and v["formulaire_commence"])
    gain = forms * (rates["ordinateur"][2] - rates["mobile"][2]) * rates["mobile"][3]
    amounts = [v["montant"] for v in visits if v["montant"] is not None]
    average = sum(amounts) / len(amounts)
    r = {device: top + 2 + i for i, device in enumerate(["forms", "desktop", "mobile", "confirm", "gain", "average", "amount"])}
    mobile_row, desktop_row = 11, 12  # rows of tableau 2 (0-based): mobile, ordinateur
    estimate = [
        ["Formulaires commencés sur mobile", Formula(f"={cell(mobile_row, left + 3)}", forms)],
        ["Passage formulaire → paiement sur ordinateur", Formula(f"={cell(desktop_row, left + 8)}", rates["ordinateur"][2])],
        ["Passage formulaire → paiement sur mobile", Formula(f"={cell(mobile_row, left + 8)}", rates["mobile"][2])],
        ["Passage paiement → confirmation sur mobile", Formula(f"={cell(mobile_row, left + 9)}", rates["mobile"][3])],
        ["Dons en plus sur l'année", Formula(f"={cell(r['forms'], left + 1)}*({cell(r['desktop'], left + 1)}-{cell(r['mobile'], left + 1)})*{cell(r['confirm'], left + 1)}", gain)],
        ["Don moyen", Formula("=AVERAGE(visites_montant)", average)],
        ["Montant en plus sur l'année", Formula(f"={cell(r['gain'], left + 1)}*{cell(r['average'], left + 1)}", gain * average)],
    ]
    kinds = ["int", "percent", "percent", "percent", "ratio", "euro", "euro"]
    table = Table("4. Si le formulaire marchait aussi bien sur mobile", ["Calcul", "Valeur"], ["text", "row"], estimate, row_kinds=kinds)
    write_table(book, sheet, top, left, table, solution=solution)
    if solution:
        for i, row in enumerate(funnel):
            book.figures.append(Figure(f"entonnoir.{row[0]}.visites", name, cell(2 + i, 2), row[1].value))
        for i, row in enumerate(devices):
            for s, title in enumerate(PASSAGES):
                book.figures.append(Figure(f"appareil.{row[0]}.{title}", name, cell(top_device(i), left + 6 + s), row[6 + s].value))
        for i, row in enumerate(sources):
            for key, col in (("visites", 1), ("dons", 2), ("montant", 3), ("conversion", 4)):
                book.figures.append(Figure(f"source.{row[0]}.{key}", name, cell(18 + i, left + col), row[col].value))
        book.figures.append(Figure("dons_en_plus", name, cell(r["gain"], left + 1), gain))
        book.figures.append(Figure("montant_en_plus", name, cell(r["amount"], left + 1), gain * average))


def top_device(index: int) -> int:
    return 11 + index


def _conversion(visits: list[dict], source: str) -> float:
    mine = [v for v in visits if v["source"] == source]
    return sum(1 for v in mine if v["don_confirme"]) / len(mine)
