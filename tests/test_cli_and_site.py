"""The commands a user runs: sphinx-build on the real site and on a broken registry, and python -m knowledge."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import yaml
from browser import render_mermaid
from bs4 import BeautifulSoup
from conftest import PROJECT, TESTS, mermaid_sources, read_html
from knowledge.schema import registry_json_schema
from registry_text import VALID, line_of, problems


def run(*args: str, cwd: Path = PROJECT) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(PROJECT / "ext")}
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


def read_the_docs_config() -> dict:
    return yaml.safe_load((PROJECT / ".readthedocs.yaml").read_text(encoding="utf-8"))


def test_read_the_docs_config_is_valid():
    schema = json.loads((TESTS / "data" / "readthedocs-config-v2.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(read_the_docs_config(), schema)


def test_whole_site_builds_strictly(tmp_path):
    # The very command Read the Docs runs, so the hosted build and this test cannot drift apart.
    (command,) = read_the_docs_config()["build"]["jobs"]["build"]["html"]
    assert "-W" in command and "-n" in command
    out = tmp_path / "html"
    env = {**os.environ, "READTHEDOCS_OUTPUT": str(tmp_path), "PYTHONPATH": str(PROJECT / "ext")}
    command = command.replace("python ", f"{sys.executable} ", 1)
    result = subprocess.run(["bash", "-c", command], cwd=PROJECT, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    soup = BeautifulSoup((out / "video" / "index.html").read_text(encoding="utf-8"), "html.parser")
    # Every section of the seed README is there, in order.
    headings = [h.get_text(strip=True).rstrip("#") for h in soup.select("section > h2")]
    assert headings == [
        "📁 目录结构",
        "🎯 学习路径",
        "📊 技术对比",
        "🔗 文档间关系图",
        "📝 前置知识",
        "📐 配图说明",
        "🚀 实际应用",
        "📚 扩展阅读",
        "⚠️ 注意事项",
    ]
    assert "最后更新" in soup.get_text()
    diagrams = mermaid_sources(soup)
    assert len(diagrams) == 4  # three learning paths and the relation graph
    # Paths 1 and 2 would be wider than the text column left to right, so they run downwards.
    assert [d.splitlines()[0] for d in diagrams[:3]] == ["flowchart TB", "flowchart TB", "flowchart LR"]
    assert 't_sora["Sora理解"]' in diagrams[0]
    assert len(soup.select("table.knowledge-comparison")) == 2
    # Every diagram of every page draws without a Mermaid error.
    everything = [
        code
        for page in sorted(out.rglob("*.html"))
        for code in mermaid_sources(read_html(out, page.relative_to(out).as_posix()))
    ]
    assert len(everything) >= 6
    assert [d.error for d in render_mermaid(everything, tmp_path)] == [None] * len(everything)
    # No hand-drawn ASCII diagram is left: every literal block is a real code sample.
    assert not [pre for pre in soup.select("pre") if "→" in pre.get_text() or "┌" in pre.get_text()]


def test_broken_registry_fails_the_build_with_located_messages_and_no_traceback(tmp_path):
    project = tmp_path / "site"
    shutil.copytree(TESTS / "roots" / "test-basic", project)
    registry = project / "registry.yaml"
    text = registry.read_text(encoding="utf-8")
    text = text.replace("{source: alpha, target: beta", "{source: alpa, target: beta").replace(
        "short: B-eta,", "short: B-eta, shrt: x,"
    )
    registry.write_text(text, encoding="utf-8")
    for strict in ([], ["-W"]):
        result = run(sys.executable, "-m", "sphinx", "-b", "html", *strict, ".", "_build/html", cwd=project)
        assert result.returncode != 0
        assert "Traceback" not in result.stderr + result.stdout
        assert f"registry.yaml:{line_of(text, 'source: alpa')}:" in result.stderr
        assert "unknown topic 'alpa' (hint: did you mean 'alpha'?)" in result.stderr
        assert "unknown field 'shrt' in topics[1] (id 'beta') (hint: did you mean 'short'?)" in result.stderr
    page = (project / "_build" / "html" / "guide" / "index.html").read_text(encoding="utf-8")
    assert "注册表有错误" in page  # the reader of a preview sees why content is missing


def test_check_command_reports_problems_and_exit_status(tmp_path):
    ok = run(sys.executable, "-m", "knowledge", "check", "--srcdir", "source")
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.startswith("source: ok")
    broken = tmp_path / "registry.yaml"
    broken.write_text(VALID.replace("type: basis}", "type: base}"), encoding="utf-8")
    result = run(sys.executable, "-m", "knowledge", "check", "--srcdir", "source", "--registry", str(broken))
    assert result.returncode == 1
    assert f"{broken}:{line_of(VALID, 'type: basis}')}:" in result.stderr
    assert "unknown relation type 'base'" in result.stderr


def test_check_command_finds_what_the_build_finds():
    root = TESTS / "roots" / "test-conventions"
    result = run(sys.executable, "-m", "knowledge", "check", "--srcdir", str(root))
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[-1] == "8 problem(s); the build with -W would fail on each of them"
    assert f"{root}/guide/c/bad.md:13:1: error: '## 大白话解释' comes after '## 正文'" in result.stderr
    assert (
        f"{root}/guide/c/unregistered.md:1:1: error: article 'guide/c/unregistered' is not registered" in result.stderr
    )
    assert (
        f"{root}/assets/images/guide/unused.png:1:1: error: this image is stored but no page uses it" in result.stderr
    )


def test_schema_and_reference_problems_are_reported_together():
    text = VALID.replace("    short: VAE\n", "    short: VAE\n    colour: red\n").replace(
        "{source: vae, target: latent-diffusion", "{source: vae, target: latent-difusion"
    )
    messages = [p.message for p in problems(text)]
    assert len(messages) == 2
    assert any("unknown field 'colour'" in m for m in messages)
    assert "unknown topic 'latent-difusion'" in messages


def test_an_entry_with_a_schema_error_causes_no_cascade():
    # The topic is broken (summary missing) but still known by its id: relations to it are not 'unknown'.
    text = VALID.replace("    summary: 另一个主题。\n", "")
    messages = [p.message for p in problems(text)]
    assert len(messages) == 1 and "lacks the required field 'summary'" in messages[0]


def test_committed_schema_is_current():
    committed = (PROJECT / "source" / "registry.schema.json").read_text(encoding="utf-8")
    assert committed == registry_json_schema(), "run 'make schema' and commit source/registry.schema.json"
    result = run(sys.executable, "-m", "knowledge", "schema", "--check")
    assert result.returncode == 0, result.stderr


def test_schema_check_fails_when_stale(tmp_path):
    stale = tmp_path / "registry.schema.json"
    stale.write_text("{}\n", encoding="utf-8")
    result = run(sys.executable, "-m", "knowledge", "schema", "--check", "--output", str(stale))
    assert result.returncode == 1 and "is stale" in result.stderr


def test_registry_points_editors_at_the_schema():
    first_line = (PROJECT / "source" / "registry.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=./registry.schema.json"
