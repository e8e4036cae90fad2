"""Diagrams in the PDF: drawn as vector PDF in one browser session, cached, and never silently missing."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from browser import MERMAID_JS, chromium, require
from conftest import PROJECT, mermaid_sources, read_html

INCLUDE = re.compile(r"\\sphinxincludegraphics\{(mermaid-[0-9a-f]+\.pdf)\}")


def _copy(rootdir: Path, target: Path) -> Path:
    shutil.copytree(rootdir / "test-basic", target)
    return target


def _tex(app) -> str:
    return next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf-8")


def test_every_diagram_is_included_as_vector_pdf_and_cached(make_app, rootdir, tmp_path):
    require(MERMAID_JS.exists(), "mermaid-cli (node_modules)", "npm ci")
    chromium()
    html = make_app("html", srcdir=_copy(rootdir, tmp_path / "html"), freshenv=True)
    html.build()
    site_diagrams = sum(
        len(mermaid_sources(read_html(Path(html.outdir), p.relative_to(html.outdir).as_posix())))
        for p in Path(html.outdir).rglob("*.html")
    )
    html.cleanup()

    srcdir = _copy(rootdir, tmp_path / "latex")
    overrides = {"knowledge_node_project": str(PROJECT)}
    app = make_app("latex", srcdir=srcdir, freshenv=True, confoverrides=overrides)
    app.build()
    assert "ERROR" not in app.warning.getvalue()
    included = INCLUDE.findall(_tex(app))
    assert len(included) == site_diagrams == 7  # every diagram of the site, once
    for name in included:
        assert (Path(app.outdir) / name).read_bytes().startswith(b"%PDF")
    assert "drawn (one browser session)" in app.status.getvalue()
    app.cleanup()

    # Nothing changed: every diagram comes from the cache and no browser starts.
    again = make_app("latex", srcdir=srcdir, freshenv=False, confoverrides=overrides)
    again.build()
    assert "7 PDF diagrams, 0 drawn (no browser started)" in again.status.getvalue()
    assert INCLUDE.findall(_tex(again)) == included


def test_missing_renderer_fails_the_build_and_names_the_fix(make_app, rootdir, tmp_path):
    # test-basic has no node_modules/ beside its conf.py: mermaid-cli is missing.
    app = make_app("latex", srcdir=_copy(rootdir, tmp_path / "missing"), freshenv=True)
    app.build()
    errors = app.warning.getvalue()
    assert "cannot draw the 7 diagrams of the PDF: mermaid-cli is not installed in" in errors
    assert "run 'npm ci'" in errors
    assert app.statuscode == 1
    assert not INCLUDE.findall(_tex(app))


def test_failing_renderer_fails_the_build(make_app, rootdir, tmp_path):
    require(MERMAID_JS.exists(), "mermaid-cli (node_modules)", "npm ci")
    overrides = {"knowledge_node_project": str(PROJECT), "knowledge_mermaid_browser": "/bin/false"}
    app = make_app("latex", srcdir=_copy(rootdir, tmp_path / "failing"), freshenv=True, confoverrides=overrides)
    app.build()
    errors = app.warning.getvalue()
    assert "cannot draw the 7 diagrams of the PDF: the Mermaid renderer failed" in errors
    assert app.statuscode == 1
    assert not INCLUDE.findall(_tex(app))
