"""Load the registry once per build and report its problems through Sphinx."""

from __future__ import annotations

import os
from pathlib import Path
from weakref import WeakKeyDictionary

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from .bibliography import Publication, load_bibliography
from .problems import Problem, RegistryError
from .registry import Registry, load_registry

logger = logging.getLogger(__name__)

# One registry per build environment. Kept outside the environment so it is never
# pickled; parallel workers are forked after loading and inherit it.
_REGISTRIES: WeakKeyDictionary[BuildEnvironment, Registry | None] = WeakKeyDictionary()

# Builds whose PDF diagrams could not be drawn (latex_diagrams.py), with the reason.
RENDER_FAILED: WeakKeyDictionary[BuildEnvironment, str] = WeakKeyDictionary()


def registry_path(srcdir: str | os.PathLike[str], config: Config) -> Path:
    return Path(srcdir, config.knowledge_registry)


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


def publications(app: Sphinx) -> dict[str, Publication]:
    """Entries of the BibTeX files (bibtex_bibfiles: relative to conf.py, as sphinxcontrib-bibtex reads them)."""
    found: dict[str, Publication] = {}
    for name in getattr(app.config, "bibtex_bibfiles", None) or []:
        found.update(load_bibliography(Path(app.confdir, name)))
    return found


def load_for_build(app: Sphinx) -> None:
    """builder-inited: load and validate the registry, reporting every problem.

    An invalid registry does not raise (Sphinx would print a traceback for any
    exception): its problems are logged as errors with their locations, the
    directives show a notice instead of stale or partial content, and
    build-finished makes the build's exit status non-zero even without -W.
    """
    path = registry_path(app.srcdir, app.config)
    try:
        registry = load_registry(path, existing_pages=existing_pages(app), publications=publications(app))
    except RegistryError as error:
        for problem in error.problems:
            report(problem)
        count = sum(1 for p in error.problems if p.severity == "error")
        logger.error(
            f"{os.path.relpath(path)} has {count} problem{'s' * (count != 1)} (listed above); "
            "pages show a notice instead of registry content until they are fixed",
            type="knowledge",
            subtype="registry",
        )
        _REGISTRIES[app.env] = None
        return
    for problem in registry.warnings:
        report(problem)
    planned = registry.planned_topics()
    if planned:
        names = ", ".join(t.id for t in planned)
        logger.info(f"knowledge: {len(planned)} planned topics without a page yet: {names}")
    _REGISTRIES[app.env] = registry


def fail_if_invalid(app: Sphinx, exception: BaseException | None) -> None:
    """build-finished: an invalid registry or undrawable PDF diagrams fail the build, with or without -W."""
    registry_broken = app.env in _REGISTRIES and _REGISTRIES[app.env] is None
    if exception is None and (registry_broken or app.env in RENDER_FAILED):
        app.statuscode = 1


def get_registry(env: BuildEnvironment) -> Registry | None:
    """The build's registry, or None when it failed validation (already reported)."""
    return _REGISTRIES.get(env)
