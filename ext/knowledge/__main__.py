"""Command line: ``python -m knowledge check``, ``schema`` and ``new``.

``check`` validates the registry, the articles' conventions, citations, images and
internal links without a Sphinx build (well under a second for this site).
``schema`` regenerates registry.schema.json; ``schema --check`` fails when the
committed schema is stale.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from .articles import read_article
from .bibliography import load_bibliography
from .conventions import (
    DEFAULT_IMAGE_ROOT,
    ArticleContext,
    check_article,
    check_references,
    image_folder,
    image_references,
    unregistered_articles,
    unused_images,
)
from .model import folder_of
from .problems import Problem, RegistryError
from .registry import load_registry
from .scaffold import NewArticle, create_article
from .schema import registry_json_schema


def discover_pages(srcdir: Path) -> set[str]:
    """Document names under ``srcdir`` (Markdown sources, build output excluded)."""
    pages = set()
    for path in srcdir.rglob("*.md"):
        relative = path.relative_to(srcdir)
        if relative.parts[0] in {"_build", "_static", "_templates"} or relative.name.startswith("."):
            continue
        pages.add(relative.with_suffix("").as_posix())
    return pages


def collect_problems(srcdir: Path, registry_file: Path, bib_file: Path, image_root: str) -> list[Problem]:
    """Everything the build would complain about in the registry and the articles, without a build."""
    problems: list[Problem] = []
    pages = discover_pages(srcdir)
    publications = None
    if bib_file.exists():
        try:
            publications = load_bibliography(bib_file)
        except RegistryError as error:
            problems.extend(error.problems)
    try:
        registry = load_registry(registry_file, existing_pages=pages, publications=publications)
    except RegistryError as error:
        return problems + error.problems
    problems.extend(registry.warnings)
    keys = frozenset(publications) if publications is not None else None
    used_images: set[str] = set()
    for page in sorted(pages):
        text = (srcdir / f"{page}.md").read_text(encoding="utf-8")
        facts = read_article(text)
        topic = registry.topic_by_page.get(page)
        folder = image_folder(image_root, folder_of(registry.section_of(topic.id))) if topic else image_root
        context = ArticleContext(page, srcdir, folder, frozenset(pages), keys, check_existence=True)
        used_images.update(image_references(facts, context))
        problems.extend(check_article(facts, text, context) if topic else check_references(facts, context))
    problems.extend(unregistered_articles(registry, pages, srcdir))
    problems.extend(unused_images(srcdir, image_root, used_images))
    return problems


def check(srcdir: Path, registry_file: Path, bib_file: Path, image_root: str) -> int:
    problems = sorted(collect_problems(srcdir, registry_file, bib_file, image_root), key=lambda p: p.location)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s); the build with -W would fail on each of them", file=sys.stderr)
        return 1
    print(f"{srcdir}: ok — registry, {len(discover_pages(srcdir))} pages, sources and images")
    return 0


def new(srcdir: Path, registry_file: Path, article: NewArticle) -> int:
    try:
        registry = load_registry(registry_file, existing_pages=discover_pages(srcdir))
        path, page = create_article(registry, srcdir, article, dt.date.today())
    except RegistryError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return 1
    print(f"wrote {path}")
    print(f"added topic {article.topic_id!r} (page {page}) to {registry_file}")
    print("next: write the article and cite its sources; 'make check' says what is still missing")
    return 0


def schema(target: Path, *, check_only: bool) -> int:
    text = registry_json_schema()
    if check_only:
        current = target.read_text(encoding="utf-8") if target.exists() else ""
        if current != text:
            print(f"{target} is stale; run 'make schema' (python -m knowledge schema) and commit it", file=sys.stderr)
            return 1
        print(f"{target}: up to date")
        return 0
    target.write_text(text, encoding="utf-8")
    print(f"wrote {target}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m knowledge", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    check_cmd = sub.add_parser("check", help="validate the registry and its pages")
    check_cmd.add_argument("--srcdir", type=Path, default=Path("source"))
    check_cmd.add_argument("--registry", type=Path, default=None, help="default: SRCDIR/registry.yaml")
    check_cmd.add_argument("--bib", type=Path, default=None, help="default: SRCDIR/references.bib")
    check_cmd.add_argument("--image-root", default=DEFAULT_IMAGE_ROOT, help="image folder inside SRCDIR")
    schema_cmd = sub.add_parser("schema", help="write (or --check) the registry's JSON Schema")
    schema_cmd.add_argument("--output", type=Path, default=Path("source/registry.schema.json"))
    schema_cmd.add_argument("--check", action="store_true", help="fail if the file differs instead of writing")
    new_cmd = sub.add_parser("new", help="scaffold an article and register its topic")
    new_cmd.add_argument("--srcdir", type=Path, default=Path("source"))
    new_cmd.add_argument("--id", required=True, help="topic id, e.g. vq-vae")
    new_cmd.add_argument("--category", required=True, help="category id, e.g. generation")
    new_cmd.add_argument("--file", required=True, help="file name in the category's folder, e.g. what-is-VQ-VAE")
    new_cmd.add_argument("--title", required=True, help="Chinese title, e.g. 向量量化变分自编码器")
    new_cmd.add_argument("--title-en", required=True, help="English title, e.g. 'Vector-Quantized VAE'")
    new_cmd.add_argument("--short", default=None, help="short name for diagrams, e.g. VQ-VAE")
    new_cmd.add_argument("--summary", required=True, help="one sentence saying what the topic is")
    args = parser.parse_args(argv)
    if args.command == "new":
        # `make new` passes empty strings for variables the author did not set.
        required = {
            "id": "ID",
            "category": "CATEGORY",
            "file": "FILE",
            "title": "TITLE",
            "title_en": "TITLE_EN",
            "summary": "SUMMARY",
        }
        missing = [variable for name, variable in required.items() if not getattr(args, name).strip()]
        if missing:
            parser.error(
                "missing " + ", ".join(missing) + "; e.g. make new ID=vq-vae CATEGORY=generation "
                "FILE=what-is-VQ-VAE TITLE=向量量化变分自编码器 TITLE_EN='Vector-Quantized VAE' "
                "SHORT=VQ-VAE SUMMARY='一句话说明这个主题'"
            )
        article = NewArticle(args.id, args.category, args.file, args.title, args.title_en, args.short, args.summary)
        return new(args.srcdir, args.srcdir / "registry.yaml", article)
    if args.command == "check":
        registry_file = args.registry or args.srcdir / "registry.yaml"
        return check(args.srcdir, registry_file, args.bib or args.srcdir / "references.bib", args.image_root)
    return schema(args.output, check_only=args.check)


if __name__ == "__main__":
    sys.exit(main())
