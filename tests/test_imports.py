"""The pipeline runs one way: no stage imports a later one."""

from __future__ import annotations

import ast
from pathlib import Path

PKG = Path(__file__).resolve().parents[1] / "peelgraph"

# Each stage (a package of peelgraph) may import itself and anything of a lower rank.
# The order is the data's: files are ingested, facts extracted, built into document
# graphs and written to the store; the linker then reads the version being written
# and links its documents; the pipeline drives these steps; validation, queries and
# the rest read the store. reference, text, errors and resources serve every stage.
RANK = {
    "__init__": 0, "errors": 0, "resources": 0, "reference": 0, "text": 0,
    "ingest": 2, "extract": 3, "graph": 4, "store": 4, "link": 5, "pipeline": 6,
    "validate": 7, "query": 7, "export": 8, "serve": 9, "evaluate": 9,
    "cli": 10, "__main__": 10,
}  # fmt: skip

# The top of the package: the stage packages and these shared modules only.
TOP_MODULES = {"__init__.py", "__main__.py", "errors.py", "resources.py", "pipeline.py"}


def _stage(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def test_imports_only_go_down_the_pipeline() -> None:
    for path in PKG.rglob("*.py"):
        rel = path.relative_to(PKG.parent).with_suffix("")
        mod = ".".join(rel.parts)
        own = _stage(mod)
        assert own in RANK, f"{mod}: add its stage to RANK"
        for node in ast.walk(ast.parse(path.read_text())):
            targets: list[str] = []
            if isinstance(node, ast.ImportFrom) and node.module == "peelgraph":
                # from peelgraph import X: a module or package X, or a name of the package itself
                targets = [
                    f"peelgraph.{a.name}"
                    for a in node.names
                    if (PKG / a.name).is_dir() or (PKG / f"{a.name}.py").exists()
                ]
            elif (
                isinstance(node, ast.ImportFrom)
                and node.module
                and node.module.startswith("peelgraph")
            ):
                targets = [node.module]
            elif isinstance(node, ast.Import):
                targets = [a.name for a in node.names if a.name.startswith("peelgraph")]
            for t in targets:
                other = _stage(t)
                if other == own or other == "__init__":
                    continue
                assert RANK[other] <= RANK[own], f"{mod} imports {t}: a later stage"


def test_the_top_holds_the_stages() -> None:
    modules = {p.name for p in PKG.glob("*.py")}
    assert modules == TOP_MODULES
    packages = {p.name for p in PKG.iterdir() if (p / "__init__.py").exists()}
    assert packages == set(RANK) - {m.removesuffix(".py") for m in TOP_MODULES}


def test_import_is_light() -> None:
    import subprocess
    import sys

    code = "import sys, peelgraph, peelgraph.cli; print(sorted(m for m in ('rdflib','pyshacl','pdfplumber','pyoxigraph','networkx') if m in sys.modules))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"
