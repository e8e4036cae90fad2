"""Mermaid diagrams as vector PDF for the LaTeX builder: all of a build in one browser session.

Each diagram is cached under the doctree directory by everything that affects its
drawing (Mermaid text, Mermaid configuration, the versions of mermaid and
mermaid-cli, and the renderer script), so a rebuild with nothing changed starts no
browser at all. A missing or failing renderer is reported as an error naming the
tool and how to install it, and fails the build: never a PDF with blank diagrams.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

RENDERER = Path(__file__).with_name("render_mermaid.mjs")
DEBIAN_CHROMIUM = Path("/usr/bin/chromium")
INSTALL_HINT = (
    "install Node.js 20+ and run 'npm ci' in the repository root (it installs mermaid-cli from package-lock.json); "
    "a headless Chromium is needed too (Debian: apt-get install chromium; elsewhere Puppeteer's own browser: "
    "npx puppeteer browsers install chrome-headless-shell)"
)


class RendererUnavailable(Exception):
    """The diagram renderer is missing or failed; the message says what to do."""


@dataclass(frozen=True)
class Toolchain:
    node: str
    project: Path  # where node_modules/ lives
    browser: str | None  # None: Puppeteer's own browser
    versions: str  # mermaid and mermaid-cli versions, part of every cache key


def _package_version(project: Path, name: str) -> str | None:
    manifest = project / "node_modules" / name / "package.json"
    try:
        return json.loads(manifest.read_text(encoding="utf-8"))["version"]
    except (OSError, ValueError, KeyError):
        return None


def find_toolchain(project: Path, browser_setting: str | None = None) -> Toolchain:
    """The tools the renderer needs, or RendererUnavailable naming what is missing."""
    node = shutil.which("node")
    if node is None:
        raise RendererUnavailable(f"Node.js ('node') is not on PATH; {INSTALL_HINT}")
    cli = _package_version(project, "@mermaid-js/mermaid-cli")
    mermaid = _package_version(project, "mermaid")
    if cli is None or mermaid is None:
        raise RendererUnavailable(f"mermaid-cli is not installed in {project / 'node_modules'}; {INSTALL_HINT}")
    if browser_setting:
        browser: str | None = browser_setting
    elif DEBIAN_CHROMIUM.exists():
        browser = str(DEBIAN_CHROMIUM)
    else:
        browser = None  # Puppeteer's downloaded browser (Read the Docs); a missing one fails with its own message
    return Toolchain(node, project, browser, f"mermaid {mermaid}, mermaid-cli {cli}")


@cache
def _renderer_digest() -> str:
    # Read once per process: every diagram's cache key includes it.
    return hashlib.sha256(RENDERER.read_bytes()).hexdigest()


def cache_key(code: str, config: dict[str, object], toolchain: Toolchain) -> str:
    material = json.dumps(
        {"code": code, "config": config, "versions": toolchain.versions, "renderer": _renderer_digest()},
        sort_keys=True,
        ensure_ascii=False,
    )
    return hashlib.sha256(material.encode("utf-8")).hexdigest()[:20]


@dataclass
class RenderStats:
    diagrams: int = 0
    rendered: int = 0  # drawn in this build (cache misses)
    browser_started: bool = False


def render_pdfs(
    codes: Iterable[str], config: dict[str, object], cache_dir: Path, toolchain: Toolchain, stats: RenderStats
) -> dict[str, Path]:
    """PDF files for the given Mermaid sources: cached ones reused, the rest drawn in one browser session."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    paths: dict[str, Path] = {}
    jobs = []
    for code in dict.fromkeys(codes):  # unique, in order
        path = cache_dir / f"mermaid-{cache_key(code, config, toolchain)}.pdf"
        paths[code] = path
        if not path.is_file() or path.stat().st_size == 0:
            jobs.append({"code": code, "output": str(path.with_suffix(".tmp")), "config": config})
    stats.diagrams += len(paths)
    if not jobs:
        return paths
    stats.browser_started = True
    modules = str(toolchain.project / "node_modules")
    request = json.dumps({"browser": toolchain.browser, "nodeModules": modules, "jobs": jobs})
    try:
        done = subprocess.run(
            [toolchain.node, str(RENDERER)],
            input=request,
            capture_output=True,
            text=True,
            cwd=toolchain.project,
            env={**os.environ, "NODE_PATH": modules},
            timeout=600,
        )
    except subprocess.TimeoutExpired:
        raise RendererUnavailable("the Mermaid renderer did not finish within 10 minutes") from None
    try:
        result = json.loads(done.stdout)
    except ValueError:
        detail = (done.stderr.strip().splitlines() or ["no output"])[-1]
        raise RendererUnavailable(f"the Mermaid renderer failed ({detail}); {INSTALL_HINT}") from None
    if result["errors"]:
        first = result["errors"][0]
        raise RendererUnavailable(f"{len(result['errors'])} diagram(s) failed to render: {first['message']}")
    for job in jobs:
        Path(job["output"]).replace(Path(job["output"]).with_suffix(".pdf"))
    stats.rendered += len(jobs)
    return paths
