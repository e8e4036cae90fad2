"""Build the test-basic project and check what each directive renders."""

from __future__ import annotations

import re

import pytest
from conftest import mermaid_sources, read_html


@pytest.mark.sphinx("html", testroot="basic", freshenv=True)
def test_builds_without_warnings(app):
    app.build()
    assert app.warning.getvalue() == ""
    # Planned topics are listed once, as information.
    status = app.status.getvalue()
    assert status.count("planned topics without a page yet: delta, epsilon") == 1


@pytest.mark.sphinx("html", testroot="basic", freshenv=True)
def test_learning_path_diagram_and_steps(app):
    app.build()
    soup = read_html(app.outdir, "guide/index.html")
    code = mermaid_sources(soup)[0]
    assert code.startswith("flowchart LR\n")
    assert 't_alpha["1. Alpha"]' in code
    assert 't_beta["2. B-eta"]' in code  # the short name wins over title_en
    assert 't_delta["德尔塔理解"]' in code  # the goal, under its own label
    assert 't_gamma -.->|"目标"| t_delta' in code
    # Links resolved by Sphinx, relative to this page.
    assert 'click t_alpha href "a/alpha.html"' in code
    assert 'click t_gamma href "b/gamma.html"' in code
    # A planned topic is not clickable and is styled as planned.
    assert "click t_delta" not in code
    assert re.search(r"class [^\n]*t_delta[^\n]* planned", code)
    steps = soup.select("ol")[0].get_text(" ", strip=True)
    assert "先学 Alpha （打基础）".replace(" ", "") in steps.replace(" ", "")
    assert soup.find(string="目标：") is not None


@pytest.mark.sphinx("html", testroot="basic", freshenv=True)
def test_planned_topics_render_without_link(app):
    app.build()
    soup = read_html(app.outdir, "guide/index.html")
    planned = soup.select("span.knowledge-planned")
    assert planned, "planned topics must be marked"
    for span in planned:
        assert span.find_parent("a") is None
        assert "（规划中）" in span.get_text()
    linked = {a.get_text(): a["href"] for a in soup.select("a.knowledge-topic")}
    assert linked["Alpha"] == "a/alpha.html"


@pytest.mark.sphinx("html", testroot="basic", freshenv=True)
def test_links_are_right_from_any_depth(app):
    app.build()
    deep = mermaid_sources(read_html(app.outdir, "guide/a/beta.html"))[0]
    assert 'click t_gamma href "../b/gamma.html"' in deep
    assert 'click t_alpha href "alpha.html"' in deep
    # The current page's topic is highlighted and does not link to itself.
    assert "click t_beta" not in deep
    assert re.search(r"class t_beta current", deep)
    top = mermaid_sources(read_html(app.outdir, "index.html"))[0]
    assert 'click t_beta href "guide/a/beta.html"' in top


@pytest.mark.sphinx("dirhtml", testroot="basic", freshenv=True)
def test_links_with_dirhtml_builder(app):
    app.build()
    deep = mermaid_sources(read_html(app.outdir, "guide/a/beta/index.html"))[0]
    assert 'click t_gamma href "../../b/gamma/"' in deep
    top = mermaid_sources(read_html(app.outdir, "index.html"))[0]
    assert 'click t_alpha href "guide/a/alpha/"' in top


@pytest.mark.sphinx("html", testroot="basic", freshenv=True)
def test_relation_graph_scopes_and_legend(app):
    app.build()
    whole = mermaid_sources(read_html(app.outdir, "index.html"))[0]
    assert whole.count(" --> ") == 3 and whole.count(" ==> ") == 1  # relation types are drawn apart
    for key in ("alpha", "beta", "gamma", "delta", "epsilon"):
        assert f"t_{key}[" in whole
    guide = read_html(app.outdir, "guide/index.html")
    category = mermaid_sources(guide)[-1]
    # Category cat-a: relations touching alpha or beta, nothing else.
    assert "t_alpha --> t_beta" in category and "t_beta ==> t_gamma" in category
    assert "t_gamma --> t_epsilon" not in category
    legend = guide.select(".knowledge-legend")[-1].get_text()
    assert "实线箭头：是……的基础" in legend and "粗线箭头：是……的组成部分" in legend
    # Notes on relations stay visible under the diagram.
    assert "这是一条带注释的关系。" in read_html(app.outdir, "index.html").get_text()


@pytest.mark.sphinx("html", testroot="basic", freshenv=True)
def test_neighbourhood_depth(app):
    app.build()
    alpha = mermaid_sources(read_html(app.outdir, "guide/a/alpha.html"))[0]
    # depth 1 around alpha: beta and delta, not gamma (two steps away).
    assert "t_beta[" in alpha and "t_delta[" in alpha and "t_gamma[" not in alpha


