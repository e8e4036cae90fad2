"""The pure parts: graph model from the registry, and Mermaid text from the graph model."""

from __future__ import annotations

import itertools
import re

import pytest
from knowledge.graph import (
    Graph,
    GraphEdge,
    GraphNode,
    choose_direction,
    estimated_width,
    label_width,
    neighbourhood,
    path_graph,
    ranks,
    relation_graph,
)
from knowledge.mermaid import escape_label, node_id, to_mermaid
from registry_text import VALID, load

NASTY = [
    'say "hi"',
    "[brackets] (parens) {braces}",
    "end",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "C# & F#; 100%",
    "%% not a comment",
    "a|b",
    "emoji 🎬🤖",
    "中文标签：扩散模型",
    "&lt;entity&gt; #quot; #35;",
    "back`tick\\slash",
    "line\nbreak",
]


def decode_like_mermaid(text: str) -> str:
    """Mermaid turns '#<decimal>;' codes in labels back into characters."""
    return re.sub(r"#(\d+);", lambda m: chr(int(m.group(1))), text)


@pytest.mark.parametrize("label", NASTY)
def test_labels_round_trip_and_contain_no_syntax(label):
    escaped = escape_label(label)
    assert decode_like_mermaid(escaped) == " ".join(label.split())
    # Nothing left that Mermaid's grammar, its entity decoder or HTML would interpret.
    plain = re.sub(r"#\d+;", "", escaped)
    assert not set(plain) & set('"#<>&%;`[]{}()|\\\n')


def test_node_ids_cannot_be_keywords_or_collide():
    assert node_id("end") == "t_end"
    assert node_id("3d-convolution") == "t_3d_convolution"
    assert node_id("graph") != "graph"


def test_mermaid_text_for_nasty_labels_is_well_formed():
    nodes = tuple(GraphNode(f"n{i}", label, None) for i, label in enumerate(NASTY))
    edges = tuple(GraphEdge(a.key, b.key, "solid") for a, b in itertools.pairwise(nodes))
    text = to_mermaid(Graph(nodes, edges, "TB"), {"n0": 'a"b;c.html'})
    lines = text.splitlines()
    assert lines[0] == "flowchart TB"
    for line in lines[1 : 1 + len(NASTY)]:
        assert re.fullmatch(r'    t_n\d+\["[^"\n]*"\]', line), line
    assert 'click t_n0 href "a%22b%3Bc.html"' in text
    assert "<" not in text and ">" not in text.replace("-->", "")


def test_mermaid_is_deterministic():
    registry = load(VALID)
    first = to_mermaid(relation_graph(registry), {})
    assert all(to_mermaid(relation_graph(registry), {}) == first for _ in range(3))


def test_arrow_styles_and_classes():
    nodes = (GraphNode("a", "A", "pa", ("current",)), GraphNode("b", "B", None, ("planned",)))
    edges = (GraphEdge("a", "b", "thick"), GraphEdge("b", "a", "dotted", "目标"))
    text = to_mermaid(Graph(nodes, edges, "LR"), {"a": "pa.html"})
    assert "t_a ==> t_b" in text
    assert 't_b -.->|"目标"| t_a' in text
    assert "class t_a current" in text and "class t_b planned" in text


def test_path_graph_numbers_steps_and_links_pages():
    registry = load(VALID)
    graph = path_graph(registry, "generation", current="vae")
    assert [n.label for n in graph.nodes] == ["1. VAE", "2. Latent Diffusion"]
    assert graph.node("vae").page == "guide/vae"
    assert "current" in graph.node("vae").classes
    assert graph.node("latent-diffusion").page is None
    assert "planned" in graph.node("latent-diffusion").classes
    assert graph.direction == "LR"


