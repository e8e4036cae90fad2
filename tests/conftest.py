"""Shared fixtures: Sphinx's testing plugin with this project's test roots."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

pytest_plugins = ["sphinx.testing.fixtures"]

TESTS = Path(__file__).parent
PROJECT = TESTS.parent


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return TESTS / "roots"


def read_html(outdir: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((outdir / page).read_text(encoding="utf-8"), "html.parser")


def mermaid_sources(soup: BeautifulSoup) -> list[str]:
    """The Mermaid text of every diagram, as the browser will read it."""
    return [pre.get_text().strip() + "\n" for pre in soup.select("pre.mermaid")]
