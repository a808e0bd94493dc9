"""Exercise 2 in a spreadsheet: RFM groups of the donors, and who stopped giving."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from pathlib import Path

from academy.workbooks.formulas import Formula, cell, column
from academy.workbooks.sheets import (
    REFERENCE_DATE,
    Book,
    Column,
    Figure,
    boolean,
    data_sheet,
    day,
    read_csv,
    write_formula,
)
from academy.workbooks.steps import Step, Table, instructions, write_table

EXERCISE = "02-segmentation-donateurs"
NAME = "segmentation-donateurs.xlsx"
TITLE = "Segmenter ses donateurs avec la méthode RFM"
DATA = ("dons.csv", "donateurs.csv")
YEARS = (2021, 2022, 2023, 2024)
GROUPS = ("Fidèles", "Nouveaux", "À risque", "Perdus")

# The donor table of the working sheets: header, format, width, formula for row r (1-based Excel row).
DONOR_COLUMNS = [
    ("id_donateur", "text", 12, None),
    ("Canal d'acquisition", "text", 17, "=VLOOKUP($A{r},donateurs,3,FALSE)"),
    ("Accepte les e-mails", "bool", 11, "=VLOOKUP($A{r},donateurs,5,FALSE)"),
    *[(year, "int", 13, "=COUNTIFS(dons_donateur,$A{r},dons_annee,{c}$1)") for year in YEARS],
    ("Dernier don 2023-2024", "date", 12, '=_xlfn.MAXIFS(dons_date,dons_donateur,$A{r},dons_annee,">=2023")'),
    ("Fréquence (dons 2023-2024)", "int", 12, "=F{r}+G{r}"),
    ("Montant 2023-2024", "euro", 13, '=SUMIFS(dons_montant,dons_donateur,$A{r},dons_annee,">=2023")'),
    ("Récence (jours)", "int", 10, '=IF(I{r}=0,"",DATE(2024,12,31)-H{r})'),
    ("Note R", "int", 7, '=IF(I{r}=0,"",IF(K{r}<=182,3,IF(K{r}<=365,2,1)))'),
    ("Note F", "int", 7, '=IF(I{r}=0,"",IF(I{r}>=4,3,IF(I{r}>=2,2,1)))'),
    ("Note M", "int", 7, '=IF(I{r}=0,"",IF(J{r}>200,3,IF(J{r}>=50,2,1)))'),
    ("Groupe", "text", 10, '=IF(I{r}=0,"",IF(L{r}>=2,IF(M{r}>=2,"Fidèles","Nouveaux"),IF(M{r}>=2,"À risque","Perdus")))'),
    ("Arrêté en 2024", "bool", 10, "=AND(F{r}>0,G{r}=0)"),
]
SUMMARY = len(DONOR_COLUMNS) + 1  # the summaries start two columns right of the donor table


def donors(data: Path) -> list[dict]:
    """One dict per donor with every value of the donor table, computed the notebook's way."""
    gifts = defaultdict(list)
    for gift in read_csv(data / "dons.csv"):
        gifts[gift["id_donateur"]].append((day(gift["date_don"]), float(gift["montant"])))
    out = []
    for row in read_csv(data / "donateurs.csv"):
        mine = gifts[row["id_donateur"]]
        counts = [sum(1 for d, _ in mine if d.year == year) for year in YEARS]
        recent = [(d, a) for d, a in mine if d.year >= 2023]
        frequency = len(recent)
        last = max((d for d, _ in recent), default=None)
        amount = sum(a for _, a in recent)
        recency = (REFERENCE_DATE - last).days if last else ""
        scores = ("", "", "")
        group = ""
        if frequency:
            scores = (3 if recency <= 182 else 2 if recency <= 365 else 1,
                      3 if frequency >= 4 else 2 if frequency >= 2 else 1,
                      3 if amount > 200 else 2 if amount >= 50 else 1)
            group = ("Fidèles" if scores[1] >= 2 else "Nouveaux") if scores[0] >= 2 else ("À risque" if scores[1] >= 2 else "Perdus")
        out.append({
            "id": row["id_donateur"], "canal": row["canal_acquisition"], "emails": boolean(row["accepte_newsletter"]),
            "mensuel": boolean(row["don_mensuel"]), "premier": day(row["date_premier_don"]),
            "values": [row["canal_acquisition"], boolean(row["accepte_newsletter"]), *counts, last or 0, frequency,
                       amount, recency, *scores, group, counts[2] > 0 and counts[3] == 0],
        })
    return out


