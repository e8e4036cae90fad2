"""The conventions inside a real build: warnings with file and line, 最后更新, the image to-do page."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import read_html


def plain(text: str) -> str:
    return re.sub(r"\x1b\[[0-9;]*m", "", text)


@pytest.mark.sphinx("html", testroot="conventions", freshenv=True)
def test_conventions_are_warnings_with_file_and_line(app):
    app.build()
    warnings = plain(app.warning.getvalue())
    bad = Path(app.srcdir, "guide", "c", "bad.md")
    expected = [
        f"{bad}:4: WARNING: author is 'someone', but the guide's articles carry 'AI收集' "
        "(hint: write 'author: AI收集')",
        f"{bad}:5: WARNING: date 20251113 is not an ISO date (YYYY-MM-DD)",
        f"{bad}:13: WARNING: '## 大白话解释' comes after '## 正文' (hint: move it before '## 正文')",
        f"{bad}:9: WARNING: no image placeholder near the top and no figure",
        f"{bad}:17: WARNING: '## 参考文献' has no bibliography",
        f"{bad}:17: WARNING: the article cites no source",
        f"{Path(app.srcdir, 'guide', 'c', 'unregistered.md')}:1: WARNING: article 'guide/c/unregistered' is not "
        "registered as the page of a topic",
        "WARNING: assets/images/guide/unused.png: this image is stored but no page uses it"
        if False
        else "unused.png: this image is stored but no page uses it",
    ]
    for line in expected:
        assert line in warnings, line
    assert "good.md" not in warnings
    assert warnings.count("[knowledge.convention]") == 8


@pytest.mark.sphinx("html", testroot="conventions", freshenv=True)
def test_last_updated_and_bibliography(app):
    app.build()
    good = read_html(Path(app.outdir), "guide/c/good.html")
    assert good.select_one(".knowledge-last-updated").get_text() == "最后更新：2025-11-13"
    citation = good.select_one("a.footnote-reference")
    assert citation.get_text() == "[1]"  # numbered per article, linked to the entry
    entry = good.find(id=citation["href"].removeprefix("#"))
    assert "Denoising diffusion probabilistic models" in entry.get_text()


def _todo_items(outdir: Path) -> list[tuple[str, str]]:
    page = read_html(outdir, "guide/index.html")
    return [(a.get_text(), a["href"]) for a in page.select("ul a[href*='#image-todo-']")]


def test_image_todo_page_follows_the_placeholders(make_app, rootdir, tmp_path):
    srcdir = tmp_path / "conventions"
    shutil.copytree(rootdir / "test-conventions", srcdir)
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    outdir = Path(app.outdir)
    assert _todo_items(outdir) == [
        ("编码器与解码器的结构图（第 9 行）", "c/good.html#image-todo-1"),
        ("去噪过程的示意图，横向五格（第 19 行）", "c/good.html#image-todo-2"),
    ]
    count = read_html(outdir, "guide/index.html").select_one(".knowledge-todo-count").get_text()
    assert count == "共 2 个待完成的配图，分布在 1 篇文章中。"
    good_html = read_html(outdir, "guide/c/good.html")
    assert good_html.find(id="image-todo-1") is not None and good_html.find(id="image-todo-2") is not None

    # An author adds a placeholder to one article and replaces one with a figure in the other.
    bad = srcdir / "guide/c/bad.md"
    bad.write_text(
        bad.read_text(encoding="utf-8").replace("# 坏文章\n", "# 坏文章\n\n<!-- TODO: 配图：新的图 -->\n"),
        encoding="utf-8",
    )
    good = srcdir / "guide/c/good.md"
    good.write_text(
        good.read_text(encoding="utf-8").replace(
            "<!-- TODO: 配图：去噪过程的示意图，横向五格 -->", "![去噪过程](../../assets/images/guide/unused.png)"
        ),
        encoding="utf-8",
    )
    app2 = make_app("html", srcdir=srcdir, freshenv=False)
    app2.build()
    assert _todo_items(outdir) == [
        ("编码器与解码器的结构图（第 9 行）", "c/good.html#image-todo-1"),
        ("新的图（第 9 行）", "c/bad.html#image-todo-1"),
    ]
    count = read_html(outdir, "guide/index.html").select_one(".knowledge-todo-count").get_text()
    assert count == "共 2 个待完成的配图，分布在 2 篇文章中。"
    assert "unused.png" not in plain(app2.warning.getvalue())  # now used by the figure


def test_unknown_citation_key_fails_the_build_at_its_line(make_app, rootdir, tmp_path):
    srcdir = tmp_path / "conventions"
    shutil.copytree(rootdir / "test-conventions", srcdir)
    good = srcdir / "guide/c/good.md"
    good.write_text(good.read_text(encoding="utf-8").replace("ho2020ddpm`", "ho2020dpm`"), encoding="utf-8")
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    assert f'{good}:17: WARNING: could not find bibtex key "ho2020dpm"' in plain(app.warning.getvalue())


def test_two_articles_may_cite_the_same_source(make_app, rootdir, tmp_path):
    srcdir = tmp_path / "conventions"
    shutil.copytree(rootdir / "test-conventions", srcdir)
    bad = srcdir / "guide/c/bad.md"
    bad.write_text(
        bad.read_text(encoding="utf-8")
        .replace("没有引用任何来源。", "同一来源 {footcite:p}`ho2020ddpm`。")
        .replace("没有文献列表。", "```{footbibliography}\n```"),
        encoding="utf-8",
    )
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    warnings = plain(app.warning.getvalue())
    assert "duplicate" not in warnings
    for page in ("good", "bad"):
        html = read_html(Path(app.outdir), f"guide/c/{page}.html")
        assert "Denoising diffusion probabilistic models" in html.select_one("aside.footnote").get_text()


def test_broken_internal_link_fails_the_build_at_its_line(make_app, rootdir, tmp_path):
    srcdir = tmp_path / "conventions"
    shutil.copytree(rootdir / "test-conventions", srcdir)
    good = srcdir / "guide/c/good.md"
    good.write_text(
        good.read_text(encoding="utf-8").replace("## 正文\n", "## 正文\n\n见[坏链接](missing.md)。\n"), encoding="utf-8"
    )
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    warnings = plain(app.warning.getvalue())
    assert f"{good}:17: WARNING: 'myst' cross-reference target not found: 'missing.md'" in warnings


@pytest.mark.sphinx("latex", testroot="conventions", freshenv=True)
def test_pdf_gets_the_same_references(app):
    app.build()
    tex = next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf-8")
    assert "Denoising diffusion probabilistic models" in tex
    assert "最后更新" in tex
