"""The guide's BibTeX file, read once: what the registry's paper list shows of each entry."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pybtex.database import BibliographyData, Person, parse_file
from pybtex.scanner import PybtexSyntaxError

from .problems import Location, Problem, RegistryError


@dataclass(frozen=True)
class Publication:
    key: str
    title: str
    authors: str  # short form: 'Ho, Jain, Abbeel', 'Peebles, Xie' or 'Vaswani et al.'
    year: str
    arxiv: str | None
    url: str | None


def _last_name(person: Person) -> str:
    return " ".join(person.last_names) or " ".join(person.first_names)


def short_authors(people: list[Person]) -> str:
    names = [_last_name(p) for p in people]
    if len(names) > 3:
        return f"{names[0]} et al."
    return ", ".join(names)


def _plain(text: str) -> str:
    # BibTeX protects capitals with braces ('{DALL-E}'); readers should not see them.
    return text.replace("{", "").replace("}", "").replace("\\&", "&")


def load_bibliography(path: Path) -> dict[str, Publication]:
    """Entries by key; RegistryError (located) if the file cannot be read."""
    try:
        data: BibliographyData = parse_file(str(path), bib_format="bibtex")
    except FileNotFoundError:
        raise RegistryError(
            [
                Problem(
                    Location(path, 1, 1),
                    "the bibliography file does not exist",
                    "create it, or fix bibtex_bibfiles in conf.py",
                )
            ]
        ) from None
    except PybtexSyntaxError as exc:
        line = getattr(exc, "lineno", 1) or 1
        raise RegistryError(
            [Problem(Location(path, line, 1), f"BibTeX syntax error: {exc.message}", "fix the entry here")]
        ) from None
    publications = {}
    for key, entry in data.entries.items():
        fields = entry.fields
        # pybtex field names are case-insensitive: archivePrefix == archiveprefix.
        arxiv = fields.get("eprint") if fields.get("archiveprefix", "").lower() == "arxiv" else None
        publications[key] = Publication(
            key=key,
            title=_plain(fields.get("title", key)),
            authors=short_authors(entry.persons.get("author", [])),
            year=fields.get("year", ""),
            arxiv=arxiv,
            url=fields.get("url"),
        )
    return publications
