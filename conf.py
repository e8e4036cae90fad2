"""Sphinx configuration of the guide. Builds run from the repository root with ``-c .``."""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).parent.resolve()
sys.path.insert(0, str(ROOT / "ext"))

project = "视频 AI 技术指南"
author = "AI收集"
copyright = f"{date.today().year}, {author}"
language = "zh_CN"

extensions = [
    "myst_parser",
    "sphinx_copybutton",
    "sphinxcontrib.mermaid",
    "sphinxcontrib.bibtex",
    "knowledge",
]

root_doc = "index"
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build", "Thumbs.db", ".DS_Store"]
templates_path: list[str] = []

# Every source once, in source/references.bib. Articles cite with {footcite:p}`key`:
# references are numbered per article ([1], [2], …) and listed by {footbibliography}
# under 参考文献. Per-article (foot) citations are what lets two articles cite the same
# paper; global {cite} targets would collide. The registry's paper list reads the same file.
bibtex_bibfiles = ["source/references.bib"]  # relative to this file, as sphinxcontrib-bibtex reads it
bibtex_default_style = "plain"
bibtex_foot_reference_style = "foot"

# Registry-driven directives (ext/knowledge).
knowledge_registry = "registry.yaml"
knowledge_diagram_max_width = 720  # px, the book theme's text column

# MyST: what Chinese technical writing needs — math, fenced directives, definition
# lists, attributes, task lists, and heading anchors for links to sections.
myst_enable_extensions = [
    "amsmath",
    "attrs_inline",
    "attrs_block",
    "colon_fence",
    "deflist",
    "dollarmath",
    "fieldlist",
    "strikethrough",
    "substitution",
    "tasklist",
]
myst_heading_anchors = 3
suppress_warnings = ["myst.strikethrough"]  # strikethrough is HTML-only; fine for this guide

# Mermaid diagrams are drawn in the browser, sized to their content.
mermaid_output_format = "raw"
mermaid_height = "auto"
# deterministicIds: Mermaid otherwise names each SVG after Date.now(), so two diagrams drawn
# in the same millisecond share an id and draw into each other.
mermaid_init_config = {
    "startOnLoad": False,
    "securityLevel": "strict",
    "deterministicIds": True,
    "flowchart": {"useMaxWidth": False},  # natural size; CSS caps it at the column width
}

# sphinx-book-theme. Repository and edit buttons follow GUIDE_REPOSITORY_URL (Read the
# Docs sets READTHEDOCS_GIT_CLONE_URL); without one, the buttons are simply not shown.
repository_url = os.environ.get("GUIDE_REPOSITORY_URL", "").removesuffix(".git")
if not repository_url and os.environ.get("READTHEDOCS_GIT_CLONE_URL", "").startswith("https://"):
    repository_url = os.environ["READTHEDOCS_GIT_CLONE_URL"].removesuffix(".git")
repository_branch = os.environ.get("GUIDE_REPOSITORY_BRANCH", "main")

# On Read the Docs, the canonical URL and the version come from its environment.
html_baseurl = os.environ.get("READTHEDOCS_CANONICAL_URL", "")
version = release = os.environ.get("READTHEDOCS_VERSION_NAME", "")
# Read the Docs names languages like "zh-cn"; Sphinx wants "zh_CN".
if rtd_language := os.environ.get("READTHEDOCS_LANGUAGE"):
    base, _, region = rtd_language.partition("-")
    language = f"{base}_{region.upper()}" if region else base

html_theme = "sphinx_book_theme"
html_title = project
html_static_path: list[str] = []
html_theme_options = {
    "repository_url": repository_url,
    "repository_branch": repository_branch,
    "path_to_docs": "source",
    "use_repository_button": bool(repository_url),
    "use_edit_page_button": bool(repository_url),
    "use_issues_button": bool(repository_url),
    "show_toc_level": 2,
    "navigation_with_keys": False,
}

# PDF (make latexpdf): xelatex with ctex for Chinese typesetting and captions, Noto CJK
# fonts (complete CJK coverage), A4, no fncychap (it prints an English "CHAPTER").
latex_engine = "xelatex"
# The book's root is source/book.md: the two sections become its two chapters (the web
# home page's own sections would otherwise become chapters around them).
latex_documents = [("book", "video-ai-guide.tex", project, author, "manual")]
latex_elements = {
    "papersize": "a4paper",
    "pointsize": "11pt",
    "fncychap": "",
    "babel": "",
    "polyglossia": "",
    "fontpkg": "",
    "cmappkg": "",
    "fontenc": "",
    "preamble": r"""
\usepackage[UTF8,scheme=chinese,heading=true,fontset=none]{ctex}
\setCJKmainfont{Noto Serif CJK SC}[BoldFont=Noto Serif CJK SC Bold]
\setCJKsansfont{Noto Sans CJK SC}[BoldFont=Noto Sans CJK SC Bold]
\setCJKmonofont{Noto Sans Mono CJK SC}
\setmainfont{FreeSerif}
\setsansfont{FreeSans}
\setmonofont{FreeMono}
\ctexset{chapter/name={第,章},chapter/number=\arabic{chapter}}
% CJK in math (\text{通道}) and symbols FreeSerif's italics lack are drawn by Noto CJK.
\xeCJKsetup{CJKmath=true}
\xeCJKDeclareCharClass{CJK}{"2460 -> "24FF, "2295, "2299, "2500 -> "257F, "25A0 -> "25FF}
\usepackage{newunicodechar}
\newunicodechar{ᵀ}{\textsuperscript{T}}
\newunicodechar{ᵢ}{\textsubscript{i}}
\renewcommand{\contentsname}{目录}
\renewcommand{\indexname}{索引}
""",
    "extraclassoptions": "openany,oneside",
    "printindex": "",
    "sphinxsetup": "verbatimwrapslines=true, verbatimforcewraps=true",
}
latex_show_urls = "no"
latex_domain_indices = False
