"""Site furniture: lines a stored web page carries that are not the document's own content.

A page's title is its first line that is not furniture; furniture never names
the document's force, year or kind. The patterns describe the kinds of line
that inspectorate and commissioner sites print around every page (navigation,
accessibility menus, banners inviting comment, links to a translation or a
download), not the text of any one page.
"""

from __future__ import annotations

import re

CHROME_LINE = re.compile(
    r"(?ix)^\W*(?:"
    r"skip\s+to\s+(?:main\s+)?content|\d{3}\s+page\s+not\s+found|page\s+not\s+found|"
    r"text\s+only|accessibility(?:\s+options)?|(?:default|large|largest)\s+text\s+size.*|"
    r"set\s+your\s+postcode.*|cookies?\b.*|menu|search|home|"
    r".*\bfor\s+consultation|we\s+would\s+like\s+your\s+views\b.*|"
    r"read\s+more(?:\s+about\b.*)?|contact\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3}|"
    r"os\s+hoffech\s+chi\b.*|download\s+the\s+(?:full\s+)?report|get\s+the\s+report|"
    r"print\s+this\s+(?:page|document)|share\s+this\s+page|https?://\S+"
    r")\W*$"
)


def is_chrome(line: str) -> bool:
    """True for a line of site furniture (navigation, banners, menus, links)."""
    s = line.strip()
    # Furniture is a short line; a long one is content, and the pattern's backtracking
    # over a long run of punctuation would cost its length squared.
    return bool(s) and len(s) <= 300 and CHROME_LINE.match(s) is not None
