extensions = ["myst_parser", "sphinxcontrib.bibtex", "knowledge"]
source_suffix = {".md": "markdown"}
language = "zh_CN"
exclude_patterns = ["_build"]
bibtex_bibfiles = ["references.bib"]
bibtex_reference_style = "author_year"
