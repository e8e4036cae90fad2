"""Registry + request → a diagram model (nodes, edges, styles, direction). Pure Python."""

from __future__ import annotations

import unicodedata
from collections import deque
from dataclasses import dataclass
from itertools import pairwise
from typing import Literal

from .registry import Registry

Line = Literal["solid", "dotted", "thick"]
Direction = Literal["LR", "TB"]


@dataclass(frozen=True)
class GraphNode:
    key: str  # topic id, unique within a graph
    label: str
    page: str | None  # document to link, None for planned topics
    classes: tuple[str, ...] = ()


@dataclass(frozen=True)
class GraphEdge:
    source: str
    target: str
    line: Line
    label: str | None = None


@dataclass(frozen=True)
class LegendEntry:
    line: Line
    label: str


@dataclass(frozen=True)
class Graph:
    nodes: tuple[GraphNode, ...]
    edges: tuple[GraphEdge, ...]
    direction: Direction
    legend: tuple[LegendEntry, ...] = ()

    def node(self, key: str) -> GraphNode:
        return next(n for n in self.nodes if n.key == key)


def _topic_node(registry: Registry, topic_id: str, label: str, current: str | None, *extra: str) -> GraphNode:
    classes = list(extra)
    if registry.is_planned(topic_id):
        classes.append("planned")
    if topic_id == current:
        classes.append("current")
    return GraphNode(topic_id, label, registry.page_of(topic_id), tuple(classes))


def path_graph(registry: Registry, path_id: str, *, current: str | None = None, max_width: int = 720) -> Graph:
    """The steps of a learning path as a chain, ending in its goal if it has one."""
    path = registry.paths[path_id]
    nodes: list[GraphNode] = []
    for number, step in enumerate(path.steps, start=1):
        label = f"{number}. {step.label or registry.topics[step.topic].label}"
        nodes.append(_topic_node(registry, step.topic, label, current, "step"))
    edges = [GraphEdge(a.key, b.key, "solid") for a, b in pairwise(nodes)]
    if path.goal is not None:
        nodes.append(_topic_node(registry, path.goal.topic, path.goal.label, current, "goal"))
        edges.append(GraphEdge(nodes[-2].key, path.goal.topic, "dotted", "目标"))
    return Graph(tuple(nodes), tuple(edges), choose_direction(nodes, edges, preferred="LR", max_width=max_width))


def composition_graph(registry: Registry, topic: str, *, current: str | None = None, max_width: int = 720) -> Graph:
    """A system and the building blocks it is made of (an application of kind 'composition')."""
    item = registry.compositions[topic]
    system = registry.topics[topic]
    blocks = [
        _topic_node(registry, ref.topic, ref.label or registry.topics[ref.topic].label, current) for ref in item.blocks
    ]
    nodes = [*blocks, _topic_node(registry, topic, item.title or system.label, current, "goal")]
    edges = [GraphEdge(block.key, topic, "thick") for block in blocks]
    legend = (LegendEntry("thick", "是……的组成部分"),)
    direction = choose_direction(nodes, edges, preferred="LR", max_width=max_width)
    return Graph(tuple(nodes), tuple(edges), direction, legend)


def relation_graph(
    registry: Registry,
    *,
    category: str | None = None,
    topic: str | None = None,
    depth: int = 1,
    current: str | None = None,
    max_width: int = 720,
) -> Graph:
    """The relations among all topics, those touching one category, or one topic's neighbourhood."""
    relations = list(registry.document.relations)
    if category is not None:
        members = {t.id for t in registry.topics_in_category(category)}
        relations = [r for r in relations if r.source in members or r.target in members]
    if topic is not None:
        near = neighbourhood(registry, topic, depth)
        relations = [r for r in relations if r.source in near and r.target in near]
    order = {t.id: i for i, t in enumerate(registry.document.topics)}
    keys = {r.source for r in relations} | {r.target for r in relations}
    if topic is not None:
        keys.add(topic)
    nodes = [
        _topic_node(registry, key, registry.topics[key].label, current) for key in sorted(keys, key=order.__getitem__)
    ]
    types = registry.relation_types
    edges = [GraphEdge(r.source, r.target, types[r.type].line) for r in relations]
    used = [t for t in registry.document.relation_types if any(r.type == t.id for r in relations)]
    legend = tuple(LegendEntry(t.line, t.label) for t in used)
    direction = choose_direction(nodes, edges, preferred="TB", max_width=max_width)
    return Graph(tuple(nodes), tuple(edges), direction, legend)


def neighbourhood(registry: Registry, topic: str, depth: int) -> set[str]:
    """Topics within ``depth`` relations of ``topic``, in either direction."""
    adjacent: dict[str, set[str]] = {}
    for r in registry.document.relations:
        adjacent.setdefault(r.source, set()).add(r.target)
        adjacent.setdefault(r.target, set()).add(r.source)
    seen = {topic}
    frontier = deque([(topic, 0)])
    while frontier:
        key, distance = frontier.popleft()
        if distance == depth:
            continue
        for other in adjacent.get(key, ()):
            if other not in seen:
                seen.add(other)
                frontier.append((other, distance + 1))
    return seen


def ranks(nodes: list[GraphNode], edges: list[GraphEdge]) -> dict[str, int]:
    """Longest-path layering, the way a layered layout stacks nodes (cycles are cut)."""
    rank = {n.key: 0 for n in nodes}
    # Bellman-Ford style relaxation bounded by the node count, so a cycle cannot loop forever.
    for _ in range(len(nodes)):
        changed = False
        for e in edges:
            if rank[e.target] < rank[e.source] + 1 <= len(nodes) - 1:
                rank[e.target] = rank[e.source] + 1
                changed = True
        if not changed:
            break
    return rank


# Mermaid's defaults (16px text, 15px node padding each side, 50px between nodes and
# between layers), measured against rendered SVGs: a Latin character is about 9px wide,
# a CJK character a full 16px.
_LATIN_PX, _WIDE_PX, _NODE_PADDING_PX, _GAP_PX = 9, 16, 30, 50


def label_width(label: str) -> int:
    """Estimated width in pixels of a node drawn with ``label``."""
    text = sum(_WIDE_PX if unicodedata.east_asian_width(c) in "WF" else _LATIN_PX for c in label)
    return text + _NODE_PADDING_PX


def estimated_width(nodes: list[GraphNode], edges: list[GraphEdge], direction: Direction) -> int:
    """How wide the diagram will be drawn in ``direction``, in pixels."""
    layer_of = ranks(nodes, edges)
    layers: dict[int, list[int]] = {}
    for node in nodes:
        layers.setdefault(layer_of[node.key], []).append(label_width(node.label))
    if direction == "LR":  # layers stand side by side, each as wide as its widest node
        return sum(max(widths) for widths in layers.values()) + _GAP_PX * (len(layers) - 1)
    return max(sum(widths) + _GAP_PX * (len(widths) - 1) for widths in layers.values())


def choose_direction(
    nodes: list[GraphNode], edges: list[GraphEdge], *, preferred: Direction, max_width: int
) -> Direction:
    """Keep the preferred direction if the diagram fits ``max_width`` pixels, else turn it.

    A diagram wider than the text column would be shrunk until its labels are
    unreadable; turned by 90 degrees it grows down the page instead, where there is room.
    """
    if not nodes:
        return preferred
    other: Direction = "LR" if preferred == "TB" else "TB"
    width = estimated_width(nodes, edges, preferred)
    if width > max_width and estimated_width(nodes, edges, other) < width:
        return other
    return preferred
