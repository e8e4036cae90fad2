extensions = ["myst_parser", "knowledge"]
source_suffix = {".md": "markdown"}
