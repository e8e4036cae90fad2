extensions = ["myst_parser", "sphinxcontrib.bibtex", "knowledge"]
bibtex_bibfiles = ["references.bib"]
source_suffix = {".md": "markdown"}
language = "zh_CN"
exclude_patterns = ["_build"]
