"""Benchmark: the diagram stage of a PDF build, cold (empty cache) and warm (nothing changed).

Prints, for the real site: the number of diagrams, the cold stage time and time per
diagram (target <= 0.4 s), and whether the warm rebuild started a browser (target: no).
Compare with the anchor, sphinxcontrib-mermaid's one `mmdc` call per diagram (1.5-2.2 s
each on the reference machine). Run: .venv/bin/python benchmarks/pdf_diagrams.py
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
STAGE = re.compile(r"knowledge: (\d+) PDF diagrams, (\d+) drawn \(([^)]*)\), ([\d.]+) s")


def latex_build(outdir: Path, doctrees: Path) -> tuple[int, int, str, float]:
    done = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "latex", "-c", ".", "-E", "-d", str(doctrees), "source", str(outdir)],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        check=True,
    )
    match = STAGE.search(done.stdout)
    if match is None:
        raise SystemExit(f"no diagram stage in the build output:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    diagrams, drawn, browser, seconds = match.groups()
    return int(diagrams), int(drawn), browser, float(seconds)


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="pdf-diagrams-"))
    try:
        cold = latex_build(work / "latex", work / "doctrees")  # fresh doctree dir: empty diagram cache
        warm = latex_build(work / "latex", work / "doctrees")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    diagrams, drawn, browser, seconds = cold
    print(
        f"cold: {diagrams} diagrams, {drawn} drawn ({browser}) in {seconds:.2f} s "
        f"= {seconds / max(drawn, 1):.2f} s per diagram (target <= 0.40)"
    )
    diagrams, drawn, browser, seconds = warm
    print(f"warm: {diagrams} diagrams, {drawn} drawn ({browser}) in {seconds:.2f} s (target: no browser started)")


if __name__ == "__main__":
    main()
