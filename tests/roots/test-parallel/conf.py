extensions = ["myst_parser", "knowledge"]
source_suffix = {".md": "markdown"}
knowledge_check_articles = False  # this root tests another behaviour; test-conventions checks articles

# Record which process reads and writes each page, so the test can prove that
# the build really ran in parallel (Sphinx prints nothing that says so).
import os
from pathlib import Path


def _note_process(app, stage):
    with open(Path(app.outdir).parent / "processes.txt", "a", encoding="utf-8") as log:
        log.write(f"{stage} {os.getpid()}\n")


def setup(app):
    app.connect("source-read", lambda app, docname, source: _note_process(app, "read"))
    app.connect("html-page-context", lambda app, *args: _note_process(app, "write"))
