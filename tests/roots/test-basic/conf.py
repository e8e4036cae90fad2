extensions = ["myst_parser", "knowledge"]
source_suffix = {".md": "markdown"}
language = "zh_CN"
exclude_patterns = ["_build"]
