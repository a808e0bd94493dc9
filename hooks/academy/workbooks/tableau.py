"""Exercise 6 in a spreadsheet: seven indicators for 2023 and 2024, compared with their targets."""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

from academy.workbooks.formulas import Formula
from academy.workbooks.sheets import Book, Column, Figure, data_sheet, day, read_csv
from academy.workbooks.steps import Step, Table, instructions, write_table

EXERCISE = "06-tableau-de-bord"
NAME = "tableau-de-bord.xlsx"
TITLE = "Construire votre tableau de bord"
DATA = ("dons.csv", "sessions_site.csv", "campagnes.csv", "publications.csv", "benevoles.csv")
YEARS = (2023, 2024)
INTERACTIONS = ("reactions", "commentaires", "partages")


def write(book: Book, data: Path) -> None:
    gifts = read_csv(data / "dons.csv")
    sessions = read_csv(data / "sessions_site.csv")
    campaigns = read_csv(data / "campagnes.csv")
    posts = read_csv(data / "publications.csv")
    volunteers = read_csv(data / "benevoles.csv")
    days: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for visit in sessions:
        days[visit["date"]][0] += 1
        days[visit["date"]][1] += visit["don_confirme"] == "True"
    instructions(book, f"{TITLE} — dans un tableur", [
        "Les Berges de Valmaronne sont une association fictive. Les données sont synthétiques, tirées au hasard.",
        "Ce classeur rassemble cinq fichiers, une feuille par fichier. Pour rester léger, les 24 000 visites du site sont "
        f"résumées jour par jour : la feuille « Visites par jour » compte {len(days)} lignes, avec les mêmes totaux.",
        "La feuille « Donateurs » compte les dons de chaque donateur par année : ses formules sont déjà écrites.",
        "Vous travaillez dans la feuille « À vous ». Les cases jaunes sont à remplir. La feuille « Solution » contient toutes les formules.",
    ], [
        Step("Collecte des dons : additionnez les montants de l'année.", "=SUMIFS(dons_montant,dons_annee,2024)"),
        Step("Donateurs actifs : comptez les donateurs qui ont fait au moins un don dans l'année.", '=COUNTIF(donateurs_2024,">0")'),
        Step("Taux d'attrition : la part des donateurs de l'année d'avant qui ne donnent pas cette année.",
             '=COUNTIFS(donateurs_2023,">0",donateurs_2024,0)/COUNTIF(donateurs_2023,">0")'),
        Step("Taux de conversion du site : les dons confirmés divisés par les visites. Le site n'était pas mesuré en 2023.",
             "=SUM(visites_dons)/SUM(visites_nombre)"),
        Step("Coût par don des campagnes : le coût divisé par le nombre de dons.", "=SUMIFS(camp_cout,camp_annee,2024)/SUMIFS(camp_dons,camp_annee,2024)"),
        Step("Taux d'engagement : réactions, commentaires et partages, divisés par la portée.",
             "=(SUMIFS(pub_reactions,pub_annee,2024)+SUMIFS(pub_commentaires,pub_annee,2024)+SUMIFS(pub_partages,pub_annee,2024))/SUMIFS(pub_portee,pub_annee,2024)"),
        Step("Bénévoles en première mission : comptez les premières missions de l'année.", "=COUNTIF(ben_annee,2024)"),
        Step("État : comparez la valeur de 2024 à la cible. Pour l'attrition et le coût par don, plus bas vaut mieux.",
             '=IF(F4="oui",IF(D4>=E4,"atteint","à surveiller"),IF(D4<=E4,"atteint","à surveiller"))'),
    ], [
        "La colonne « Contrôle » affiche « Juste » quand tous les chiffres de la ligne sont ceux de la solution.",
        "Pour dessiner un graphique, sélectionnez un tableau puis menu Insertion > Diagramme (Calc) ou Insertion > Graphique (Excel). "
        "C'est plus facile sur ordinateur.",
    ])
    data_sheet(book, "Dons", [Column("id_donateur", "dons_donateur", "text", 12), Column("date_don", None, "date", 12),
               Column("annee", "dons_annee", "year", 8), Column("montant", "dons_montant", "euro", 11)],
               [[g["id_donateur"], day(g["date_don"]), Formula(f"=YEAR(B{i})", int(g["date_don"][:4])), float(g["montant"])]
                for i, g in enumerate(gifts, 2)])
    per_year = Counter((g["id_donateur"], int(g["date_don"][:4])) for g in gifts)
    donors = sorted({g["id_donateur"] for g in gifts})
    data_sheet(book, "Donateurs", [Column("id_donateur", None, "text", 12),
               *[Column(f"dons_{year}", f"donateurs_{year}", "int", 11) for year in (2022, *YEARS)]],
               [[d, *[Formula(f'=COUNTIFS(dons_donateur,A{i},dons_annee,{year})', per_year[(d, year)]) for year in (2022, *YEARS)]]
                for i, d in enumerate(donors, 2)])
    data_sheet(book, "Visites par jour", [Column("date", None, "date", 12), Column("visites", "visites_nombre", "int", 9),
               Column("dons_confirmes", "visites_dons", "int", 15)], [[day(d), *days[d]] for d in sorted(days)])
    data_sheet(book, "Campagnes", [Column("mois", None, "text", 9), Column("annee", "camp_annee", "year", 8), Column("canal", None, "text", 26),
               Column("cout", "camp_cout", "euro", 11), Column("dons", "camp_dons", "int", 7)],
               [[c["mois"], int(c["mois"][:4]), c["canal"], float(c["cout"]), int(c["dons"])] for c in campaigns])
    data_sheet(book, "Publications", [Column("date", None, "date", 12), Column("annee", "pub_annee", "year", 8), Column("reseau", None, "text", 11),
               Column("portee", "pub_portee", "int", 9), *[Column(n, f"pub_{n}", "int", 13) for n in INTERACTIONS]],
               [[day(p["date"]), int(p["date"][:4]), p["reseau"], int(p["portee"]), *[int(p[n]) for n in INTERACTIONS]] for p in posts])
    data_sheet(book, "Bénévoles", [Column("id_benevole", None, "text", 12), Column("date_premiere_mission", None, "date", 22),
               Column("annee_premiere_mission", "ben_annee", "year", 22)],
               [[v["id_benevole"], day(v["date_premiere_mission"]),
                 Formula(f'=IF(B{i}="","",YEAR(B{i}))', int(v["date_premiere_mission"][:4]) if v["date_premiere_mission"] else "")]
                for i, v in enumerate(volunteers, 2)])
    values = indicators(gifts, per_year, donors, sessions, campaigns, posts, volunteers)
    for solution in (False, True):
        working_sheet(book, values, solution=solution)