def write(book: Book, data: Path) -> None:
    people = donors(data)
    gifts = read_csv(data / "dons.csv")
    intro(book, len(gifts), len(people))
    rows = [[int(g["id_don"]), g["id_donateur"], day(g["date_don"]),
             Formula(f"=YEAR(C{i})", day(g["date_don"]).year), float(g["montant"]), g["type_don"]]
            for i, g in enumerate(gifts, 2)]
    data_sheet(book, "Dons", [
        Column("id_don", None, "int", 8), Column("id_donateur", "dons_donateur", "text", 12),
        Column("date_don", "dons_date", "date", 12), Column("annee", "dons_annee", "year", 8),
        Column("montant", "dons_montant", "euro", 11), Column("type_don", None, "text", 11),
    ], rows)
    last = data_sheet(book, "Donateurs", [
        Column("id_donateur", None, "text", 12), Column("date_premier_don", None, "date", 14),
        Column("canal_acquisition", None, "text", 18), Column("don_mensuel", None, "bool", 12),
        Column("accepte_newsletter", None, "bool", 18),
    ], [[p["id"], p["premier"], p["canal"], p["mensuel"], p["emails"]] for p in people])
    book.workbook.define_name("donateurs", f"=Donateurs!$A$2:$E${last}")
    totals = {year: sum(float(g["montant"]) for g in gifts if g["date_don"].startswith(str(year))) for year in YEARS}
    for solution in (False, True):
        working_sheet(book, people, totals, solution=solution)


def intro(book: Book, gifts: int, people: int) -> None:
    instructions(book, f"{TITLE} — dans un tableur", [
        "Les Berges de Valmaronne sont une association fictive. Les données sont synthétiques, tirées au hasard : aucune personne réelle n'y figure.",
        f"La feuille « Dons » contient {gifts} dons, de 2021 à 2024. La feuille « Donateurs » contient {people} donateurs, sans nom ni adresse e-mail : l'analyse n'en a pas besoin.",
        "Vous travaillez dans la feuille « À vous ». Les cases jaunes sont à remplir. La feuille « Solution » contient toutes les formules.",
        "Écrivez chaque formule dans la ligne 2, puis recopiez-la vers le bas : double-cliquez sur le petit carré en bas à droite de la cellule.",
        "Les noms comme dons_donateur ou dons_montant désignent une colonne de la feuille « Dons ». Le nom donateurs désigne le tableau de la feuille « Donateurs ».",
    ], [
        Step("Colonne B : retrouvez le canal par lequel chaque donateur a connu l'association.", DONOR_COLUMNS[1][3].format(r=2)),
        Step("Colonne C : retrouvez s'il accepte les e-mails (VRAI ou FAUX).", DONOR_COLUMNS[2][3].format(r=2)),
        Step("Colonnes D à G : comptez ses dons de chaque année. La formule lit l'année en haut de la colonne : recopiez-la aussi vers la droite.",
             DONOR_COLUMNS[3][3].format(r=2, c="D")),
        Step("Colonne H : la date de son dernier don en 2023 ou 2024.", DONOR_COLUMNS[7][3].format(r=2)),
        Step("Colonne I : le nombre de dons en 2023 et 2024. Additionnez les colonnes F et G.", DONOR_COLUMNS[8][3].format(r=2)),
        Step("Colonne J : le montant total donné en 2023 et 2024.", DONOR_COLUMNS[9][3].format(r=2)),
        Step("Colonne K : la récence, le nombre de jours entre le dernier don et le 31 décembre 2024.", DONOR_COLUMNS[10][3].format(r=2)),
        Step("Colonnes L, M et N : une note de 1 à 3 pour la récence, la fréquence et le montant. La note 3 est la meilleure.",
             DONOR_COLUMNS[11][3].format(r=2)),
        Step("Colonne O : le groupe. Seules les notes R et F comptent. R de 2 ou 3 : dernier don il y a moins d'un an. F de 2 ou 3 : au moins deux dons.",
             DONOR_COLUMNS[14][3].format(r=2)),
        Step("Colonne P : VRAI si la personne a donné en 2023 mais pas en 2024.", DONOR_COLUMNS[15][3].format(r=2)),
        Step("Tableau 1, à droite : comptez les donateurs de chaque année, la collecte et la part qui ne redonne pas l'année suivante.",
             '=COUNTIF(D$2:D$1401,">0")'),
        Step("Tableau 2 : comptez les donateurs et la collecte de chaque groupe.", '=SUMIF($O$2:$O$1401,"Fidèles",$J$2:$J$1401)'),
        Step("Tableau 3 : pour chaque canal, la part des donateurs de 2023 sans don en 2024.", '=COUNTIFS($B$2:$B$1401,"site web",$P$2:$P$1401,TRUE)'),
        Step("Tableau 4 : comptez les donateurs « À risque » qui acceptent les e-mails. Pour voir la liste, ajoutez un filtre : menu Données > Filtre automatique (Calc) ou Données > Filtrer (Excel).",
             '=COUNTIFS($O$2:$O$1401,"À risque",$C$2:$C$1401,TRUE)'),
    ], [
        "La colonne « Contrôle » affiche « Juste » quand vos chiffres sont ceux de la solution. Le tableau « Contrôle des colonnes » vérifie le tableau des donateurs.",
        "Avec un tableau croisé dynamique, vous pouvez aussi compter les groupes : menu Données > Table dynamique (Calc) ou Insertion > Tableau croisé dynamique (Excel). Mettez « Groupe » en lignes et « Montant 2023-2024 » en valeurs.",
    ])


