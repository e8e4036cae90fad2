"""``python -m knowledge new``: a new article from the template, and its topic in the registry.

The registry entry is inserted as text after the last topic, so that the file's
comments, order and layout stay exactly as the authors wrote them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import yaml

from .conventions import MAIN_SECTION, PLAIN_SECTION, SOURCES_SECTION
from .model import folder_of
from .problems import Location, Problem, RegistryError, did_you_mean
from .registry import Registry


@dataclass(frozen=True)
class NewArticle:
    topic_id: str
    category: str
    file_name: str  # without '.md', e.g. 'what-is-VQ-VAE'
    title: str  # Chinese, e.g. '向量量化变分自编码器'
    title_en: str
    short: str | None
    summary: str


def article_text(new: NewArticle, today: dt.date) -> str:
    name = new.short or new.title_en
    return f"""---
title: 什么是{name}
description: {new.summary}
author: AI收集
date: {today.isoformat()}
---
# 什么是{name}

<!-- TODO: 配图：{name} 的核心结构示意图——写清图中有哪些部件、如何排布、用什么风格，让插画师能直接动笔 -->

```{{topic-nav}}
```

## {PLAIN_SECTION}

<!-- 用日常类比讲清直觉，不用公式，300–800 字；最后一句说明读完本文能做什么。 -->

## {MAIN_SECTION}

<!-- 建议的小节：背景与动机 · 核心原理（公式，每个符号都解释）· 结构与算法 · 训练与推理 · 代码示例 ·
     变体与发展 · 优点与局限 · 在视频领域的应用 · 与相关技术的关系 · 小结。
     术语第一次出现时给出中英文；每个数字都要有出处：{{footcite:p}}`key`，key 来自 source/references.bib。 -->

## {SOURCES_SECTION}

```{{footbibliography}}
```
"""


def registry_entry(new: NewArticle, page: str, indent: str) -> str:
    fields = {
        "id": new.topic_id,
        "title": new.title,
        "title_en": new.title_en,
        **({"short": new.short} if new.short else {}),
        "category": new.category,
        "page": page,
        "summary": new.summary,
    }
    lines = []
    for i, (key, value) in enumerate(fields.items()):
        # yaml.safe_dump quotes what needs quoting (e.g. a title with ': ').
        rendered = yaml.safe_dump({key: value}, allow_unicode=True, width=1000).strip()
        lines.append(f"{indent}{'- ' if i == 0 else '  '}{rendered}")
    return "\n".join(lines) + "\n"


def _topics_insertion_point(text: str) -> tuple[int, str]:
    """Offset just after the last topic entry, and the indentation of the list's dashes."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    topics = next(value for key, value in root.value if key.value == "topics")
    last = topics.value[-1]
    indent = " " * (topics.value[0].start_mark.column - 2)
    last_value = last.value[-1][1] if isinstance(last, yaml.MappingNode) else last
    end = text.find("\n", last_value.end_mark.index - 1)
    return (len(text) if end == -1 else end + 1), indent


def create_article(registry: Registry, srcdir: Path, new: NewArticle, today: dt.date) -> tuple[Path, str]:
    """Write the article and add its topic; return the article's path and its page name."""
    problems = []
    where = Location(registry.source, 1, 1)
    if new.topic_id in registry.topics:
        problems.append(Problem(where, f"topic {new.topic_id!r} already exists", "choose another id"))
    if new.category not in registry.categories:
        hint = did_you_mean(new.category, registry.categories) or f"known: {', '.join(registry.categories)}"
        problems.append(Problem(where, f"unknown category {new.category!r}", hint))
    if problems:
        raise RegistryError(problems)
    category = registry.categories[new.category]
    page = folder_of(registry.sections[category.section], category) + new.file_name.removesuffix(".md")
    path = srcdir / f"{page}.md"
    if path.exists():
        raise RegistryError([Problem(Location(path, 1, 1), "the article already exists", "choose another file name")])
    text = registry.source.read_text(encoding="utf-8")
    offset, indent = _topics_insertion_point(text)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(article_text(new, today), encoding="utf-8")
    registry.source.write_text(text[:offset] + registry_entry(new, page, indent) + text[offset:], encoding="utf-8")
    return path, page
