"""A small valid registry as YAML text, for tests that break it one way at a time."""

from __future__ import annotations

from pathlib import Path

from knowledge.problems import Problem, RegistryError
from knowledge.registry import Registry, load_registry

VALID = """\
version: 1
sections:
  - id: guide
    title: 指南
    directory: guide
    index: guide/index
    summary: 章节。
categories:
  - id: basics
    title: 基础
    title_en: Basics
    section: guide
    summary: 基础主题。
relation_types:
  - {id: basis, label: 是……的基础, line: solid}
topics:
  - id: vae
    title: 变分自编码器
    title_en: Variational Autoencoder
    short: VAE
    category: basics
    page: guide/vae
    summary: 一个主题。
  - id: latent-diffusion
    title: 潜在扩散
    title_en: Latent Diffusion
    category: basics
    summary: 另一个主题。
relations:
  - {source: vae, target: latent-diffusion, type: basis}
paths:
  - id: generation
    name: 路径1
    title: 生成
    steps:
      - {topic: vae, reason: 压缩}
      - {topic: latent-diffusion, reason: 扩散}
"""

PAGES = {"guide/index", "guide/vae"}
PATH = Path("registry.yaml")


def load(text: str, pages: set[str] = PAGES) -> Registry:
    return load_registry(PATH, existing_pages=pages, text=text)


def problems(text: str, pages: set[str] = PAGES) -> list[Problem]:
    try:
        load(text, pages)
    except RegistryError as error:
        return error.problems
    raise AssertionError("the registry was accepted, but a problem was expected")


def line_of(text: str, needle: str, nth: int = 1) -> int:
    """1-based line number of the nth line containing ``needle``."""
    hits = [i for i, line in enumerate(text.splitlines(), start=1) if needle in line]
    return hits[nth - 1]