def working_sheet(book: Book, people: list[dict], totals: dict[int, float], *, solution: bool) -> None:
    name = "Solution" if solution else "À vous"
    widths = [c[2] for c in DONOR_COLUMNS] + [2, 30, 17, 22, 19, 24]
    sheet = book.sheet(name, widths, freeze=(1, 1))
    f = book.formats
    last = len(people) + 1
    for col, (title, *_) in enumerate(DONOR_COLUMNS):
        if isinstance(title, int):
            sheet.write_number(0, col, title, f["year_header"])
        else:
            sheet.write_string(0, col, title, f["header"])
    sheet.set_row(0, 45)  # long headers wrap on three lines
    if not solution:  # the reader's columns: yellow down to the last donor
        for col, (_, kind, width, _) in enumerate(DONOR_COLUMNS[1:], 1):
            sheet.set_column(col, col, width, book.todo[kind])
    for index, person in enumerate(people):
        row = index + 1
        sheet.write_string(row, 0, person["id"], f["text"])
        for col, value in enumerate(person["values"], 1):
            if solution:
                _, kind, _, template = DONOR_COLUMNS[col]
                write_formula(sheet, row, col, Formula(template.format(r=row + 1, c=column(col)), value), f[kind])
    sheet.autofilter(0, 0, last - 1, len(DONOR_COLUMNS) - 1)

    def rng(col: int) -> str:
        letter = column(col)
        return f"${letter}$2:${letter}${last}"

    left = SUMMARY
    by_year = []
    for i, year in enumerate(YEARS):
        col = 3 + i
        count = sum(1 for p in people if p["values"][2 + i] > 0)
        before = sum(1 for p in people if p["values"][2 + i] > 0 and p["values"][1 + i] > 0) if i else 0
        previous = Formula(f'=COUNTIFS({rng(col)},">0",{rng(col - 1)},">0")', before) if i else 0
        if i < len(YEARS) - 1:
            lost = sum(1 for p in people if p["values"][2 + i] > 0 and p["values"][3 + i] == 0)
            attrition = Formula(f'=COUNTIFS({rng(col)},">0",{rng(col + 1)},0)/{cell(2 + i, left + 1)}', lost / count)
        else:
            attrition = ""
        by_year.append([str(year), Formula(f'=COUNTIF({rng(col)},">0")', count), previous,
                        Formula(f"=SUMIFS(dons_montant,dons_annee,{year})", totals[year]), attrition])
    write_table(book, sheet, 0, left, Table("1. Donateurs de chaque année",
                ["Année", "Donateurs", "Déjà là l'an d'avant", "Collecte", "Sans don l'an suivant"],
                ["text", "int", "int", "euro", "percent"], by_year, (0, 0, 0, 0.005)), solution=solution, header_height=None)
    for i, row in enumerate(by_year):
        keys = ("donateurs", "deja", "collecte", "attrition")
        for key, value, col in zip(keys, row[1:], range(left + 1, left + 5), strict=True):
            if solution and isinstance(value, Formula):
                book.figures.append(Figure(f"annee.{row[0]}.{key}", name, cell(2 + i, col), value.value))

    top = 8
    groups = []
    counted = sum(1 for p in people if p["values"][13])
    collected = sum(p["values"][8] for p in people)
    for i, group in enumerate(GROUPS):
        members = [p for p in people if p["values"][13] == group]
        row = top + 2 + i
        groups.append([group, Formula(f'=COUNTIF({rng(14)},"{group}")', len(members)),
                       Formula(f'=SUMIF({rng(14)},"{group}",{rng(9)})', sum(p["values"][8] for p in members)),
                       Formula(f"={cell(row, left + 1)}/SUM({cell(top + 2, left + 1, absolute=True)}:{cell(top + 5, left + 1, absolute=True)})", len(members) / counted),
                       Formula(f"={cell(row, left + 2)}/SUM({cell(top + 2, left + 2, absolute=True)}:{cell(top + 5, left + 2, absolute=True)})", sum(p["values"][8] for p in members) / collected)])
    groups.append(["Total des donateurs classés", Formula(f"=SUM({cell(top + 2, left + 1)}:{cell(top + 5, left + 1)})", counted),
                   Formula(f"=SUM({cell(top + 2, left + 2)}:{cell(top + 5, left + 2)})", collected), "", ""])
    write_table(book, sheet, top, left, Table("2. Groupes RFM au 31 décembre 2024",
                ["Groupe", "Donateurs", "Collecte 2023-2024", "Part des donateurs", "Part de la collecte"],
                ["text", "int", "euro", "percent", "percent"], groups, (0, 0, 0.005)), solution=solution, header_height=None)
    if solution:
        book.figures.append(Figure("classes", name, cell(top + 6, left + 1), counted))
        for i, row in enumerate(groups[:4]):
            for key, col in (("donateurs", 1), ("collecte", 2), ("part_donateurs", 3), ("part_collecte", 4)):
                book.figures.append(Figure(f"groupe.{row[0]}.{key}", name, cell(top + 2 + i, left + col), row[col].value))

    top = 16
    stopped = []
    channels = sorted({p["canal"] for p in people})
    rates = {}
    for channel in channels:
        given = [p for p in people if p["canal"] == channel and p["values"][4] > 0]
        rates[channel] = (len(given), sum(1 for p in given if p["values"][14]))
    channels.sort(key=lambda c: (round(100 * rates[c][1] / rates[c][0]), c))
    for i, channel in enumerate(channels):
        row = top + 2 + i
        given, lost = rates[channel]
        stopped.append([channel, Formula(f'=COUNTIFS({rng(1)},"{channel}",{rng(5)},">0")', given),
                        Formula(f'=COUNTIFS({rng(1)},"{channel}",{rng(15)},TRUE)', lost),
                        Formula(f"={cell(row, left + 2)}/{cell(row, left + 1)}", lost / given)])
    write_table(book, sheet, top, left, Table("3. Donateurs de 2023 sans don en 2024, selon le canal",
                ["Canal d'acquisition", "Donateurs 2023", "Sans don en 2024", "Part sans don 2024"],
                ["text", "int", "int", "percent"], stopped), solution=solution, header_height=None)
    if solution:
        for i, row in enumerate(stopped):
            book.figures.append(Figure(f"canal.{row[0]}.part", name, cell(top + 2 + i, left + 3), row[3].value))

    top = 25
    risky = [p for p in people if p["values"][13] == "À risque"]
    write_table(book, sheet, top, left, Table("4. Liste de relance", ["Donateurs", "Nombre"], ["text", "int"], [
        ["À risque", Formula(f'=COUNTIF({rng(14)},"À risque")', len(risky))],
        ["À risque qui acceptent les e-mails", Formula(f'=COUNTIFS({rng(14)},"À risque",{rng(2)},TRUE)', sum(1 for p in risky if p["emails"]))],
    ]), solution=solution, header_height=None)
    if solution:
        book.figures.append(Figure("relance.a_risque", name, cell(top + 2, left + 1), len(risky)))
        book.figures.append(Figure("relance.emails", name, cell(top + 3, left + 1), sum(1 for p in risky if p["emails"])))
    else:
        column_checks(book, sheet, people, rng, top=30, left=left)


