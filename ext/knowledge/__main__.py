"""Command line: ``python -m knowledge check`` and ``python -m knowledge schema``.

``check`` validates the registry without a Sphinx build (about as fast as reading
the file); ``schema`` regenerates registry.schema.json, ``schema --check`` fails
when the committed schema is stale.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .problems import RegistryError
from .registry import load_registry
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


def check(srcdir: Path, registry: Path) -> int:
    try:
        loaded = load_registry(registry, existing_pages=discover_pages(srcdir))
    except RegistryError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        errors = sum(1 for p in error.problems if p.severity == "error")
        print(f"{registry}: {errors} error(s)", file=sys.stderr)
        return 1
    for problem in loaded.warnings:
        print(problem, file=sys.stderr)
    document = loaded.document
    print(
        f"{registry}: ok — {len(document.topics)} topics, {len(document.paths)} paths, "
        f"{len(document.relations)} relations, {len(loaded.planned_topics())} planned"
    )
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
    schema_cmd = sub.add_parser("schema", help="write (or --check) the registry's JSON Schema")
    schema_cmd.add_argument("--output", type=Path, default=Path("source/registry.schema.json"))
    schema_cmd.add_argument("--check", action="store_true", help="fail if the file differs instead of writing")
    args = parser.parse_args(argv)
    if args.command == "check":
        return check(args.srcdir, args.registry or args.srcdir / "registry.yaml")
    return schema(args.output, check_only=args.check)


if __name__ == "__main__":
    sys.exit(main())
