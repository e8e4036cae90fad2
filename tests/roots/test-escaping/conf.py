extensions = ["myst_parser", "knowledge"]
source_suffix = {".md": "markdown"}
knowledge_check_articles = False  # this root tests another behaviour; test-conventions checks articles
