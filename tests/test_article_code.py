"""Every Python example in every article runs (CPU, tiny tensors) and checks its own result.

The blocks of one article run in order in one namespace, as a reader would run them
in a notebook. A block whose first line is '# sketch' is only compiled: it shows a
shape of code (a training loop over a real data set, say) that is not meant to run.
Every other block must assert what it demonstrates.
"""

from __future__ import annotations

import ast

import pytest
from browser import require
from conftest import PROJECT
from knowledge.__main__ import discover_pages
from knowledge.articles import read_article
from knowledge.registry import load_registry

SOURCE = PROJECT / "source"
SKETCH_MARK = "# sketch"


def _articles() -> list[str]:
    registry = load_registry(SOURCE / "registry.yaml", existing_pages=discover_pages(SOURCE))
    return [page for page in registry.topic_by_page if registry.page_of(registry.topic_by_page[page].id)]


def _python_blocks(page: str) -> list[tuple[int, str]]:
    facts = read_article((SOURCE / f"{page}.md").read_text(encoding="utf-8"))
    return [(block.line, block.code) for block in facts.code_blocks if block.language in ("python", "py")]


ARTICLES_WITH_CODE = [page for page in _articles() if _python_blocks(page)]


def test_sketch_marker_and_assert_rule_are_enforced_on_real_blocks():
    for page in ARTICLES_WITH_CODE:
        for line, code in _python_blocks(page):
            tree = ast.parse(code, filename=f"{page}.md:{line}")
            if code.lstrip().startswith(SKETCH_MARK):
                continue
            has_assert = any(isinstance(node, ast.Assert) for node in ast.walk(tree))
            assert has_assert, (
                f"source/{page}.md:{line}: a runnable example must assert what it shows (or start with '# sketch')"
            )


@pytest.mark.parametrize("page", ARTICLES_WITH_CODE)
def test_article_examples_run(page):
    try:
        import torch
    except ImportError:
        torch = None
    require(torch is not None, "PyTorch (CPU build)", "pip install -e '.[examples]'  (torch==2.13.0)")
    torch.manual_seed(0)
    # Tiny tensors: one thread is fastest and does not fight other processes for the cores.
    torch.set_num_threads(1)
    namespace: dict[str, object] = {"__name__": f"article:{page}"}
    for line, code in _python_blocks(page):
        compiled = compile(code, f"source/{page}.md:{line}", "exec")
        if code.lstrip().startswith(SKETCH_MARK):
            continue
        exec(compiled, namespace)  # the examples are the project's own documentation


def test_code_examples_are_found_in_written_articles():
    # Guards the extraction itself: a parser change that finds no code would silently test nothing.
    written = _articles()
    assert written, "no article is written yet"
    missing = sorted(set(written) - set(ARTICLES_WITH_CODE))
    assert missing == [], f"articles without a runnable Python example: {missing}"
