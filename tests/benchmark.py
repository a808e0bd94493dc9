"""Benchmark of the site (a script, not a test): ``make bench``.

Measures, on a copy of the repository in a temporary folder (the repository is never touched):

- build times: cold (empty notebook cache, fresh site folder), warm (the same build again),
  and under ``mkdocs serve`` the time from saving a talk to the rebuilt page being served;
- bytes transferred per page type on a first visit (fresh browser profile, gzip-compressed
  responses as a static host sends them);
- Lighthouse scores, mobile and desktop (npm ``lighthouse`` 12.2.3, installed once into a
  cache folder outside the repository, driving Debian's chromium).

Prints a table and writes everything to ``site/benchmark.json``. Options: ``--help``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from academy.localsite import CHROMIUM_ARGS, PAGE_TYPES, chromium_path, serve  # noqa: E402

PAGES = PAGE_TYPES
EDITED_TALK = "talks/02-donateurs-benevoles/index.md"
LIGHTHOUSE_VERSION = "12.2.3"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {"performance-mobile": 95, "accessibility": 100, "best-practices": 100, "seo": 100, "talk-bytes": 300 * 1024}
IGNORED = {".venv", "site", ".git", "__pycache__", "node_modules", ".pytest_cache", ".ruff_cache", ".ipynb_checkpoints"}


def copy_repository(target: Path) -> Path:
    shutil.copytree(ROOT, target, ignore=lambda folder, names: [n for n in names if n in IGNORED])
    return target


def environment(cache_dir: Path) -> dict[str, str]:
    return {**os.environ, "ACADEMY_CACHE_DIR": str(cache_dir), "NO_MKDOCS_2_WARNING": "1"}


def timed_build(root: Path, site_dir: Path, cache_dir: Path, strict: bool) -> float:
    command = [sys.executable, "-m", "mkdocs", "build", "--strict" if strict else "--no-strict", "--quiet", "--site-dir", str(site_dir)]
    start = time.perf_counter()
    result = subprocess.run(command, cwd=root, env=environment(cache_dir), capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"La construction a échoué :\n{result.stderr[-3000:]}")
    return elapsed


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def serve_rebuild_times(root: Path, cache_dir: Path, strict: bool, edits: int = 3, timeout: float = 300) -> dict:
    """Start ``mkdocs serve`` in the copy, edit one talk, time until the new text is served."""
    port = free_port()
    command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", "--livereload", "--strict" if strict else "--no-strict"]
    log = (root / "serve.log").open("w")
    process = subprocess.Popen(command, cwd=root, env=environment(cache_dir), stdout=log, stderr=subprocess.STDOUT)
    try:
        start = time.perf_counter()
        base = None
        while base is None and time.perf_counter() - start < timeout:
            if process.poll() is not None:
                raise SystemExit(f"mkdocs serve s'est arrêté : voir {root / 'serve.log'}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
                    base = response.url  # the server redirects to the path of site_url
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.2)
        if base is None:
            raise SystemExit("mkdocs serve n'a pas répondu à temps")
        first_build = time.perf_counter() - start
        talk = root / EDITED_TALK
        page_url = base.rstrip("/") + "/" + str(Path(EDITED_TALK).parent) + "/"
        original = talk.read_text(encoding="utf-8")
        times = []
        for number in range(edits):
            time.sleep(1.5)  # let the watcher settle after the previous rebuild
            # An HTML comment reaches the page unchanged and leaves the prose checks alone.
            marker = f"<!-- mesure de reconstruction {number} {time.time_ns()} -->"
            talk.write_text(f"{original}\n{marker}\n", encoding="utf-8")
            saved = time.perf_counter()
            while time.perf_counter() - saved < timeout:
                if marker in (fetch(page_url) or ""):
                    times.append(time.perf_counter() - saved)
                    break
                time.sleep(0.05)
            else:
                raise SystemExit("la page modifiée n'a pas été reconstruite à temps")
        return {"first_build_s": round(first_build, 2), "rebuild_s": [round(t, 2) for t in times], "rebuild_median_s": round(statistics.median(times), 2)}
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def page_weights(site_dir: Path) -> dict:
    """Bytes on the wire (headers + compressed bodies) and decoded bytes, per page, first visit."""
    from playwright.sync_api import sync_playwright

    weights = {}
    with serve(site_dir, compress=True) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        for name, path in PAGES.items():
            if not (site_dir / path / "index.html").is_file():
                continue
            context = browser.new_context(locale="fr-FR", viewport={"width": 412, "height": 823}, is_mobile=True)
            page = context.new_page()
            finished = []
            page.on("requestfinished", lambda request, finished=finished: finished.append(request))
            page.goto(base + path, wait_until="networkidle")
            transferred = decoded = 0
            for request in finished:
                sizes = request.sizes()
                transferred += sizes["responseHeadersSize"] + sizes["responseBodySize"]
                response = request.response()
                decoded += len(response.body()) if response else 0
            weights[name] = {"requests": len(finished), "transferred_bytes": transferred, "decoded_bytes": decoded}
            context.close()
        browser.close()
    return weights


def lighthouse_cli(tools_dir: Path) -> Path | None:
    cli = tools_dir / "node_modules" / "lighthouse" / "cli" / "index.js"
    if cli.is_file():
        return cli
    npm = shutil.which("npm")
    if not npm or not shutil.which("node"):
        print("Lighthouse ignoré : node et npm sont introuvables.", file=sys.stderr)
        return None
    tools_dir.mkdir(parents=True, exist_ok=True)
    print(f"Installation de lighthouse {LIGHTHOUSE_VERSION} dans {tools_dir} (une seule fois)...", file=sys.stderr)
    subprocess.run([npm, "i", "-E", f"lighthouse@{LIGHTHOUSE_VERSION}", "--prefix", str(tools_dir), "--no-audit", "--no-fund"], check=True, stdout=subprocess.DEVNULL)
    return cli


def lighthouse(site_dir: Path, cli: Path, runs: int) -> dict:
    """Scores per page and form factor (median of ``runs`` runs), with the audits that lost points."""
    flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
    env = {**os.environ, "CHROME_PATH": chromium_path()}
    scores: dict = {}
    with serve(site_dir, compress=True) as base, tempfile.TemporaryDirectory() as tmp:
        for name, path in PAGES.items():
            if not (site_dir / path / "index.html").is_file():
                continue
            for form in ("mobile", "desktop"):
                reports = []
                for run in range(runs):
                    output = Path(tmp) / f"{name}-{form}-{run}.json"
                    command = ["node", str(cli), base + path, "--quiet", "--output=json", f"--output-path={output}",
                               f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={flags}", "--max-wait-for-load=60000"]
                    if form == "desktop":
                        command.append("--preset=desktop")
                    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300)
                    reports.append(json.loads(output.read_text(encoding="utf-8")))
                scores.setdefault(name, {})[form] = summarise(reports)
    return scores


def summarise(reports: list[dict]) -> dict:
    def median_score(category: str) -> int:
        return round(100 * statistics.median(r["categories"][category]["score"] or 0 for r in reports))

    last = reports[-1]
    lost = sorted(
        {
            audit_id
            for category in CATEGORIES
            for ref in last["categories"][category]["auditRefs"]
            if ref["weight"] > 0
            and (audit_id := ref["id"])
            and last["audits"][audit_id]["scoreDisplayMode"] in ("binary", "numeric", "metricSavings")
            and (last["audits"][audit_id]["score"] is not None and last["audits"][audit_id]["score"] < 0.9)
        }
    )
    metrics = {key: round(statistics.median(r["audits"][key]["numericValue"] for r in reports)) for key in
               ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "speed-index")}
    metrics["cumulative-layout-shift"] = round(statistics.median(r["audits"]["cumulative-layout-shift"]["numericValue"] for r in reports), 3)
    return {**{category: median_score(category) for category in CATEGORIES}, "metrics": metrics, "audits_below_90": lost}


def print_report(result: dict) -> list[str]:
    """The table, and the list of missed targets."""
    missed = []
    builds = result.get("build", {})
    if builds:
        print("\nConstruction du site")
        print(f"  à froid (cache des notebooks vide) : {builds['cold_s']:6.1f} s")
        print(f"  à chaud (deuxième construction)    : {builds['warm_s']:6.1f} s")
        if "serve" in builds:
            serve_times = builds["serve"]
            print(f"  mkdocs serve, premier affichage     : {serve_times['first_build_s']:6.1f} s")
            print(f"  mkdocs serve, après modification d'un talk : {serve_times['rebuild_median_s']:.1f} s (médiane de {serve_times['rebuild_s']})")
    weights = result.get("weights", {})
    if weights:
        print("\nPoids au premier chargement (compressé, comme sur un hébergeur statique)")
        print(f"  {'page':<12} {'requêtes':>8} {'transféré':>11} {'décompressé':>12}")
        for name, weight in weights.items():
            print(f"  {name:<12} {weight['requests']:>8} {weight['transferred_bytes'] / 1024:>9.0f} Ko {weight['decoded_bytes'] / 1024:>10.0f} Ko")
        if "talk" in weights and weights["talk"]["transferred_bytes"] >= TARGETS["talk-bytes"]:
            missed.append(f"page de talk : {weights['talk']['transferred_bytes'] // 1024} Ko transférés (cible < 300 Ko)")
    scores = result.get("lighthouse", {})
    if scores:
        print("\nLighthouse (performance, accessibilité, bonnes pratiques, SEO)")
        print(f"  {'page':<12} {'mobile':>19}   {'ordinateur':>19}")
        for name, forms in scores.items():
            cells = ["/".join(f"{forms[form][c]:>3}" for c in CATEGORIES) for form in ("mobile", "desktop")]
            print(f"  {name:<12} {cells[0]:>19}   {cells[1]:>19}")
            for form, data in forms.items():
                if form == "mobile" and data["performance"] < TARGETS["performance-mobile"]:
                    missed.append(f"{name} : performance mobile {data['performance']} (cible ≥ 95)")
                for category in ("accessibility", "best-practices", "seo"):
                    if data[category] < TARGETS[category]:
                        missed.append(f"{name} ({form}) : {category} {data[category]} (cible 100) — audits : {', '.join(data['audits_below_90'])}")
    print("\nCibles : " + ("toutes atteintes." if not missed else "manquées :"))
    for line in missed:
        print(f"  - {line}")
    return missed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python tests/benchmark.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "site" / "benchmark.json", help="fichier JSON des résultats")
    parser.add_argument("--no-strict", dest="strict", action="store_false", help="construire même avec des avertissements")
    parser.add_argument("--skip-serve", action="store_true", help="ne pas mesurer la reconstruction sous mkdocs serve")
    parser.add_argument("--skip-lighthouse", action="store_true", help="ne pas lancer Lighthouse")
    parser.add_argument("--runs", type=int, default=3, help="passages de Lighthouse par page et par appareil (médiane ; 3 par défaut)")
    parser.add_argument("--tools-dir", type=Path, default=Path(os.environ.get("ACADEMY_TOOLS_DIR", Path.home() / ".cache" / "data-hive-academy-tools")) / f"lighthouse-{LIGHTHOUSE_VERSION}")
    args = parser.parse_args(argv)

    result: dict = {"date": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "targets": TARGETS}
    with tempfile.TemporaryDirectory(prefix="academy-bench-") as tmp:
        work = Path(tmp)
        root = copy_repository(work / "academy")
        cache, site_dir = work / "cache", work / "site"
        cache.mkdir()
        print("Construction à froid...", file=sys.stderr)
        cold = timed_build(root, site_dir, cache, args.strict)
        print("Construction à chaud...", file=sys.stderr)
        warm = timed_build(root, site_dir, cache, args.strict)
        result["build"] = {"cold_s": round(cold, 2), "warm_s": round(warm, 2)}
        if not args.skip_serve:
            print("mkdocs serve et modification d'un talk...", file=sys.stderr)
            result["build"]["serve"] = serve_rebuild_times(root, cache, args.strict)
        print("Poids des pages...", file=sys.stderr)
        result["weights"] = page_weights(site_dir)
        if not args.skip_lighthouse and (cli := lighthouse_cli(args.tools_dir)):
            print("Lighthouse (quelques minutes)...", file=sys.stderr)
            result["lighthouse"] = lighthouse(site_dir, cli, args.runs)
    result["missed"] = print_report(result)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nRésultats écrits dans {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
