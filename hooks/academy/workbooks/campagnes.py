"""Exercise 4 in a spreadsheet: cost per gift and return of each campaign, and the Ad Grants click rate."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from academy.workbooks.formulas import Formula, cell, ratio
from academy.workbooks.sheets import Book, Column, Figure, data_sheet, read_csv
from academy.workbooks.steps import Step, Table, instructions, write_table

EXERCISE = "04-performance-campagnes"
NAME = "performance-campagnes.xlsx"
TITLE = "Mesurer la performance de ses campagnes"
DATA = ("campagnes.csv",)
GRANTS = "Google Ad Grants"
MEASURES = ("impressions", "clics", "cout", "dons", "montant_dons")
SUMMER = (dt.date(2024, 6, 1), dt.date(2024, 8, 1))


def load(data: Path) -> list[dict]:
    rows = []
    for row in read_csv(data / "campagnes.csv"):
        year, month = (int(x) for x in row["mois"].split("-"))
        rows.append({"mois": dt.date(year, month, 1), "annee": year, "canal": row["canal"], "campagne": row["campagne"],
                     "groupe": row["groupe_annonces"], **{m: float(row[m]) for m in MEASURES}})
    return rows


def total(rows: list[dict], measure: str, **where) -> float:
    return sum(r[measure] for r in rows if all(r[k] == v for k, v in where.items()))


def write(book: Book, data: Path) -> None:
    rows = load(data)
    instructions(book, f"{TITLE} — dans un tableur", [
        "Les Berges de Valmaronne sont une association fictive. Les données sont synthétiques, tirées au hasard.",
        f"La feuille « Campagnes » contient {len(rows)} lignes : les résultats de chaque groupe d'annonces, mois par mois, en 2023 et 2024.",
        "Vous travaillez dans la feuille « À vous ». Les cases jaunes sont à remplir. La feuille « Solution » contient toutes les formules.",
        "Les noms comme camp_clics ou camp_campagne désignent une colonne de la feuille « Campagnes ».",
    ], [
        Step("Tableau 1 : additionnez les impressions de 2024 de chaque campagne. Faites de même pour les clics, le coût, les dons et le montant : camp_clics, camp_cout, camp_dons, camp_montant.",
             '=SUMIFS(camp_impressions,camp_campagne,$B4,camp_annee,2024)'),
        Step("Taux de clic : les clics divisés par les impressions.", "=E4/D4"),
        Step("Taux de conversion : les dons divisés par les clics.", "=G4/E4"),
        Step("Coût par don : le coût divisé par les dons. Sans aucun don, laissez la case vide.", '=IF(G4=0,"",F4/G4)'),
        Step("Don moyen : le montant des dons divisé par le nombre de dons.", '=IF(G4=0,"",H4/G4)'),
        Step("Retour sur investissement : le montant des dons moins le coût, divisé par le coût.", "=(H4-F4)/F4"),
        Step("Classez les campagnes : sélectionnez le tableau, puis menu Données > Trier.", ""),
        Step("Tableau 2 : le taux de clic du compte Google Ad Grants, mois par mois. Passe-t-il sous 5 % ?",
             '=SUMIFS(camp_clics,camp_canal,"Google Ad Grants",camp_mois,B15)'),
        Step("Tableau 3 : les mois de juin à août 2024, campagne par campagne. Quelle campagne fait baisser le taux ?",
             '=SUMIFS(camp_impressions,camp_campagne,B42,camp_mois,">="&DATE(2024,6,1),camp_mois,"<="&DATE(2024,8,1))'),
    ], [
        "La colonne « Contrôle » affiche « Juste » quand tous les chiffres de la ligne sont ceux de la solution.",
        "Un tableau croisé dynamique fait aussi le tableau 1 : menu Données > Table dynamique (Calc) ou Insertion > Tableau croisé dynamique (Excel). "
        "Mettez « campagne » en lignes, « annee » en filtre, et la somme des impressions, des clics, du coût et des dons en valeurs.",
    ])
    data_sheet(book, "Campagnes", [
        Column("mois", "camp_mois", "month", 9), Column("annee", "camp_annee", "year", 7), Column("canal", "camp_canal", "text", 26),
        Column("campagne", "camp_campagne", "text", 20), Column("groupe_annonces", None, "text", 24),
        Column("impressions", "camp_impressions", "int", 12), Column("clics", "camp_clics", "int", 8),
        Column("cout", "camp_cout", "euro", 11), Column("dons", "camp_dons", "int", 7), Column("montant_dons", "camp_montant", "euro", 13),
    ], [[r["mois"], r["annee"], r["canal"], r["campagne"], r["groupe"], *[r[m] for m in MEASURES]] for r in rows])
    for solution in (False, True):
        working_sheet(book, rows, solution=solution)


def working_sheet(book: Book, rows: list[dict], *, solution: bool) -> None:
    name = "Solution" if solution else "À vous"
    sheet = book.sheet(name, [2, 22, 24, 12, 9, 11, 7, 12, 11, 12, 11, 11, 12, 11], freeze=None)
    left = 1
    year = [r for r in rows if r["annee"] == 2024]
    campaigns = {(r["canal"], r["campagne"]) for r in year}

    def roi(key):
        cost = total(year, "cout", campagne=key[1])
        return (total(year, "montant_dons", campagne=key[1]) - cost) / cost

    table = []
    for i, (channel, campaign) in enumerate(sorted(campaigns, key=roi, reverse=True)):
        row = 3 + i
        sums = [total(year, m, campagne=campaign) for m in MEASURES]
        impressions, clicks, cost, gifts, amount = sums
        table.append([campaign, channel,
                      *[Formula(f"=SUMIFS(camp_{m.replace('montant_dons', 'montant')},camp_campagne,$B{row + 1},camp_annee,2024)", v)
                        for m, v in zip(MEASURES, sums, strict=True)],
                      Formula(f"={cell(row, 4)}/{cell(row, 3)}", clicks / impressions), Formula(f"={cell(row, 6)}/{cell(row, 4)}", gifts / clicks),
                      Formula(f'=IF({cell(row, 6)}=0,"",{cell(row, 5)}/{cell(row, 6)})', ratio(cost, gifts)),
                      Formula(f'=IF({cell(row, 6)}=0,"",{cell(row, 7)}/{cell(row, 6)})', ratio(amount, gifts)),
                      Formula(f"=({cell(row, 7)}-{cell(row, 5)})/{cell(row, 5)}", (amount - cost) / cost)])
    headers = ["Campagne", "Canal", "Impressions", "Clics", "Coût", "Dons", "Montant des dons", "Taux de clic", "Taux de conversion",
               "Coût par don", "Don moyen", "Retour sur investissement"]
    kinds = ["text", "text", "int", "int", "euro", "int", "euro", "percent", "percent", "euro", "euro", "ratio"]
    write_table(book, sheet, 1, left, Table("1. Les campagnes en 2024", headers, kinds, table, (0, 0, 0, 0, 0.005, 0, 0.005, 0, 0, 0.005, 0.005, 0.005)),
                solution=solution)

    top = 12
    grants = [r for r in rows if r["canal"] == GRANTS]
    months = sorted({r["mois"] for r in grants})
    monthly = []
    for i, month in enumerate(months):
        row = top + 2 + i
        impressions, clicks = total(grants, "impressions", mois=month), total(grants, "clics", mois=month)
        where = f'camp_canal,"{GRANTS}",camp_mois,{cell(row, 1)}'
        monthly.append([month, Formula(f"=SUMIFS(camp_impressions,{where})", impressions), Formula(f"=SUMIFS(camp_clics,{where})", clicks),
                        Formula(f"={cell(row, 3)}/{cell(row, 2)}", clicks / impressions),
                        Formula(f'=IF({cell(row, 4)}<0.05,"oui","non")', "oui" if clicks / impressions < 0.05 else "non")])
    write_table(book, sheet, top, left, Table("2. Le taux de clic du compte Google Ad Grants", ["Mois", "Impressions", "Clics", "Taux de clic",
                "Sous 5 % ?"], ["month", "int", "int", "percent", "center"], monthly), solution=solution)

    top = 39
    summer = [r for r in grants if SUMMER[0] <= r["mois"] <= SUMMER[1]]
    names = sorted({r["campagne"] for r in summer}, key=lambda c: total(summer, "clics", campagne=c) / total(summer, "impressions", campagne=c))
    all_impressions = total(summer, "impressions")
    season = []
    for i, campaign in enumerate(names):
        row = top + 2 + i
        where = f'camp_campagne,{cell(row, 1)},camp_mois,">="&DATE(2024,6,1),camp_mois,"<="&DATE(2024,8,1)'
        impressions, clicks = total(summer, "impressions", campagne=campaign), total(summer, "clics", campagne=campaign)
        first, last = cell(top + 2, 2, absolute=True), cell(top + 1 + len(names), 2, absolute=True)
        season.append([campaign, Formula(f"=SUMIFS(camp_impressions,{where})", impressions), Formula(f"=SUMIFS(camp_clics,{where})", clicks),
                       Formula(f"={cell(row, 3)}/{cell(row, 2)}", clicks / impressions),
                       Formula(f"={cell(row, 2)}/SUM({first}:{last})", impressions / all_impressions)])
    write_table(book, sheet, top, left, Table("3. Google Ad Grants de juin à août 2024", ["Campagne", "Impressions", "Clics", "Taux de clic",
                "Part des impressions"], ["text", "int", "int", "percent", "percent"], season), solution=solution)
    if solution:
        for i, values in enumerate(table):
            for key, col in (("cout_par_don", 9), ("retour", 11), ("taux_clic", 7), ("dons", 5)):
                book.figures.append(Figure(f"campagne.{values[0]}.{key}", name, cell(3 + i, left + col), values[col].value))
        for i, values in enumerate(monthly):
            book.figures.append(Figure(f"mois.{values[0]:%Y-%m}.taux_clic", name, cell(top_month(i), 4), values[3].value))
        for i, values in enumerate(season):
            book.figures.append(Figure(f"ete.{values[0]}.taux_clic", name, cell(top + 2 + i, 4), values[3].value))
            book.figures.append(Figure(f"ete.{values[0]}.part", name, cell(top + 2 + i, 5), values[4].value))


def top_month(index: int) -> int:
    return 14 + index
