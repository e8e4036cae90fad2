"""Render Mermaid text with the real Mermaid library in a real headless Chromium.

Uses Debian's /usr/bin/chromium and the Mermaid copy pinned in package-lock.json
(node_modules/). Locally, a missing tool skips the test with the command that
installs it; in CI (CI=true) it fails instead, so a missing install step is never hidden.
"""

from __future__ import annotations

import html
import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
MERMAID_JS = PROJECT / "node_modules" / "mermaid" / "dist" / "mermaid.min.js"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--allow-file-access-from-files",
    "--virtual-time-budget=20000",
]


def require(condition: bool, missing: str, install: str) -> None:
    if condition:
        return
    message = f"{missing} is missing; install it with: {install}"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    require(found is not None, "Chromium", "apt-get install chromium")
    return str(found)


@dataclass(frozen=True)
class Rendered:
    error: str | None
    labels: list[str]
    edge_labels: list[str]
    links: list[str]


_PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><script src="{script}"></script></head>
<body><pre id="result">pending</pre><div id="stage"></div>
<script>
const sources = {sources};
mermaid.initialize({{startOnLoad: false, securityLevel: "strict", deterministicIds: true}});
(async () => {{
  const results = [];
  for (const [i, source] of sources.entries()) {{
    const holder = document.createElement("div");
    document.getElementById("stage").appendChild(holder);
    try {{
      const {{svg}} = await mermaid.render("diagram" + i, source);
      holder.innerHTML = svg;
      results.push({{
        error: null,
        labels: [...holder.querySelectorAll(".node .nodeLabel")].map(e => e.textContent),
        edge_labels: [...holder.querySelectorAll(".edgeLabel .nodeLabel, .edgeLabel p")]
          .map(e => e.textContent).filter(t => t),
        links: [...holder.querySelectorAll("a")].map(a => a.getAttribute("href") || a.getAttribute("xlink:href")),
      }});
    }} catch (e) {{
      results.push({{error: String(e && e.message || e), labels: [], edge_labels: [], links: []}});
    }}
  }}
  document.getElementById("result").textContent = JSON.stringify(results);
}})();
</script></body></html>
"""


def render_mermaid(sources: list[str], workdir: Path) -> list[Rendered]:
    """Render each Mermaid source in one browser session; report errors, labels and links."""
    require(MERMAID_JS.exists(), "Mermaid (node_modules)", "npm ci")
    browser = chromium()
    page = workdir / "render.html"
    page.write_text(
        _PAGE.format(script=MERMAID_JS.as_uri(), sources=json.dumps(sources).replace("</", "<\\/")),
        encoding="utf-8",
    )
    result = subprocess.run(
        [browser, *CHROMIUM_FLAGS, f"--user-data-dir={workdir / 'profile'}", "--dump-dom", page.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
    )
    dom = result.stdout
    start = dom.find('<pre id="result">') + len('<pre id="result">')
    payload = html.unescape(dom[start : dom.find("</pre>", start)])
    assert payload.startswith("["), f"Mermaid did not finish: {payload[:200]!r} {result.stderr[-500:]}"
    return [Rendered(**item) for item in json.loads(payload)]
