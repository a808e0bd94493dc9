"""The authors' command line: ``academy check``, ``academy new``, ``academy stats``.

``academy check [CHEMINS]`` prints ``chemin:ligne:colonne: message (règle)``, sorted by file,
and exits 0 when clean, 1 when it found problems, 2 on a usage error. Plain-language advice
never changes the exit code; ``--advice`` shows it.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from academy import checks, fork, identity, model, notebook_data, prose, registry, scaffold
from academy.problems import Problem, Severity

OK, PROBLEMS, USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse's own exit code for usage errors is 2 as well
        self.print_usage(sys.stderr)
        print(f"academy : erreur : {message}", file=sys.stderr)
        raise SystemExit(USAGE)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="academy", description="Les outils des auteurs du site de l'académie.")
    parser.add_argument("--root", type=Path, help="dossier du dépôt (par défaut : le dossier qui contient mkdocs.yml)")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    check = commands.add_parser("check", help="vérifier les pages sans construire le site")
    check.add_argument("paths", nargs="*", type=Path, metavar="CHEMIN",
                       help="fichiers ou dossiers (par défaut : tout le dépôt)")
    check.add_argument("--format", choices=("text", "github"), default="text",
                       help="github : annotations de pull request")
    check.add_argument("--external", action="store_true", help="vérifier aussi les liens externes (réseau, lent)")
    check.add_argument("--advice", action="store_true", help="afficher aussi les conseils de langage clair")
    check.add_argument("--fork", action="store_true",
                       help="copie du site : lister ce qui nomme encore l'académie d'origine (voir docs/playbook/copier.md)")
    check.add_argument("--fix", action="store_true",
                       help="écrire dans les notebooks l'adresse des données du dépôt de mkdocs.yml (règle notebook-data-url), puis vérifier")
    check.add_argument("--list-rules", action="store_true", help="lister les règles vérifiées, puis s'arrêter")

    stats = commands.add_parser("stats", help="mesures de langage clair de chaque page (tableau Markdown)")
    stats.add_argument("paths", nargs="*", type=Path, metavar="CHEMIN")

    new = commands.add_parser("new", help="créer un squelette de talk, d'exercice ou de promotion")
    kinds = new.add_subparsers(dest="kind", required=True, parser_class=_Parser)
    talk = kinds.add_parser("talk", help='academy new talk "Titre du talk"')
    talk.add_argument("title", metavar="TITRE")
    talk.add_argument("--exercice", dest="exercise", metavar="DOSSIER",
                      help="exercice existant à lier (sinon il est créé)")
    exercise = kinds.add_parser("exercise", help='academy new exercise 02-donateurs-benevoles "Titre de l\'exercice"')
    exercise.add_argument("talk", metavar="TALK")
    exercise.add_argument("title", metavar="TITRE")
    cohort = kinds.add_parser("cohort", help="academy new cohort 2027")
    cohort.add_argument("ident", metavar="ANNEE")
    return parser


def find_root(start: Path) -> Path | None:
    for folder in [start, *start.parents]:
        if (folder / "mkdocs.yml").is_file():
            return folder
    return None


def _paths(root: Path, paths: Sequence[Path]) -> list[Path]:
    """The paths, checked: each must exist inside the repository."""
    out = []
    for path in paths:
        full = path.resolve()
        if not full.exists():
            raise ValueError(f"{path} : fichier ou dossier introuvable")
        if not full.is_relative_to(root):
            raise ValueError(f"{path} : hors du dépôt {root}")
        out.append(full)
    return out


def _check(root: Path, args: argparse.Namespace) -> int:
    if args.list_rules:
        print(registry.listing(), end="")
        return OK
    if args.fix:
        for rel in notebook_data.fix(root, identity.read(root)):
            print(f"{rel} : adresse des données en ligne corrigée", file=sys.stderr)
    if args.fork:
        return _report(fork.leftovers(root, identity.read(root)), args)
    problems = checks.check_repository(root, _paths(root, args.paths) if args.paths else None, external=args.external)
    return _report(problems, args)


def _report(problems: list[Problem], args: argparse.Namespace) -> int:
    advice_wanted = getattr(args, "advice", False)
    shown = [p for p in problems if advice_wanted or p.severity is Severity.ERROR]
    for problem in sorted(shown):
        print(problem.github() if args.format == "github" else str(problem))
    errors = [p for p in problems if p.severity is Severity.ERROR]
    advice = len(problems) - len(errors)
    files = len({p.path for p in errors})
    tail = f" ; {advice} conseil(s) de langage clair" + ("" if advice_wanted else " (voir --advice)") if advice else ""
    if errors:
        print(f"{len(errors)} problème(s) dans {files} fichier(s){tail}.", file=sys.stderr)
        return PROBLEMS
    print(f"Aucun problème{tail}.", file=sys.stderr)
    return OK


def _stats(root: Path, args: argparse.Namespace) -> int:
    selected = checks.expand(root, _paths(root, args.paths)) if args.paths else None
    project = model.load(root)
    pages = [project.page(uri) for uri, _ in checks.page_sources(project, selected)]
    measures = [prose.measure(page) for page in pages if page is not None]
    print(prose.summary(measures), end="")
    return OK


def _new(root: Path, args: argparse.Namespace) -> int:
    if args.kind == "talk":
        files = scaffold.new_talk(root, args.title, args.exercise)
    elif args.kind == "exercise":
        files = scaffold.new_exercise(root, args.talk, args.title)
    else:
        files = scaffold.new_cohort(root, args.ident)
    for rel, content in files:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as out:  # never replace an author's file
            out.write(content)
        print(rel)
    first = files[0][0]
    print(f"Créé. Remplissez {first}, puis lancez « academy check {first} ».", file=sys.stderr)
    return OK


def main(argv: list[str] | None = None) -> int:
    try:
        args = _parser().parse_args(argv)
    except SystemExit as stop:
        return stop.code if isinstance(stop.code, int) else USAGE
    root = (args.root or find_root(Path.cwd()) or Path()).resolve()
    if not (root / "mkdocs.yml").is_file():
        print(f"academy : erreur : mkdocs.yml introuvable dans {root} ni au-dessus — "
              "lancez la commande depuis le dépôt, ou donnez --root", file=sys.stderr)
        return USAGE
    try:
        command = {"check": _check, "stats": _stats, "new": _new}[args.command]
        return command(root, args)
    except ValueError as error:
        print(f"academy : erreur : {error}", file=sys.stderr)
        return USAGE
    except (scaffold.ScaffoldError, FileExistsError) as error:
        print(f"academy : {error}", file=sys.stderr)
        return PROBLEMS


if __name__ == "__main__":
    sys.exit(main())
