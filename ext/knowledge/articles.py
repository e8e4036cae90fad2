"""What an article's Markdown contains, read with the same parser the build uses.

MyST's markdown-it parser gives every block its line range, so facts found here
(headings, image placeholders, images, links, citations) carry the line an author
sees in the editor, and nothing inside a code block is mistaken for one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from urllib.parse import unquote

import yaml
from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser

PLACEHOLDER = re.compile(r"<!--\s*TODO\s*[:：]\s*(?:配图\s*[:：])?(?P<text>.*?)-->", re.DOTALL)
CITE_ROLE = re.compile(r"^(?P<kind>cite|footcite)(:[a-z]+)?$")
IMAGE_DIRECTIVES = ("{figure}", "{image}")


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    line: int


@dataclass(frozen=True)
class Placeholder:
    text: str
    line: int


@dataclass(frozen=True)
class Reference:
    """A link, image or citation key, with the line it is written on."""

    target: str
    line: int


@dataclass(frozen=True)
class CodeBlock:
    language: str
    code: str
    line: int  # line of the opening fence


@dataclass
class ArticleFacts:
    front_matter: dict[str, object] | None = None
    front_matter_error: str | None = None
    headings: list[Heading] = field(default_factory=list)
    placeholders: list[Placeholder] = field(default_factory=list)
    images: list[Reference] = field(default_factory=list)
    links: list[Reference] = field(default_factory=list)
    citations: list[Reference] = field(default_factory=list)
    bibliographies: list[int] = field(default_factory=list)  # lines of {footbibliography} directives
    global_citations: list[Reference] = field(default_factory=list)  # {cite} roles (not per-article)
    code_blocks: list[CodeBlock] = field(default_factory=list)

    def heading(self, text: str, level: int = 2) -> Heading | None:
        return next((h for h in self.headings if h.level == level and h.text == text), None)


@cache
def _parser() -> MarkdownIt:
    config = MdParserConfig(
        enable_extensions={"amsmath", "attrs_inline", "colon_fence", "deflist", "dollarmath", "fieldlist"}
    )
    return create_md_parser(config, RendererHTML)


def _line(token: Token) -> int:
    return token.map[0] + 1 if token.map else 1


def read_article(text: str) -> ArticleFacts:
    """Facts about one Markdown article (lines are 1-based)."""
    facts = ArticleFacts()
    tokens = _parser().parse(text)
    for index, token in enumerate(tokens):
        if token.type == "front_matter":
            _front_matter(facts, token.content)
        elif token.type == "heading_open":
            facts.headings.append(Heading(int(token.tag[1]), tokens[index + 1].content.strip(), _line(token)))
        elif token.type == "html_block":
            _placeholders(facts, token.content, _line(token))
        elif token.type in ("fence", "colon_fence"):
            _directive(facts, token)
        elif token.type == "inline":
            _inline(facts, token)
    return facts


def _front_matter(facts: ArticleFacts, content: str) -> None:
    try:
        data = yaml.safe_load(content) or {}
    except yaml.YAMLError as exc:
        facts.front_matter_error = str(exc).splitlines()[0]
        return
    if isinstance(data, dict):
        facts.front_matter = data
    else:
        facts.front_matter_error = "the front matter is not a mapping of fields"


def _placeholders(facts: ArticleFacts, html: str, first_line: int) -> None:
    for match in PLACEHOLDER.finditer(html):
        line = first_line + html.count("\n", 0, match.start())
        facts.placeholders.append(Placeholder(" ".join(match.group("text").split()), line))


def _directive(facts: ArticleFacts, token: Token) -> None:
    name, _, argument = token.info.strip().partition(" ")
    if not name.startswith("{"):
        facts.code_blocks.append(CodeBlock(name, token.content, _line(token)))
        return
    if name in IMAGE_DIRECTIVES and argument.strip():
        facts.images.append(Reference(argument.strip(), _line(token)))
    elif name == "{footbibliography}":
        facts.bibliographies.append(_line(token))


def _inline(facts: ArticleFacts, token: Token) -> None:
    line = _line(token)
    for child in token.children or []:
        # markdown-it percent-encodes URLs; authors wrote (and Sphinx reads) the plain text.
        if child.type == "image":
            facts.images.append(Reference(unquote(str(child.attrs.get("src", ""))), line))
        elif child.type == "link_open":
            facts.links.append(Reference(unquote(str(child.attrs.get("href", ""))), line))
        elif child.type == "html_inline":
            _placeholders(facts, child.content, line)
        elif child.type == "myst_role" and (role := CITE_ROLE.match(str(child.meta.get("name", "")))):
            for key in child.content.split(","):
                if key.strip():
                    facts.citations.append(Reference(key.strip(), line))
                    if role.group("kind") == "cite":
                        facts.global_citations.append(Reference(key.strip(), line))
