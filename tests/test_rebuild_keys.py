"""The manifest's key of a file (pipeline._key): its resolved path, however it is reached."""

from __future__ import annotations

import os
from pathlib import Path

from peelgraph.pipeline import _key


def test_keys_with_resolved_folders_are_the_real_paths(tmp_path: Path) -> None:
    real = tmp_path / "real"
    (real / "sub").mkdir(parents=True)
    for name in ("a.txt", "b.txt"):
        (real / "sub" / name).write_text("text")
    (tmp_path / "linked").symlink_to(real)  # a folder reached through a link
    (real / "sub" / "c.txt").symlink_to(real / "sub" / "a.txt")  # a file that is a link
    paths = [
        tmp_path / "linked" / "sub" / "a.txt",
        tmp_path / "linked" / "sub" / "b.txt",
        real / "sub" / "c.txt",
        tmp_path / "linked" / "sub" / ".." / "sub" / "b.txt",
        Path(os.path.relpath(real / "sub" / "a.txt")),
        tmp_path / "linked" / "sub" / "missing.txt",
    ]
    folders: dict[str, str] = {}
    assert [_key(p, folders) for p in paths] == [os.path.realpath(p) for p in paths]
    assert _key(paths[2], folders) == str(real / "sub" / "a.txt")