@pytest.mark.sphinx("html", testroot="basic", freshenv=True)
def test_comparison_table(app):
    app.build()
    soup = read_html(app.outdir, "guide/index.html")
    table = soup.select_one("table.knowledge-comparison")
    headers = [th.get_text(strip=True) for th in table.select("thead th")]
    assert headers == ["模型", "速度", "质量"]
    rows = [[td.get_text(strip=True) for td in tr.select("td")] for tr in table.select("tbody tr")]
    assert rows[0] == ["Alpha", "快[1]", "高"]
    assert rows[1][0] == "德尔塔模型（规划中）"
    assert "[1] Alpha·速度：速度的注释。" in soup.get_text()
    assert table.select_one("a.knowledge-topic")["href"] == "a/alpha.html"


@pytest.mark.sphinx("html", testroot="basic", freshenv=True)
def test_topic_navigation_block(app):
    app.build()
    nav = read_html(app.outdir, "guide/a/beta.html").select_one(".knowledge-nav")
    text = nav.get_text(" ", strip=True)
    assert "前置知识" in text and "后续知识" in text
    assert "路径1（主线） 第2步/共3步" in text
    links = {a.get_text(): a["href"] for a in nav.select("a")}
    assert links == {"Alpha": "alpha.html", "Gamma": "../b/gamma.html"}  # previous/prerequisite, next/successor
    gamma = read_html(app.outdir, "guide/b/gamma.html").select_one(".knowledge-nav").get_text(" ", strip=True)
    assert "第3步/共3步" in gamma and "目标： 德尔塔理解" in gamma


@pytest.mark.sphinx("html", testroot="basic", freshenv=True)
def test_tree_prerequisites_applications_and_reading(app):
    app.build()
    soup = read_html(app.outdir, "guide/index.html")
    tree = soup.select_one(".knowledge-tree").get_text(" ", strip=True)
    for expected in ("guide/", "a/ — 甲类", "b/ — 乙类", "alpha.md", "gamma.md", "epsilon.md"):
        assert expected in tree
    assert "delta" not in tree  # a topic without a page has no file
    text = soup.get_text(" ", strip=True)
    assert "必需" in text and "德尔塔（规划中）" in text
    apps = soup.select_one(".knowledge-applications").get_text("", strip=True)
    assert "组合系统：Alpha+B-eta" in apps.replace(" ", "")
    assert "某任务：德尔塔方法（规划中）、B-eta" in apps.replace(" ", "")
    arxiv = soup.find("a", string="arXiv:2001.00001")
    assert arxiv["href"] == "https://arxiv.org/abs/2001.00001"
    assert soup.find("a", href="https://example.org/alpha") is not None


@pytest.mark.sphinx("text", testroot="basic", freshenv=True)
def test_other_builders_get_the_facts_as_text(app):
    app.build()
    index = (app.outdir / "index.txt").read_text(encoding="utf-8")
    assert "Alpha 是 B-eta 的基础" in index
    assert "B-eta 是 Gamma 的组成部分" in index
    assert "注：这是一条带注释的关系。" in index
    guide = (app.outdir / "guide" / "index.txt").read_text(encoding="utf-8")
    assert "先学Alpha（打基础）" in guide
    assert "flowchart" not in guide


@pytest.mark.sphinx("html", testroot="basic", freshenv=True)
def test_topic_toctree_lists_written_articles_in_registry_order(app):
    app.build()
    assert app.env.toctree_includes["guide/index"] == ["guide/a/alpha", "guide/a/beta", "guide/b/gamma"]
    # Planned topics (epsilon's page is not written) stay out of the navigation.
    assert "guide/b/epsilon" not in app.env.found_docs
    nav = read_html(app.outdir, "guide/a/alpha.html")
    assert nav.find("a", href="beta.html") is not None  # next page, from the generated toctree


@pytest.mark.sphinx("html", testroot="basic", freshenv=True)
def test_composition_of_a_system(app):
    app.build()
    soup = read_html(app.outdir, "guide/index.html")
    code = next(c for c in mermaid_sources(soup) if "t_alpha ==> t_gamma" in c)
    assert "t_beta ==> t_gamma" in code and 't_gamma["组合系统"]' in code
    assert 'click t_alpha href "a/alpha.html"' in code
    sentence = next(p for p in soup.select("p") if p.get_text().startswith("组合系统 ="))
    assert sentence.get_text(" ", strip=True).replace(" ", "") == "组合系统=Alpha+B-eta"
    assert "组合的注释。" in soup.get_text()


@pytest.mark.sphinx("html", testroot="basic", freshenv=True)
def test_path_summary_links_every_step(app):
    app.build()
    summary = read_html(app.outdir, "index.html").select_one(".knowledge-path-summary")
    assert summary.get_text(" ", strip=True).replace(" ", "") == "路径1：主线：Alpha→B-eta→Gamma⇒德尔塔理解（规划中）"
    assert [a["href"] for a in summary.select("a")] == ["guide/a/alpha.html", "guide/a/beta.html", "guide/b/gamma.html"]
