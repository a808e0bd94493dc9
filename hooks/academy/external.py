"""External links, checked only on request (``academy check --external``).

Builds and pull requests run offline, so this never runs by default: a weekly job can call
it to report dead links without failing anyone's pull request. Each URL is asked once
(HEAD, then GET when a server refuses HEAD), with a timeout and retries for errors that
pass (timeouts, 5xx). Working URLs are remembered in a JSON cache for a week, under
``$ACADEMY_CACHE_DIR`` or ``~/.cache/academy-site/``; broken ones are asked again
on every run, so a site that was briefly down is not reported twice.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.request import Request, urlopen

from academy.links import external_targets
from academy.parsed import Page
from academy.problems import Problem

CACHE_FILE = "external-links.json"
TTL = 7 * 24 * 3600  # seconds a working URL stays trusted
USER_AGENT = "academy-site-link-check/1.0"
_RETRY = {429, 500, 502, 503, 504}
_TRY_GET = {400, 403, 404, 405, 501}  # some servers refuse HEAD but serve GET


def cache_path() -> Path:
    base = os.environ.get("ACADEMY_CACHE_DIR") or Path.home() / ".cache" / "academy-site"
    return Path(base) / CACHE_FILE


@dataclass(frozen=True)
class Result:
    url: str
    ok: bool
    status: int | None = None
    error: str = ""

    def reason(self) -> str:
        return f"erreur HTTP {self.status}" if self.status else (self.error or "pas de réponse")


def fetch(url: str, *, timeout: float = 10.0, retries: int = 2, pause: float = 0.5) -> Result:
    """Ask ``url`` until it answers for good or the retries are spent."""
    last = Result(url, False, error="pas de réponse")
    for attempt in range(retries + 1):
        if attempt:
            time.sleep(pause * 2 ** (attempt - 1))
        for method in ("HEAD", "GET"):
            try:
                request = Request(url, method=method, headers={"User-Agent": USER_AGENT})
                with urlopen(request, timeout=timeout) as response:
                    return Result(url, True, response.status)
            except HTTPError as error:
                last = Result(url, False, error.code)
                if method == "HEAD" and error.code in _TRY_GET:
                    continue
                if error.code in _RETRY:
                    break
                return last
            except (URLError, TimeoutError, OSError) as error:
                reason = getattr(error, "reason", error)
                last = Result(url, False, error="délai dépassé" if isinstance(reason, TimeoutError) else str(reason))
                break
    return last


def _load(path: Path) -> dict[str, float]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (json.JSONDecodeError, UnicodeDecodeError):
        return {}  # a damaged cache is only a cache: start again
    if not isinstance(data, dict):
        return {}
    return {url: float(when) for url, when in data.items() if isinstance(when, int | float)}


def _save(path: Path, checked: dict[str, float]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(checked, indent=1, sort_keys=True), encoding="utf-8")
    temporary.replace(path)


def check_external(
    pages: list[Page],
    *,
    cache: Path | None = None,
    ttl: float = TTL,
    timeout: float = 10.0,
    retries: int = 2,
    workers: int = 8,
    now: Callable[[], float] = time.time,
) -> list[Problem]:
    """Every external link of ``pages`` that does not answer, once per place it is written."""
    targets = external_targets(pages)
    cache = cache or cache_path()
    checked = {url: when for url, when in _load(cache).items() if now() - when < ttl}
    todo = sorted(url for url in targets if url not in checked)
    with ThreadPoolExecutor(max_workers=max(1, min(workers, len(todo) or 1))) as pool:
        results = list(pool.map(lambda url: fetch(url, timeout=timeout, retries=retries), todo))
    problems = []
    for result in results:
        if result.ok:
            checked[result.url] = now()
            continue
        for page, link in targets[result.url]:
            message = (f"{link.where}lien externe « {result.url} » en échec ({result.reason()}) — "
                       "ouvrez-le dans un navigateur, puis corrigez l'adresse ou retirez le lien")
            problems.append(Problem(page.path, link.line, link.col, message, "external-link"))
    _save(cache, checked)
    return sorted(problems)
