"""One test per authoring convention: a failing article and the exact message with its line."""

from __future__ import annotations

from pathlib import Path

from knowledge.articles import read_article
from knowledge.conventions import ArticleContext, check_article, unregistered_articles, unused_images
from registry_text import VALID, line_of, load

GOOD = """\
---
title: 变分自编码器
description: 变分自编码器（VAE）如何把数据压成潜在分布。
author: AI收集
date: 2025-11-13
---
# 什么是 VAE

<!-- TODO: 配图：编码器、潜在分布与解码器，左右排列 -->

## 大白话解释

像把照片压缩成几个数字，再从数字还原。

## 正文

VAE 最大化证据下界 {footcite:p}`kingma2013vae`，见[扩散模型](diffusion.md)。

```python
# <!-- TODO: 配图：this is code, not a placeholder -->
```

## 参考文献

```{footbibliography}
```
"""

SRCDIR = Path("/project/source")
CONTEXT = ArticleContext(
    docname="video/generation/vae",
    srcdir=SRCDIR,
    image_folder="assets/images/video",
    pages=frozenset({"video/generation/vae", "video/generation/diffusion"}),
    citation_keys=frozenset({"kingma2013vae"}),
)


def messages(text: str, context: ArticleContext = CONTEXT) -> list[tuple[int, str]]:
    return [(p.location.line, p.message) for p in check_article(read_article(text), text, context)]


def test_a_good_article_passes():
    assert messages(GOOD) == []


def test_problems_point_at_the_article_file():
    text = GOOD.replace("author: AI收集", "author: 张三")
    (problem,) = check_article(read_article(text), text, CONTEXT)
    assert problem.location.path == SRCDIR / "video/generation/vae.md"
    assert problem.hint == "write 'author: AI收集'"


def test_front_matter_is_required():
    text = GOOD[GOOD.index("# 什么是 VAE") :]
    assert messages(text) == [(1, "the article has no front matter")]


def test_front_matter_must_be_yaml():
    text = GOOD.replace("title: 变分自编码器", "title: [变分自编码器")
    ((line, message),) = messages(text)
    assert line == 1 and message.startswith("the front matter is not valid YAML")


def test_each_front_matter_field_is_required():
    for field in ("title", "description", "author", "date"):
        text = "\n".join(line for line in GOOD.splitlines() if not line.startswith(f"{field}:")) + "\n"
        assert messages(text) == [(1, f"the front matter lacks '{field}'")], field


def test_author_is_ai_collected():
    text = GOOD.replace("author: AI收集", "author: 张三")
    assert messages(text) == [(4, "author is '张三', but the guide's articles carry 'AI收集'")]


def test_date_is_iso():
    for bad, shown in (("20251113", "20251113"), ("2025/11/13", "'2025/11/13'"), ("'2025-13-40'", "'2025-13-40'")):
        text = GOOD.replace("date: 2025-11-13", f"date: {bad}")
        assert messages(text) == [(5, f"date {shown} is not an ISO date (YYYY-MM-DD)")], bad


def test_plain_language_section_is_required():
    text = GOOD.replace("## 大白话解释", "## 通俗解释")
    assert messages(text) == [(line_of(text, "# 什么是 VAE"), "there is no '## 大白话解释' section")]


def test_main_section_is_required():
    text = GOOD.replace("## 正文", "## 原理")
    assert messages(text) == [(line_of(text, "# 什么是 VAE"), "there is no '## 正文' section")]


def test_plain_language_comes_first():
    text = GOOD.replace("## 大白话解释", "## TEMP").replace("## 正文", "## 大白话解释").replace("## TEMP", "## 正文")
    assert messages(text) == [(line_of(text, "## 大白话解释"), "'## 大白话解释' comes after '## 正文'")]


def test_sources_section_is_required():
    text = GOOD.replace("## 参考文献", "## 扩展阅读")
    assert messages(text) == [(line_of(text, "# 什么是 VAE"), "there is no '## 参考文献' section")]


def test_sources_section_lists_what_is_cited():
    text = GOOD[: GOOD.index("```{footbibliography}")]
    assert messages(text) == [(line_of(text, "## 参考文献"), "'## 参考文献' has no bibliography")]


