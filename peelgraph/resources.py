"""The one place that finds packaged files: ontology, shapes, queries and the browser pages.

In a wheel the first three live in ``peelgraph/_data/<kind>/`` (hatch
force-include); in a source checkout or an editable install they are the
top-level folders of the repository. Looking in both keeps editable installs
working, where force-include is known not to apply. The pages, their scripts
and the vendored browser libraries live inside the package, in ``static/``.
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

KINDS = ("ontology", "shapes", "queries")


def data_dir(kind: str) -> Path:
    if kind not in KINDS:
        raise ValueError(f"unknown resource kind {kind!r}; expected one of {KINDS}")
    packaged = resources.files("peelgraph") / "_data" / kind
    if packaged.is_dir():
        return Path(str(packaged))
    source = Path(__file__).resolve().parent.parent / kind
    if source.is_dir():
        return source
    raise FileNotFoundError(f"peelgraph's {kind}/ folder is missing from this installation")


def resource_path(kind: str, name: str) -> Path:
    path = data_dir(kind) / name
    if not path.is_file():
        raise FileNotFoundError(f"{kind}/{name} is not part of peelgraph")
    return path


def list_resources(kind: str, suffix: str) -> list[Path]:
    return sorted(p for p in data_dir(kind).iterdir() if p.name.endswith(suffix))


def static_path(name: str) -> Path:
    """A file of ``peelgraph/static/`` (pages, scripts, vendored libraries and their licences)."""
    path = Path(str(resources.files("peelgraph") / "static")) / name
    if not path.is_file():
        raise FileNotFoundError(f"static/{name} is not part of peelgraph")
    return path


_INCLUDE = re.compile(r'<(script|style) data-include="([\w./-]+)"></\1>')


def static_page(name: str) -> str:
    """A page of ``static/`` with its ``<script|style data-include="FILE">`` elements filled in.

    Scripts and styles go inline, so a page is one self-contained file that loads
    nothing from anywhere (an exported view opens offline; the query page makes one
    request). ``</script`` inside a script is escaped so it cannot end the element early.
    """

    def inline(m: re.Match[str]) -> str:
        tag, file = m.group(1), m.group(2)
        body = static_path(file).read_text(encoding="utf-8")
        if tag == "script":
            body = re.sub(r"(?i)</script", r"<\\/script", body)
        return f'<{tag} data-from="{file}">\n{body}\n</{tag}>'

    return _INCLUDE.sub(inline, static_path(name).read_text(encoding="utf-8"))


# In a <script> element the HTML parser ends the element at "</script" and treats
# "<!--" as the start of an escaped comment that can swallow the closing tag (a
# finding quoting "<!--<script>" stopped the lineage view's data from parsing).
# JSON has "<", ">" and "&" only inside strings, where \u escapes mean the same.
_SCRIPT_SAFE = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)


def script_json(value: object) -> str:
    """``value`` as JSON to place inside a ``<script>`` element, no text able to end it."""
    import json

    return json.dumps(value, ensure_ascii=False).translate(_SCRIPT_SAFE)
