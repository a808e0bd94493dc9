"""Generate the synthetic data sets used by the exercises.

The data describe « Les Berges de Valmaronne », an invented association. Nobody in these files
exists: first names are canal words, every surname is "Exemple" and every e-mail address
ends in @example.org. The random generator uses a fixed seed, so two runs write
byte-identical files (stable row order, fixed number formats, "\\n" line endings, UTF-8).

Usage: python exercises/data/generate.py [--out DIR]   (default: this file's folder)
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
from pathlib import Path

import numpy as np

SEED = 2020
HERE = Path(__file__).resolve().parent

# Invented first names, all canal words, so no row can be mistaken for a real person.
# fmt: off
FIRST_NAMES = [
    "Berge", "Castor", "Écluse", "Gardon", "Halage", "Héron", "Jonc", "Libellule",
    "Loutre", "Clapotis", "Nénuphar", "Péniche", "Ponton", "Quai", "Roseau", "Saule",
    "Vanne", "Ablette", "Bief", "Sarcelle",
]
# fmt: on
ASCII = str.maketrans("ÉéèêÈ", "EeeeE")

DONATION_START = dt.date(2021, 1, 1)
END = dt.date(2024, 12, 31)


def day(start: dt.date, offset: float) -> dt.date:
    return start + dt.timedelta(days=int(offset))


def pick(rng: np.random.Generator, options: dict[str, float]) -> str:
    """Draw one key of ``options`` with the given (relative) weights."""
    keys = list(options)
    weights = np.array(list(options.values()), dtype=float)
    return keys[rng.choice(len(keys), p=weights / weights.sum())]


def person(rng: np.random.Generator, number: int) -> tuple[str, str, str]:
    first = FIRST_NAMES[rng.integers(len(FIRST_NAMES))]
    email = f"{first.translate(ASCII).lower()}.exemple{number:04d}@example.org"
    return first, "Exemple", email


def money(value: float) -> str:
    return f"{value:.2f}"


def iso(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def write_csv(path: Path, header: list[str], rows: list[list[object]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows([[str(cell) for cell in row] for row in rows])


# Donors and donations -------------------------------------------------------------------

ACQUISITION = {"site web": 0.30, "événement": 0.22, "courrier": 0.18, "réseaux sociaux": 0.15, "bouche-à-oreille": 0.15}
# Mean number of years a donor keeps giving: donors met at an event lapse fastest.
MEAN_LIFETIME = {"site web": 1.6, "événement": 0.6, "courrier": 2.5, "réseaux sociaux": 0.9, "bouche-à-oreille": 2.2}
ONE_OFF_AMOUNTS = {10: 0.16, 20: 0.22, 30: 0.16, 50: 0.20, 80: 0.06, 100: 0.12, 150: 0.04, 200: 0.03, 500: 0.01}


def first_gift_date(rng: np.random.Generator) -> dt.date:
    """Later years weigh more (the association grows) and December gathers more first gifts."""
    year = 2021 + rng.choice(4, p=[0.18, 0.23, 0.27, 0.32])
    if rng.random() < 0.20:
        return dt.date(year, 12, 1 + int(rng.integers(31)))
    return day(dt.date(year, 1, 1), rng.integers(365))


def payment_method(rng: np.random.Generator, channel: str, first: bool) -> str:
    if channel == "événement" and first:
        return pick(rng, {"espèces": 0.6, "carte bancaire": 0.4})
    if channel == "courrier":
        return pick(rng, {"chèque": 0.8, "carte bancaire": 0.2})
    return pick(rng, {"carte bancaire": 0.85, "chèque": 0.15})


def donors_and_gifts(rng: np.random.Generator, count: int = 1400):
    donors, gifts = [], []
    for number in range(1, count + 1):
        donor_id = f"D{number:04d}"
        first, last, email = person(rng, number)
        channel = pick(rng, ACQUISITION)
        start = min(first_gift_date(rng), END)
        monthly = rng.random() < (0.20 if channel == "site web" else 0.08)
        newsletter = bool(rng.random() < 0.55)
        lifetime = rng.exponential(MEAN_LIFETIME[channel] * (2.0 if monthly else 1.0))
        stop = min(day(start, lifetime * 365), END)
        if monthly:
            amount = float(rng.choice([10, 15, 20, 30]))
            month = dt.date(start.year, start.month, min(start.day, 28))
            while month <= stop:
                gifts.append([donor_id, month, amount, "prélèvement", "mensuel"])
                month = dt.date(month.year + month.month // 12, month.month % 12 + 1, month.day)
        else:
            base = float(rng.choice(list(ONE_OFF_AMOUNTS), p=list(ONE_OFF_AMOUNTS.values())))
            rate = rng.choice([0.5, 1.0, 1.5, 2.5])  # gifts per year while active
            when, first_gift = start, True
            while when <= stop:
                factor = rng.choice([0.5, 1.0, 1.0, 1.0, 1.5, 2.0])
                amount = max(5.0, round(base * factor / 5) * 5)
                method = payment_method(rng, channel, first_gift)
                gifts.append([donor_id, when, amount, method, "ponctuel"])
                when, first_gift = day(when, 1 + rng.exponential(365 / rate)), False
            # Year-end appeal: some active donors add a December gift (tax receipt time).
            for year in range(start.year, stop.year + 1):
                december = dt.date(year, 12, 10 + int(rng.integers(21)))
                if start < december <= stop and rng.random() < 0.25:
                    gifts.append([donor_id, december, base, "carte bancaire", "ponctuel"])
        donors.append([donor_id, first, last, email, iso(start), channel, monthly, newsletter])
    gifts.sort(key=lambda g: (g[1], g[0]))
    gift_rows = [[i, g[0], iso(g[1]), money(g[2]), g[3], g[4]] for i, g in enumerate(gifts, 1)]
    return donors, gift_rows


# Website sessions and the donation funnel -------------------------------------------------

SOURCES = {
    "moteur de recherche": 0.34,
    "Google Ad Grants": 0.20,
    "réseaux sociaux": 0.20,
    "e-mail": 0.10,
    "accès direct": 0.16,
}
DEVICES = {"mobile": 0.60, "ordinateur": 0.33, "tablette": 0.07}
# Chance of reaching the donation page, by source.
TO_DONATION_PAGE = {
    "moteur de recherche": 0.06,
    "Google Ad Grants": 0.04,
    "réseaux sociaux": 0.05,
    "e-mail": 0.30,
    "accès direct": 0.10,
}
# Chance of going from "form started" to "payment": the long form loses phone users.
TO_PAYMENT = {"mobile": 0.38, "ordinateur": 0.72, "tablette": 0.60}


def sessions(rng: np.random.Generator, count: int = 24000):
    start = dt.date(2024, 1, 1)
    weights = np.array([2.2 if day(start, i).month == 12 else 1.0 for i in range(366)])
    offsets = np.sort(rng.choice(366, size=count, p=weights / weights.sum()))
    rows = []
    for number, offset in enumerate(offsets, 1):
        source, device = pick(rng, SOURCES), pick(rng, DEVICES)
        landing = pick(
            rng,
            {"accueil": 0.46, "article": 0.38, "agenda": 0.12, "page don": 0.04}
            if source != "e-mail"
            else {"page don": 0.4, "article": 0.6},
        )
        steps = [landing == "page don" or rng.random() < TO_DONATION_PAGE[source]]
        steps.append(steps[-1] and rng.random() < (0.40 if device == "mobile" else 0.48))
        steps.append(steps[-1] and rng.random() < TO_PAYMENT[device])
        steps.append(steps[-1] and rng.random() < (0.80 if device == "mobile" else 0.88))
        amount = money(rng.choice([10, 20, 30, 50, 100], p=[0.2, 0.3, 0.2, 0.2, 0.1])) if steps[-1] else ""
        rows.append([number, iso(day(start, offset)), source, device, landing, *steps, amount])
    return rows


# Online campaigns -------------------------------------------------------------------------

# channel, campaign, ad group, months active, impressions, click rate, cost per click,
# donations per click, average gift.
GRANTS, SOCIAL = "Google Ad Grants", "Réseaux sociaux sponsorisés"
AD_GROUPS = [
    (GRANTS, "Marque", "Nom de l'association", range(1, 13), 1500, 0.14, 0.55, 0.045, 45),
    (GRANTS, "Dons en ligne", "Faire un don", range(1, 13), 5000, 0.075, 1.20, 0.030, 55),
    (GRANTS, "Dons en ligne", "Réduction d'impôt", range(1, 13), 3500, 0.065, 1.40, 0.040, 90),
    (GRANTS, "Dons en ligne", "Don mensuel", range(1, 13), 2000, 0.060, 1.10, 0.020, 15),
    (GRANTS, "Bénévolat", "Devenir bénévole", range(1, 13), 3500, 0.055, 0.90, 0.004, 30),
    (GRANTS, "Bénévolat", "Nettoyage des berges", range(3, 11), 2500, 0.050, 0.80, 0.003, 30),
    (GRANTS, "Découverte du canal", "Balades", range(1, 13), 7000, 0.030, 0.45, 0.002, 25),
    (GRANTS, "Découverte du canal", "Faune et flore", range(1, 13), 5000, 0.028, 0.40, 0.001, 25),
    (SOCIAL, "Fin d'année", "Vidéo témoignage", range(10, 13), 30000, 0.014, 0.35, 0.018, 60),
    (SOCIAL, "Fin d'année", "Visuel réduction d'impôt", range(10, 13), 25000, 0.010, 0.40, 0.022, 80),
    (SOCIAL, "Fin d'année", "Carrousel projets", range(11, 13), 20000, 0.012, 0.38, 0.012, 50),
    (SOCIAL, "Urgence crue", "Appel urgent", range(2, 4), 35000, 0.022, 0.30, 0.020, 40),
    (SOCIAL, "Urgence crue", "Photos des dégâts", range(2, 4), 25000, 0.018, 0.32, 0.015, 40),
    (SOCIAL, "Adhésion", "Rentrée associative", range(9, 10), 15000, 0.009, 0.45, 0.006, 30),
]


def campaigns(rng: np.random.Generator):
    rows = []
    for year in (2023, 2024):
        for month in range(1, 13):
            for channel, campaign, group, months, shows, ctr, cpc, conv, gift in AD_GROUPS:
                if month not in months or (campaign == "Urgence crue" and year == 2023):
                    continue
                season = 1.0
                if campaign == "Découverte du canal" and month in (5, 6, 7, 8):
                    season = 2.2  # walks along the canal are searched for in summer
                if group == "Réduction d'impôt" and month in (11, 12):
                    season = 2.5
                growth = 1.15 if year == 2024 else 1.0
                impressions = int(rng.poisson(shows * season * growth * rng.uniform(0.8, 1.2)))
                clicks = int(rng.binomial(impressions, ctr * rng.uniform(0.85, 1.15)))
                cost = clicks * cpc * rng.uniform(0.9, 1.1)
                donations = int(rng.binomial(clicks, conv))
                amount = sum(gift * rng.lognormal(0, 0.4) for _ in range(donations))
                rows.append(
                    [
                        f"{year}-{month:02d}",
                        channel,
                        campaign,
                        group,
                        impressions,
                        clicks,
                        money(cost),
                        donations,
                        money(amount),
                    ]
                )
    return rows


# Social-network posts ---------------------------------------------------------------------

NETWORKS = {"Facebook": (3, 900), "Instagram": (3, 1100), "LinkedIn": (1, 450)}  # posts/week, reach
POST_TYPES = {"photo": (0.35, 1.2), "vidéo": (0.20, 1.7), "texte": (0.15, 0.6), "lien": (0.30, 0.8)}
THEMES = {
    "appel aux dons": (0.20, 0.8),
    "bénévolat": (0.20, 1.0),
    "coulisses": (0.20, 1.3),
    "événement": (0.20, 1.1),
    "sensibilisation": (0.20, 1.0),
}


def posts(rng: np.random.Generator):
    rows = []
    for offset in range(731):  # 2023-01-01 to 2024-12-31
        date = day(dt.date(2023, 1, 1), offset)
        for network, (per_week, reach) in NETWORKS.items():
            if rng.random() >= per_week / 7:
                continue
            kind = pick(rng, {k: v[0] for k, v in POST_TYPES.items()})
            theme = pick(rng, {k: v[0] for k, v in THEMES.items()})
            if network == "LinkedIn" and kind == "vidéo":
                kind = "texte"
            growth = 1.0 + 0.25 * offset / 731
            audience = int(reach * growth * POST_TYPES[kind][1] * THEMES[theme][1] * rng.lognormal(0, 0.35))
            engage = 0.045 * (1.4 if kind == "vidéo" else 1.0) * (1.3 if theme == "coulisses" else 1.0)
            click_rate = 0.025 if kind == "lien" else 0.006
            click_rate *= 1.6 if theme == "appel aux dons" else 1.0
            rows.append(
                [
                    date,
                    network,
                    kind,
                    theme,
                    audience,
                    int(rng.binomial(audience, engage)),
                    int(rng.binomial(audience, engage / 8)),
                    int(rng.binomial(audience, engage / 10)),
                    int(rng.binomial(audience, click_rate)),
                ]
            )
    return [[i, iso(r[0]), *r[1:]] for i, r in enumerate(rows, 1)]


# Volunteers and their journey -------------------------------------------------------------

VOLUNTEER_CHANNELS = {
    "forum des associations": 0.25,
    "site web": 0.25,
    "réseaux sociaux": 0.20,
    "bouche-à-oreille": 0.15,
    "plateforme de bénévolat": 0.15,
}
# Chance of each next stage (inscription, first mission, three missions, référent) and the
# delay in days before it, as (minimum, mean extra).
STAGES = [(0.65, (0, 12)), (0.60, (7, 25)), (0.50, (30, 60)), (0.22, (90, 150))]
LOYALTY = {
    "bouche-à-oreille": 1.25,
    "forum des associations": 1.1,
    "site web": 1.0,
    "réseaux sociaux": 0.8,
    "plateforme de bénévolat": 0.85,
}


def volunteers(rng: np.random.Generator, count: int = 520):
    contacts = sorted(day(DONATION_START, rng.integers(1461)) for _ in range(count))
    rows = []
    for number, contact in enumerate(contacts, 1):
        first, last, email = person(rng, number)
        channel = pick(rng, VOLUNTEER_CHANNELS)
        dates, when = [], contact
        for chance, (minimum, extra) in STAGES:
            if when is None or rng.random() >= min(0.95, chance * LOYALTY[channel]):
                when = None
            else:
                when = day(when, minimum + rng.exponential(extra))
                when = when if when <= END else None  # not reached yet at the end of 2024
            dates.append(when)
        rows.append([f"B{number:04d}", first, last, email, iso(contact), channel, *[iso(d) for d in dates]])
    return rows


# Writing the files ------------------------------------------------------------------------


# Column names of each file, in file order (the data dictionary in index.md follows them).
# fmt: off
HEADERS = {
    "donateurs.csv": ["id_donateur", "prenom", "nom", "email", "date_premier_don", "canal_acquisition",
                      "don_mensuel", "accepte_newsletter"],
    "dons.csv": ["id_don", "id_donateur", "date_don", "montant", "moyen_paiement", "type_don"],
    "sessions_site.csv": ["id_session", "date", "source", "appareil", "page_arrivee", "page_don",
                          "formulaire_commence", "paiement_commence", "don_confirme", "montant_don"],
    "campagnes.csv": ["mois", "canal", "campagne", "groupe_annonces", "impressions", "clics", "cout",
                      "dons", "montant_dons"],
    "publications.csv": ["id_publication", "date", "reseau", "type", "theme", "portee", "reactions",
                         "commentaires", "partages", "clics"],
    "benevoles.csv": ["id_benevole", "prenom", "nom", "email", "date_premier_contact", "canal_premier_contact",
                      "date_inscription", "date_premiere_mission", "date_trois_missions", "date_referent"],
}
# fmt: on


def generate(out: Path) -> list[Path]:
    """Write every CSV file into ``out`` and return their paths."""
    rng = np.random.default_rng(SEED)
    out.mkdir(parents=True, exist_ok=True)
    donors, gifts = donors_and_gifts(rng)
    # The order of the calls matters: each one draws from the same random generator.
    rows = {
        "donateurs.csv": donors,
        "dons.csv": gifts,
        "sessions_site.csv": sessions(rng),
        "campagnes.csv": campaigns(rng),
        "publications.csv": posts(rng),
        "benevoles.csv": volunteers(rng),
    }
    for name, header in HEADERS.items():
        write_csv(out / name, header, rows[name])
    return [out / name for name in HEADERS]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE, help="output folder (default: the folder of this script)")
    args = parser.parse_args(argv)
    for path in generate(args.out):
        print(f"{path.name}: {path.stat().st_size} octets")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