def column_checks(book: Book, sheet, people: list[dict], rng, *, top: int, left: int) -> None:
    """Totals of the reader's donor columns next to the solution's, with « Juste » or « À revoir »."""
    f = book.formats
    sheet.write_string(top, left, "Contrôle des colonnes du tableau des donateurs", f["heading"])
    for col, title in enumerate(["Colonne", "Ce qui est compté", "Votre total", "Total attendu", "Contrôle"]):
        sheet.write_string(top + 1, left + col, title, f["header"])
    for col, (title, kind, _, _) in enumerate(DONOR_COLUMNS[1:], 1):
        values = [p["values"][col - 1] for p in people]
        if kind == "bool":
            what, measure, expected = "les VRAI", f"=COUNTIF({rng(col)},TRUE)", sum(1 for v in values if v is True)
        elif kind == "text":
            first = "Fidèles" if col == 14 else "site web"
            what, measure, expected = f"les « {first} »", f'=COUNTIF({rng(col)},"{first}")', sum(1 for v in values if v == first)
        elif kind == "date":
            what, measure, expected = "somme des dates", f"=SUM({rng(col)})", sum((v - dt.date(1899, 12, 30)).days for v in values if v)
        else:
            what, measure, expected = "somme", f"=SUM({rng(col)})", sum(v for v in values if v != "")
        row = top + 1 + col
        sheet.write_string(row, left, f"{column(col)} : Dons en {title}" if isinstance(title, int) else f"{column(col)} : {title}", f["text"])
        sheet.write_string(row, left + 1, what, f["text"])
        write_formula(sheet, row, left + 2, Formula(measure, 0), f["int"])
        sheet.write_number(row, left + 3, expected, f["int"])
        mine, theirs = cell(row, left + 2), cell(row, left + 3)
        sheet.write_formula(row, left + 4, f'=IF({mine}=0,"",IF(ABS({mine}-{theirs})<0.005,"Juste","À revoir"))', f["check"], "")
