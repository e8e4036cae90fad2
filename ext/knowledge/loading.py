"""Load the registry once per build and report its problems through Sphinx."""

from __future__ import annotations

import os
from pathlib import Path
from weakref import WeakKeyDictionary

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.errors import SphinxError
from sphinx.util import logging

from .problems import Problem, RegistryError
from .registry import Registry, load_registry

logger = logging.getLogger(__name__)

# One registry per build environment. Kept outside the environment so it is never
# pickled; parallel workers are forked after loading and inherit it.
_REGISTRIES: WeakKeyDictionary[BuildEnvironment, Registry] = WeakKeyDictionary()


class RegistryInvalid(SphinxError):
    category = "Registry error"


def registry_path(app: Sphinx) -> Path:
    return Path(app.srcdir, app.config.knowledge_registry)


def _display(problem: Problem) -> str:
    try:
        shown = os.path.relpath(problem.location.path)
    except ValueError:  # another drive on Windows
        shown = str(problem.location.path)
    return f"{shown}:{problem.location.line}:{problem.location.column}"


def report(problem: Problem) -> None:
    log = logger.error if problem.severity == "error" else logger.warning
    log(problem.describe(), location=_display(problem), type="knowledge", subtype="registry")


def existing_pages(app: Sphinx) -> set[str]:
    """The document names Sphinx will build (the same discovery Sphinx itself runs)."""
    excluded = [*app.config.exclude_patterns, *app.config.templates_path, *app.builder.get_asset_paths()]
    return set(app.project.discover(excluded, app.config.include_patterns))


def load_for_build(app: Sphinx) -> None:
    """builder-inited: load and validate; stop the build with every problem listed."""
    path = registry_path(app)
    try:
        registry = load_registry(path, existing_pages=existing_pages(app))
    except RegistryError as error:
        for problem in error.problems:
            report(problem)
        count = sum(1 for p in error.problems if p.severity == "error")
        raise RegistryInvalid(
            f"{os.path.relpath(path)} has {count} problem{'s' * (count != 1)} (listed above); fix them and build again"
        ) from None
    for problem in registry.warnings:
        report(problem)
    planned = registry.planned_topics()
    if planned:
        names = ", ".join(t.id for t in planned)
        logger.info(f"knowledge: {len(planned)} planned topics without a page yet: {names}")
    _REGISTRIES[app.env] = registry


def get_registry(env: BuildEnvironment) -> Registry:
    return _REGISTRIES[env]
