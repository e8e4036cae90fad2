extensions = ["myst_parser", "sphinxcontrib.bibtex", "knowledge"]
bibtex_bibfiles = ["references.bib"]
source_suffix = {".md": "markdown"}
knowledge_check_articles = False  # this root tests another behaviour; test-conventions checks articles
language = "zh_CN"
exclude_patterns = ["_build"]
