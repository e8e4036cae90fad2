"""`make new`: a scaffolded article meets every convention but the one only its author can meet."""

from __future__ import annotations

import subprocess
import sys

from conftest import PROJECT
from knowledge.registry import load_registry

REGISTRY = """\
# yaml-language-server: $schema=./registry.schema.json
version: 1
sections:
  - {id: video, title: 视频, directory: video, index: video/index, summary: 章节。}
categories:
  - id: generation
    title: 视频生成技术
    title_en: Video Generation
    section: video
    directory: generation
    summary: 生成。
topics:
  - id: sora
    title: Sora
    title_en: Sora
    category: generation
    summary: 文生视频模型。

# Relations come next; this comment must stay where it is.
relations: []
"""

BIB = """@article{oord2017vqvae,
  title = {Neural Discrete Representation Learning}, author = {van den Oord, Aaron}, year = {2017}
}
"""


def run(srcdir, *args):
    return subprocess.run(
        [sys.executable, "-m", "knowledge", *args, "--srcdir", str(srcdir)],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PYTHONPATH": str(PROJECT / "ext"), "PATH": "/usr/bin:/bin"},
    )


def test_new_article_and_registry_entry(tmp_path):
    srcdir = tmp_path / "source"
    (srcdir / "video").mkdir(parents=True)
    (srcdir / "video" / "index.md").write_text("# 视频\n", encoding="utf-8")
    (srcdir / "registry.yaml").write_text(REGISTRY, encoding="utf-8")
    (srcdir / "references.bib").write_text(BIB, encoding="utf-8")

    created = run(
        srcdir,
        "new",
        "--id",
        "vq-vae",
        "--category",
        "generation",
        "--file",
        "what-is-VQ-VAE",
        "--title",
        "向量量化变分自编码器",
        "--title-en",
        "Vector-Quantized VAE: discrete",
        "--short",
        "VQ-VAE",
        "--summary",
        "用码本中最近的离散向量代替连续潜在向量的自编码器。",
    )
    assert created.returncode == 0, created.stderr
    article = srcdir / "video" / "generation" / "what-is-VQ-VAE.md"
    text = article.read_text(encoding="utf-8")
    assert text.startswith("---\ntitle: 什么是VQ-VAE\n")
    for part in (
        "author: AI收集",
        "<!-- TODO: 配图：",
        "## 大白话解释",
        "## 正文",
        "## 参考文献",
        "{footbibliography}",
        "{topic-nav}",
    ):
        assert part in text

    registry_text = (srcdir / "registry.yaml").read_text(encoding="utf-8")
    assert registry_text.index("id: vq-vae") < registry_text.index("# Relations come next")
    assert "title_en: 'Vector-Quantized VAE: discrete'" in registry_text  # quoted where YAML needs it
    registry = load_registry(
        srcdir / "registry.yaml", existing_pages={"video/index", "video/generation/what-is-VQ-VAE"}
    )
    assert registry.page_of("vq-vae") == "video/generation/what-is-VQ-VAE"

    # The only thing left is what only the author can do: cite the sources.
    checked = run(srcdir, "check")
    assert checked.returncode == 1
    assert checked.stderr.splitlines()[0].endswith(
        "error: the article cites no source (hint: cite where a claim is "
        "made: {footcite:p}`key`, with the key from source/references.bib)"
    )
    article.write_text(text.replace("## 正文\n", "## 正文\n\n码本 {footcite:p}`oord2017vqvae`。\n"), encoding="utf-8")
    assert run(srcdir, "check").returncode == 0

    again = run(
        srcdir,
        "new",
        "--id",
        "vq-vae",
        "--category",
        "generaton",
        "--file",
        "x",
        "--title",
        "x",
        "--title-en",
        "x",
        "--summary",
        "x",
    )
    assert again.returncode == 1
    assert "topic 'vq-vae' already exists" in again.stderr
    assert "unknown category 'generaton' (hint: did you mean 'generation'?)" in again.stderr
