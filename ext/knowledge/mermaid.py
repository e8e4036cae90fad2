"""Graph model → Mermaid flowchart text. Pure; owns all quoting and escaping.

Labels come from the registry and may contain anything: quotes, brackets, the
keyword ``end``, HTML, ``#``, ``%%``, emoji.  Mermaid decodes ``#<decimal>;`` entity
codes inside quoted labels, so every character that Mermaid or HTML could give a
meaning to is written as such a code and is shown literally.  Node ids are derived
from topic ids with a prefix, never from label text, so they cannot be keywords.
"""

from __future__ import annotations

from collections.abc import Mapping

from .graph import Graph, GraphEdge

# Characters with a meaning to Mermaid's grammar, its entity decoder, Markdown
# strings or HTML labels.
_SPECIAL = set('"#&<>%;`\\{}[]()|*_~=')

_ARROWS = {"solid": "-->", "dotted": "-.->", "thick": "==>"}

# Styles per node class. Colours are chosen to work on both light and dark page
# backgrounds (the fill carries the contrast, not the page).
CLASS_STYLES = {
    "planned": "fill:#f3f4f6,stroke:#9ca3af,stroke-dasharray:5 4,color:#4b5563",
    "current": "fill:#fde68a,stroke:#b45309,stroke-width:3px,color:#1f2937",
    "goal": "fill:#dbeafe,stroke:#1d4ed8,color:#1e3a8a",
}


def escape_label(text: str) -> str:
    """Text safe inside a double-quoted Mermaid label, shown literally."""
    out: list[str] = []
    for char in " ".join(text.split()):  # labels are one line; newlines would end the statement
        out.append(f"#{ord(char)};" if char in _SPECIAL else char)
    return "".join(out)


def node_id(key: str) -> str:
    """A Mermaid node id for a topic id ('3d-convolution' → 't_3d_convolution')."""
    return "t_" + "".join(c if c.isalnum() else "_" for c in key)


def _escape_url(url: str) -> str:
    # URLs come from Sphinx and are already percent-encoded where needed; only a
    # quote (ends the string) and ';' (could close a '#name;' entity code) remain.
    return url.replace('"', "%22").replace(";", "%3B")


def _edge(edge: GraphEdge) -> str:
    arrow = _ARROWS[edge.line]
    middle = f'|"{escape_label(edge.label)}"|' if edge.label else ""
    return f"    {node_id(edge.source)} {arrow}{middle} {node_id(edge.target)}"


def to_mermaid(graph: Graph, links: Mapping[str, str]) -> str:
    """Mermaid source for ``graph``; ``links`` maps node keys to resolved URLs."""
    lines = [f"flowchart {graph.direction}"]
    for node in graph.nodes:
        lines.append(f'    {node_id(node.key)}["{escape_label(node.label)}"]')
    lines.extend(_edge(edge) for edge in graph.edges)
    for node in graph.nodes:
        if node.key in links:
            lines.append(f'    click {node_id(node.key)} href "{_escape_url(links[node.key])}"')
    for name, style in CLASS_STYLES.items():
        members = [node_id(n.key) for n in graph.nodes if name in n.classes]
        if members:
            lines.append(f"    classDef {name} {style}")
            lines.append(f"    class {','.join(members)} {name}")
    return "\n".join(lines) + "\n"
