"""Text the PDF cannot typeset: colour emoji (the seed's section icons) are dropped in LaTeX only.

xelatex has no colour-emoji font support, and a missing glyph would print nothing
while the log reports 'Missing character'. The icons are decorative, so the PDF
leaves them out; the HTML keeps them.
"""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

# Emoji and pictographs, dingbats used as emoji, and the emoji variation selector.
EMOJI = re.compile("[\U0001f000-\U0001faff\u2600-\u27bf\ufe0f]\\s?")


class DropEmojiForLatex(SphinxPostTransform):
    default_priority = 400
    builders = ("latex",)

    def run(self, **kwargs: Any) -> None:
        for text in list(self.document.findall(nodes.Text)):
            cleaned = EMOJI.sub("", str(text))
            if cleaned != str(text) and text.parent is not None:
                text.parent.replace(text, nodes.Text(cleaned))
