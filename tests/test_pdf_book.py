"""The PDF book, built with the very commands Read the Docs runs, read back with poppler's tools."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from browser import require
from conftest import PROJECT, mermaid_sources, read_html

TOOLS = ("xelatex", "latexmk", "pdffonts", "pdftotext", "pdftoppm")


def run_rtd_commands(kind: str, output: Path) -> None:
    """Each command in a fresh shell from the repository root, as Read the Docs runs them."""
    config = yaml.safe_load((PROJECT / ".readthedocs.yaml").read_text(encoding="utf-8"))
    env = {**os.environ, "READTHEDOCS_OUTPUT": str(output), "PYTHONPATH": str(PROJECT / "ext")}
    for command in config["build"]["jobs"]["build"][kind]:
        command = re.sub(r"^python ", f"{sys.executable} ", command)
        done = subprocess.run(
            ["bash", "-c", command], cwd=PROJECT, env=env, capture_output=True, text=True, timeout=1200
        )
        assert done.returncode == 0, f"{command}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    for tool in TOOLS:
        require(
            shutil.which(tool) is not None,
            tool,
            "apt-get install texlive-xetex texlive-lang-chinese texlive-latex-extra latexmk poppler-utils",
        )
    output = tmp_path_factory.mktemp("rtd")
    run_rtd_commands("html", output)
    run_rtd_commands("pdf", output)
    return output


def test_read_the_docs_output_layout(book):
    assert (book / "html" / "index.html").is_file()
    (pdf,) = list((book / "pdf").iterdir())  # exactly one file
    assert pdf.name.count(".") == 1 and pdf.suffix == ".pdf"


def test_all_fonts_are_embedded(book):
    (pdf,) = list((book / "pdf").iterdir())
    listing = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    rows = listing.splitlines()[2:]
    assert rows
    not_embedded = [row for row in rows if row.split()[-5] != "yes"]
    assert not_embedded == []


def test_text_has_every_article_and_chinese_boilerplate(book):
    (pdf,) = list((book / "pdf").iterdir())
    text = re.sub(
        r"\s+", "", subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    )
    for article in sorted((PROJECT / "source").rglob("what-is-*.md")):
        title = re.search(r"^title: (.+)$", article.read_text(encoding="utf-8"), re.M).group(1)
        assert re.sub(r"\s+", "", title) in text, title
    for term in ("目录", "第1章", "变分自编码器", "扩散模型", "最后更新"):
        assert term in text, term
    for english in ("Contents", "CHAPTER", "Chapter"):
        assert english not in text


def test_every_site_diagram_is_in_the_pdf_and_drawn(book):
    html = book / "html"
    # The book holds both sections (source/book.md), not the web home page.
    pages_in_book = [p for p in html.rglob("*.html") if p != html / "index.html"]
    site = sum(len(mermaid_sources(read_html(html, p.relative_to(html).as_posix()))) for p in pages_in_book)
    tex = (PROJECT / "_build" / "latex" / "video-ai-guide.tex").read_text(encoding="utf-8")
    # One figure per diagram of each page.
    assert len(re.findall(r"\\sphinxincludegraphics\{mermaid-[0-9a-f]+\.pdf\}", tex)) == site
    (pdf,) = list((book / "pdf").iterdir())
    pages = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout.split("\f")
    page = next(i for i, p in enumerate(pages, start=1) if "1. VAE" in p and "2. Diffusion Model" in p)
    root = book / "diagram-page"
    subprocess.run(
        ["pdftoppm", "-f", str(page), "-l", str(page), "-r", "30", "-gray", "-singlefile", str(pdf), str(root)],
        check=True,
    )
    _magic, _size, _maxval, pixels = root.with_suffix(".pgm").read_bytes().split(b"\n", 3)  # P5 header
    dark = sum(1 for value in pixels if value < 128)
    assert dark > 200, "the diagram page is blank"


def test_latex_log_is_clean(book):
    log = (PROJECT / "_build" / "latex" / "video-ai-guide.log").read_text(encoding="utf-8", errors="replace")
    assert "Missing character" not in log
    too_wide = [float(points) for points in re.findall(r"Overfull \\hbox \(([\d.]+)pt too wide\)", log)]
    assert [points for points in too_wide if points > 10] == []
    assert "undefined references" not in log.lower()
    assert "There were undefined references" not in log
