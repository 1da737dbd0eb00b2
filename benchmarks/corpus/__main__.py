"""``python benchmarks/corpus --scale 10`` (or ``python -m corpus`` from benchmarks/)."""

import sys
from pathlib import Path

if __package__ in (None, ""):
    # Run as a directory: make the package importable by its name.
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from corpus import main
else:
    from . import main

main()