def test_articles_cite_per_article():
    text = GOOD.replace("{footcite:p}`kingma2013vae`", "{cite:p}`kingma2013vae`")
    assert messages(text) == [
        (line_of(text, "{cite:p}"), "{cite} role for 'kingma2013vae': articles cite with {footcite}")
    ]


def test_an_article_cites_its_sources():
    text = GOOD.replace(" {footcite:p}`kingma2013vae`", "")
    assert messages(text) == [(line_of(text, "## 参考文献"), "the article cites no source")]


def test_unknown_citation_key_is_reported_standalone():
    text = GOOD.replace("kingma2013vae", "kingma2014vae")
    standalone = ArticleContext(**{**CONTEXT.__dict__, "check_existence": True})
    assert messages(text, standalone) == [(line_of(text, "kingma2014vae"), "unknown citation key 'kingma2014vae'")]
    assert messages(text) == []  # in a build, sphinxcontrib-bibtex reports it (see test_build_conventions)


def test_a_placeholder_near_the_top_or_a_figure():
    without = GOOD.replace("<!-- TODO: 配图：编码器、潜在分布与解码器，左右排列 -->\n", "")
    assert messages(without) == [(line_of(without, "## 大白话解释"), "no image placeholder near the top and no figure")]
    # A placeholder further down, or one inside a code block, does not count ...
    lower = without.replace("## 正文\n", "## 正文\n\n<!-- TODO: 配图：later -->\n")
    assert len(messages(lower)) == 1
    # ... a real figure does.
    figure = without.replace("## 正文\n", "## 正文\n\n![VAE](/assets/images/video/vae.svg)\n")
    assert messages(figure) == []


def test_images_live_in_the_section_image_folder():
    text = GOOD.replace("## 正文\n", "## 正文\n\n```{figure} ../../img/vae.png\n```\n")
    assert messages(text) == [
        (
            line_of(text, "{figure} ../../img/vae.png"),
            "image '../../img/vae.png' is stored outside source/assets/images/video/",
        )
    ]


def test_missing_image_is_reported_standalone(tmp_path):
    (tmp_path / "assets/images/video").mkdir(parents=True)
    (tmp_path / "assets/images/video/there.svg").write_text("<svg/>", encoding="utf-8")
    context = ArticleContext(**{**CONTEXT.__dict__, "srcdir": tmp_path, "check_existence": True})
    text = GOOD.replace(
        "## 正文\n", "## 正文\n\n![a](/assets/images/video/there.svg) ![b](/assets/images/video/gone.svg)\n"
    )
    assert messages(text, context) == [
        (
            line_of(text, "gone.svg"),
            "image '/assets/images/video/gone.svg' does not exist (source/assets/images/video/gone.svg)",
        )
    ]


def test_broken_internal_link_is_reported_standalone(tmp_path):
    context = ArticleContext(**{**CONTEXT.__dict__, "srcdir": tmp_path, "check_existence": True})
    assert messages(GOOD, context) == []
    text = GOOD.replace("(diffusion.md)", "(difusion.md#原理)").replace("见[", "见 [外链](https://arxiv.org) 与 [")
    problems = check_article(read_article(text), text, context)
    assert [(p.location.line, p.message) for p in problems] == [
        (line_of(text, "difusion.md"), "link target 'difusion.md#原理' does not exist")
    ]
    assert "did you mean 'video/generation/diffusion'" in problems[0].hint


def test_unregistered_article():
    registry = load(VALID)
    problems = unregistered_articles(registry, {"guide/index", "guide/vae", "guide/stray", "elsewhere/page"}, SRCDIR)
    assert [p.message for p in problems] == ["article 'guide/stray' is not registered as the page of a topic"]
    assert problems[0].location.path == SRCDIR / "guide/stray.md"


def test_unused_image(tmp_path):
    folder = tmp_path / "assets/images/video"
    folder.mkdir(parents=True)
    for name in ("used.png", "unused.svg", "notes.txt"):
        (folder / name).write_bytes(b"x")
    problems = unused_images(tmp_path, "assets/images", {"assets/images/video/used.png"})
    assert [(p.location.path.name, p.message) for p in problems] == [
        ("unused.svg", "this image is stored but no page uses it")
    ]