def test_relation_graph_filters_by_topic_and_category():
    registry = load(VALID)
    whole = relation_graph(registry)
    assert [e.source for e in whole.edges] == ["vae"]
    assert [(entry.line, entry.label) for entry in whole.legend] == [("solid", "是……的基础")]
    assert relation_graph(registry, topic="vae", depth=1).edges == whole.edges
    assert relation_graph(registry, category="basics").edges == whole.edges


def test_neighbourhood_respects_depth():
    text = VALID.replace(
        "relations:\n",
        "relations:\n  - {source: latent-diffusion, target: extra, type: basis}\n",
    ).replace(
        "topics:\n",
        "topics:\n  - {id: extra, title: 额外, title_en: Extra, category: basics, summary: 第三个。}\n",
    )
    registry = load(text)
    assert neighbourhood(registry, "vae", 1) == {"vae", "latent-diffusion"}
    assert neighbourhood(registry, "vae", 2) == {"vae", "latent-diffusion", "extra"}


def _chain(n: int, label: str = "Diffusion Model") -> tuple[list[GraphNode], list[GraphEdge]]:
    nodes = [GraphNode(str(i), label, None) for i in range(n)]
    return nodes, [GraphEdge(str(i), str(i + 1), "solid") for i in range(n - 1)]


def _fan(n: int, label: str = "ViT") -> tuple[list[GraphNode], list[GraphEdge]]:
    nodes = [GraphNode("root", "Transformer", None)] + [GraphNode(str(i), label, None) for i in range(n)]
    return nodes, [GraphEdge("root", str(i), "solid") for i in range(n)]


def test_label_width_counts_cjk_as_wide():
    assert label_width("VAE") == 3 * 9 + 30
    assert label_width("扩散模型") == 4 * 16 + 30
    assert label_width("Sora理解") == 4 * 9 + 2 * 16 + 30


def test_estimated_width_by_direction():
    nodes, edges = _chain(3)  # three nodes of 165px
    assert estimated_width(nodes, edges, "LR") == 3 * 165 + 2 * 50
    assert estimated_width(nodes, edges, "TB") == 165
    nodes, edges = _fan(3)  # Transformer above three ViT nodes of 57px
    assert estimated_width(nodes, edges, "TB") == 3 * 57 + 2 * 50
    assert estimated_width(nodes, edges, "LR") == label_width("Transformer") + 50 + 57


def test_direction_turns_only_when_too_wide():
    assert choose_direction(*_chain(3), preferred="LR", max_width=720) == "LR"  # 595px fits
    assert choose_direction(*_chain(5), preferred="LR", max_width=720) == "TB"  # 1025px turns downwards
    assert choose_direction(*_fan(4), preferred="TB", max_width=720) == "TB"
    assert choose_direction(*_fan(12), preferred="TB", max_width=720) == "LR"  # a wide layer turns sideways
    # Too wide both ways: keep whichever is narrower.
    assert choose_direction(*_chain(30), preferred="TB", max_width=100) == "TB"


def test_layering_is_bounded_on_cycles():
    nodes, edges = _chain(3)
    edges.append(GraphEdge("2", "0", "solid"))
    layer = ranks(nodes, edges)  # a cycle must not push ranks upward forever
    assert max(layer.values()) <= len(nodes) - 1
    assert choose_direction(nodes, edges, preferred="TB", max_width=720) == "TB"  # 3 nodes of 165px fit


def test_reading_order_follows_the_paths_then_the_registry():
    text = VALID.replace(
        "topics:\n",
        "topics:\n  - {id: extra, title: 额外, title_en: Extra, category: basics, summary: 不在路径上。}\n",
    ).replace(
        "      - {topic: vae, reason: 压缩}\n      - {topic: latent-diffusion, reason: 扩散}\n",
        "      - {topic: latent-diffusion, reason: 扩散}\n      - {topic: vae, reason: 压缩}\n",
    )
    registry = load(text)
    ordered = sorted(registry.document.topics, key=registry.reading_order)
    assert [t.id for t in ordered] == ["latent-diffusion", "vae", "extra"]
