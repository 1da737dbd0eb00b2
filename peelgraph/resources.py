"""The one place that finds packaged files: ontology, shapes and queries.

In a wheel they live in ``peelgraph/_data/<kind>/`` (hatch force-include); in a
source checkout or an editable install they are the top-level folders of the
repository. Looking in both keeps editable installs working, where
force-include is known not to apply.
"""

from __future__ import annotations

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
