"""The authoring conventions every article follows, checked with a located message and a fix.

Used twice with the same rules: inside the Sphinx build (warnings, so ``-W`` fails)
and by ``python -m knowledge check`` without a build. The build already reports
broken links, missing images and unknown citation keys itself, so those existence
checks run only stand-alone (``check_existence``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .articles import ArticleFacts
from .model import folder_of
from .problems import Location, Problem, did_you_mean
from .registry import Registry

ARTICLE_AUTHOR = "AI收集"
PLAIN_SECTION, MAIN_SECTION, SOURCES_SECTION = "大白话解释", "正文", "参考文献"
FRONT_MATTER_FIELDS = ("title", "description", "author", "date")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
FRONT_MATTER_TEMPLATE = "'---', 'title: …', 'description: …', 'author: AI收集', 'date: YYYY-MM-DD', '---'"
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".pdf"}

Report = Callable[[int, str, str], None]  # (line, message, hint)


DEFAULT_IMAGE_ROOT = "assets/images"


def image_folder(image_root: str, section_folder: str) -> str:
    """Where the images of a section's articles live: 'assets/images/video'."""
    return f"{image_root.rstrip('/')}/{section_folder}".rstrip("/")


@dataclass(frozen=True)
class ArticleContext:
    docname: str  # e.g. 'video/generation/what-is-VAE'
    srcdir: Path
    image_folder: str  # where this article's images belong, e.g. 'assets/images/video'
    pages: frozenset[str]  # every document of the project
    citation_keys: frozenset[str] | None = None  # None: do not check keys
    check_existence: bool = False

    @property
    def path(self) -> Path:
        return self.srcdir / f"{self.docname}.md"


def check_article(facts: ArticleFacts, text: str, context: ArticleContext) -> list[Problem]:
    """Every convention the article breaks."""
    problems: list[Problem] = []

    def report(line: int, message: str, hint: str) -> None:
        problems.append(Problem(Location(context.path, line, 1), message, hint))

    _front_matter(facts, text, report)
    _sections(facts, report)
    _placeholder_or_figure(facts, report)
    _sources(facts, report)
    _image_folder(facts, context, report)
    return problems + check_references(facts, context)


def check_references(facts: ArticleFacts, context: ArticleContext) -> list[Problem]:
    """Citation keys, images and internal links that do not exist (for any page).

    Only stand-alone: in a build, Sphinx and sphinxcontrib-bibtex report these themselves.
    """
    problems: list[Problem] = []

    def report(line: int, message: str, hint: str) -> None:
        problems.append(Problem(Location(context.path, line, 1), message, hint))

    if context.check_existence:
        _citation_keys(facts, context, report)
        _images_exist(facts, context, report)
        _links(facts, context, report)
    return problems


def _field_line(text: str, name: str) -> int:
    for number, line in enumerate(text.splitlines()[1:], start=2):
        if line.startswith(f"{name}:"):
            return number
        if line.strip() == "---":
            break
    return 1


def _front_matter(facts: ArticleFacts, text: str, report: Report) -> None:
    if facts.front_matter_error:
        report(1, f"the front matter is not valid YAML: {facts.front_matter_error}", "fix the lines between the '---'")
        return
    if facts.front_matter is None:
        report(1, "the article has no front matter", f"start the file with these lines: {FRONT_MATTER_TEMPLATE}")
        return
    meta = facts.front_matter
    for name in FRONT_MATTER_FIELDS:
        if meta.get(name) in (None, ""):
            report(1, f"the front matter lacks '{name}'", f"add '{name}: …' between the '---' lines")
    author = meta.get("author")
    if author not in (None, "", ARTICLE_AUTHOR):
        report(
            _field_line(text, "author"),
            f"author is {author!r}, but the guide's articles carry {ARTICLE_AUTHOR!r}",
            f"write 'author: {ARTICLE_AUTHOR}'",
        )
    date = meta.get("date")
    if date not in (None, "") and not _is_iso_date(date):
        report(
            _field_line(text, "date"), f"date {date!r} is not an ISO date (YYYY-MM-DD)", "write e.g. 'date: 2025-11-13'"
        )


def _is_iso_date(value: object) -> bool:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return True  # YAML already read it as a date, so it was written YYYY-MM-DD
    if isinstance(value, str) and ISO_DATE.match(value):
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            return False
        return True
    return False


def _sections(facts: ArticleFacts, report: Report) -> None:
    title_line = facts.headings[0].line if facts.headings else 1
    plain, main, sources = (facts.heading(name) for name in (PLAIN_SECTION, MAIN_SECTION, SOURCES_SECTION))
    if plain is None:
        report(title_line, f"there is no '## {PLAIN_SECTION}' section", "explain the idea in plain words first")
    if main is None:
        report(
            title_line, f"there is no '## {MAIN_SECTION}' section", f"put the technical text under '## {MAIN_SECTION}'"
        )
    if plain and main and plain.line > main.line:
        report(
            plain.line, f"'## {PLAIN_SECTION}' comes after '## {MAIN_SECTION}'", f"move it before '## {MAIN_SECTION}'"
        )
    if sources is None:
        report(title_line, f"there is no '## {SOURCES_SECTION}' section", "end the article with its sources")


