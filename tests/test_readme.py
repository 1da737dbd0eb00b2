"""The README's console samples are what the commands print.

Every ``$ python3 -m peelgraph ...`` line of a ```console block is run, in order,
in a fresh folder (the seeds for ``../shared/seeds``, a terminal 100 columns
wide); where the README shows output under a command, it must be the command's
output (stdout, then stderr), and every command must succeed (or fail with the
exit code its sample shows). Commands that need a server or a triple store of
your own (serve, push, ``--endpoint``) and the evaluation against the gold are
left to their own tests. ``PEELGRAPH_UPDATE_README=1`` writes the outputs into
the README instead of comparing.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEEDS
from tests.test_cli import run

README = ROOT / "README.md"
_BLOCK = re.compile(r"^```console\n(.*?)^```", re.S | re.M)
_SKIP = re.compile(r"peelgraph (serve|push|eval)\b|--endpoint|^export ")


@dataclass
class Sample:
    command: str  # as the README writes it, continuation lines joined
    lines: tuple[int, int]  # the output's line span within the block
    output: str
    exit_code: int = 0


def _samples(block: str) -> list[Sample]:
    lines = block.splitlines()
    out: list[Sample] = []
    i = 0
    while i < len(lines):
        if not lines[i].startswith("$ "):
            i += 1
            continue
        command = lines[i][2:]
        while command.endswith("\\"):
            i += 1
            command = command[:-1].rstrip() + " " + lines[i].strip()
        start = i + 1
        i = start
        while i < len(lines) and not lines[i].startswith("$ "):
            i += 1
        end = i
        while end > start and not lines[end - 1].strip():
            end -= 1
        output = "\n".join(lines[start:end])
        code = re.match(r"\[exit (\d+)\]$", lines[end - 1]) if end > start else None
        out.append(Sample(command, (start, end), output, int(code.group(1)) if code else 0))
    return out


def _run(command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    words = shlex.split(command, comments=True)
    assert words[:3] == ["python3", "-m", "peelgraph"], command
    return run(
        *(str(SEEDS) if w == "../shared/seeds" else w for w in words[3:]), cwd=cwd, columns=100
    )


def _shown(res: subprocess.CompletedProcess[str]) -> str:
    text = (res.stdout + res.stderr).rstrip("\n")
    return text + (f"\n[exit {res.returncode}]" if res.returncode else "")


@pytest.mark.slow
def test_readme_console_samples_are_real_output(tmp_path: Path) -> None:
    readme = README.read_text(encoding="utf-8")
    update = os.environ.get("PEELGRAPH_UPDATE_README") == "1"
    new_blocks: list[tuple[int, int, str]] = []
    ran = 0
    for m in _BLOCK.finditer(readme):
        block_lines = m.group(1).splitlines()
        outputs: list[tuple[Sample, str]] = []
        for sample in _samples(m.group(1)):  # in order: the build comes first
            if _SKIP.search(sample.command):
                continue
            res = _run(sample.command, tmp_path)
            ran += 1
            if not sample.output:
                assert res.returncode == 0, (sample.command, res.stderr[-500:])
                continue
            outputs.append((sample, _shown(res)))
        for sample, shown in reversed(outputs):
            if update:
                a, b = sample.lines
                block_lines[a:b] = shown.splitlines()
            else:
                assert shown == sample.output, f"README sample of `{sample.command}` is stale"
        new_blocks.append((m.start(1), m.end(1), "\n".join(block_lines) + "\n"))
    assert ran >= 10
    if update:
        for start, end, body in reversed(new_blocks):
            readme = readme[:start] + body + readme[end:]
        README.write_text(readme, encoding="utf-8")