def indicators(gifts, per_year, donors, sessions, campaigns, posts, volunteers) -> dict[str, dict]:
    """Each indicator's value for 2023 and 2024, computed as the notebook does."""
    def active(year):
        return {d for d in donors if per_year[(d, year)]}

    def by_year(rows, year, key):
        return sum(float(r[key]) for r in rows if r["mois" if "mois" in r else "date"][:4] == str(year))

    out = {}
    for year in YEARS:
        out.setdefault("collecte", {})[year] = sum(float(g["montant"]) for g in gifts if g["date_don"][:4] == str(year))
        out.setdefault("donateurs", {})[year] = len(active(year))
        out.setdefault("attrition", {})[year] = len(active(year - 1) - active(year)) / len(active(year - 1))
        visits = [s for s in sessions if s["date"][:4] == str(year)]
        out.setdefault("conversion", {})[year] = sum(s["don_confirme"] == "True" for s in visits) / len(visits) if visits else None
        out.setdefault("cout_par_don", {})[year] = by_year(campaigns, year, "cout") / by_year(campaigns, year, "dons")
        out.setdefault("engagement", {})[year] = sum(by_year(posts, year, n) for n in INTERACTIONS) / by_year(posts, year, "portee")
        out.setdefault("missions", {})[year] = sum(1 for v in volunteers if v["date_premiere_mission"][:4] == str(year))
    return out


# key, label, format, formula for a year, target, higher is better
ROWS = [
    ("collecte", "Collecte des dons", "euro", "=SUMIFS(dons_montant,dons_annee,{y})", 85000, True),
    ("donateurs", "Donateurs actifs", "int", '=COUNTIF(donateurs_{y},">0")', 750, True),
    ("attrition", "Taux d'attrition des donateurs", "percent", '=COUNTIFS(donateurs_{p},">0",donateurs_{y},0)/COUNTIF(donateurs_{p},">0")', 0.45, False),
    ("conversion", "Taux de conversion du site", "percent", "=SUM(visites_dons)/SUM(visites_nombre)", 0.03, True),
    ("cout_par_don", "Coût par don des campagnes", "euro", "=SUMIFS(camp_cout,camp_annee,{y})/SUMIFS(camp_dons,camp_annee,{y})", 25, False),
    ("engagement", "Taux d'engagement des publications", "percent",
     "=(SUMIFS(pub_reactions,pub_annee,{y})+SUMIFS(pub_commentaires,pub_annee,{y})+SUMIFS(pub_partages,pub_annee,{y}))/SUMIFS(pub_portee,pub_annee,{y})", 0.06, True),
    ("missions", "Bénévoles en première mission", "int", "=COUNTIF(ben_annee,{y})", 60, True),
]


def working_sheet(book: Book, values: dict[str, dict], *, solution: bool) -> None:
    name = "Solution" if solution else "À vous"
    sheet = book.sheet(name, [2, 36, 14, 14, 12, 16, 14, 11], freeze=None)
    rows = []
    for i, (key, label, _, template, target, higher) in enumerate(ROWS):
        row = 4 + i  # Excel row
        cells = []
        for year in YEARS:
            value = values[key][year]
            cells.append("pas mesuré" if value is None else Formula(template.format(y=year, p=year - 1), value))
        reached = values[key][2024] >= target if higher else values[key][2024] <= target
        state = Formula(f'=IF(F{row}="oui",IF(D{row}>=E{row},"atteint","à surveiller"),IF(D{row}<=E{row},"atteint","à surveiller"))',
                        "atteint" if reached else "à surveiller")
        rows.append([label, *cells, target, "oui" if higher else "non", state])
    kinds = [r[2] for r in ROWS]
    table = Table("Tableau de bord des Berges de Valmaronne (association fictive) : bilan 2024",
                  ["Indicateur", "2023", "2024", "Cible 2024", "Plus haut vaut mieux ?", "État"], ["text", "row", "row", "row", "center", "text"],
                  rows, (0, 0.005, 0.005), row_kinds=kinds)
    write_table(book, sheet, 1, 1, table, solution=solution)
    if solution:
        for i, (key, *_rest) in enumerate(ROWS):
            for col, year in ((2, 2023), (3, 2024)):
                if values[key][year] is not None:
                    book.figures.append(Figure(f"{key}.{year}", name, f"{'CD'[col - 2]}{4 + i}", values[key][year]))
            book.figures.append(Figure(f"{key}.etat", name, f"G{4 + i}", rows[i][5].value))