def _placeholder_or_figure(facts: ArticleFacts, report: Report) -> None:
    # "Near the top": between the title and the first section.
    sections = [h.line for h in facts.headings if h.level == 2]
    top_end = sections[0] if sections else None
    if facts.images or any(top_end is None or p.line < top_end for p in facts.placeholders):
        return
    report(
        top_end or 1,
        "no image placeholder near the top and no figure",
        "add '<!-- TODO: 配图：what the figure shows -->' under the title, or a real figure",
    )


def _sources(facts: ArticleFacts, report: Report) -> None:
    sources = facts.heading(SOURCES_SECTION)
    if sources is not None:
        following = [h.line for h in facts.headings if h.line > sources.line and h.level <= 2]
        end = following[0] if following else 10**9
        if not any(sources.line < line < end for line in facts.bibliographies):
            report(
                sources.line,
                f"'## {SOURCES_SECTION}' has no bibliography",
                "put a '{footbibliography}' directive under it: it lists what the article cites",
            )
        if not facts.citations:
            report(
                sources.line,
                "the article cites no source",
                "cite where a claim is made: {footcite:p}`key`, with the key from source/references.bib",
            )
    for citation in facts.global_citations:
        report(
            citation.line,
            f"{{cite}} role for {citation.target!r}: articles cite with {{footcite}}",
            "write {footcite:p}`key` (or {footcite:t}`key`): references are numbered per article",
        )


def _citation_keys(facts: ArticleFacts, context: ArticleContext, report: Report) -> None:
    if context.citation_keys is None:
        return
    for citation in facts.citations:
        if citation.target not in context.citation_keys:
            hint = did_you_mean(citation.target, context.citation_keys) or "add the entry to source/references.bib"
            report(citation.line, f"unknown citation key {citation.target!r}", hint)


def _resolve(context: ArticleContext, target: str) -> PurePosixPath:
    """A path as Sphinx reads it: '/x' from source/, 'x' from the article's folder."""
    if target.startswith("/"):
        return PurePosixPath(target.lstrip("/"))
    parts: list[str] = []
    for part in (*PurePosixPath(context.docname).parent.parts, *PurePosixPath(target).parts):
        if part == "..":
            if parts:
                parts.pop()
        elif part != ".":
            parts.append(part)
    return PurePosixPath(*parts)


def _is_external(target: str) -> bool:
    return bool(re.match(r"^[a-z][a-z0-9+.-]*:", target)) or target.startswith(("#", "//"))


def _image_folder(facts: ArticleFacts, context: ArticleContext, report: Report) -> None:
    folder = PurePosixPath(context.image_folder)
    for image in facts.images:
        if not _is_external(image.target) and folder not in _resolve(context, image.target).parents:
            report(
                image.line,
                f"image {image.target!r} is stored outside source/{folder}/",
                f"move it to source/{folder}/ and refer to it from there",
            )


def _images_exist(facts: ArticleFacts, context: ArticleContext, report: Report) -> None:
    for image in facts.images:
        if _is_external(image.target):
            continue
        resolved = _resolve(context, image.target)
        if not (context.srcdir / resolved).is_file():
            report(
                image.line, f"image {image.target!r} does not exist (source/{resolved})", "add the file or fix the path"
            )


def _links(facts: ArticleFacts, context: ArticleContext, report: Report) -> None:
    for link in facts.links:
        if _is_external(link.target) or not link.target:
            continue
        target = link.target.split("#", 1)[0]
        resolved = _resolve(context, target)
        if resolved.suffix == ".md":
            if resolved.with_suffix("").as_posix() not in context.pages:
                hint = did_you_mean(resolved.with_suffix("").as_posix(), context.pages) or "fix the path"
                report(link.line, f"link target {link.target!r} does not exist", hint)
        elif not (context.srcdir / resolved).exists():
            report(link.line, f"link target {link.target!r} does not exist", "fix the path")


def unregistered_articles(registry: Registry, pages: Iterable[str], srcdir: Path) -> list[Problem]:
    """Pages in a category's folder that no topic claims (section index pages aside)."""
    folders = []
    for category in registry.document.categories:
        folders.append(folder_of(registry.sections[category.section], category))
    indexes = {section.index for section in registry.document.sections}
    claimed = set(registry.topic_by_page)
    problems = []
    for page in sorted(pages):
        folder = page.rsplit("/", 1)[0] + "/" if "/" in page else ""
        if folder in folders and page not in claimed and page not in indexes:
            problems.append(
                Problem(
                    Location(srcdir / f"{page}.md", 1, 1),
                    f"article {page!r} is not registered as the page of a topic",
                    f"add a topic with 'page: {page}' to source/registry.yaml",
                )
            )
    return problems


def unused_images(srcdir: Path, image_root: str, used: Iterable[str]) -> list[Problem]:
    """Images stored under source/<image_root> that no page shows."""
    root = srcdir / image_root
    if not root.is_dir():
        return []
    used_set = {PurePosixPath(u).as_posix() for u in used}
    problems = []
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(srcdir).as_posix()
        if path.is_file() and path.suffix.lower() in IMAGE_SUFFIXES and relative not in used_set:
            problems.append(
                Problem(
                    Location(path, 1, 1),
                    "this image is stored but no page uses it",
                    "use it in an article, or delete it",
                )
            )
    return problems


def image_references(facts: ArticleFacts, context: ArticleContext) -> list[str]:
    """The images an article shows, as paths relative to source/."""
    return [_resolve(context, r.target).as_posix() for r in facts.images if not _is_external(r.target)]
