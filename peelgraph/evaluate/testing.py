"""Helpers shared by the tests and the benchmarks: writing real PDFs, running the
CLI with its peak memory measured.

fpdf2 (in the ``test`` extra) is imported only when a PDF is written, so the
package itself does not depend on it.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def make_pdf(path: Path, text: str, *, lines_per_page: int = 60) -> list[int]:
    """Write ``text`` as a real PDF, wrapping long lines as a typesetter would.

    Returns the page number each source line starts on, so tests know where
    every line should come out. Each page gets a page number at its foot (the
    furniture ingest must drop); DejaVu is used for Unicode where available,
    otherwise the text is narrowed to Latin-1 for the core Helvetica font.
    """
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    if _FONT.exists():
        pdf.add_font("DejaVu", fname=str(_FONT))
        pdf.set_font("DejaVu", size=8)
    else:
        pdf.set_font("Helvetica", size=8)
        text = text.encode("latin-1", "replace").decode("latin-1")
    pages_of_lines: list[int] = []
    used = lines_per_page

    def new_page() -> None:
        nonlocal used
        pdf.add_page()
        pdf.set_xy(100, 287)
        pdf.cell(10, 4, str(pdf.page_no()))
        used = 0

    for line in text.replace("\t", "    ").split("\n"):
        wrapped = textwrap.wrap(line, 110, drop_whitespace=False) or [""]
        if used + len(wrapped) > lines_per_page:
            new_page()
        pages_of_lines.append(pdf.page_no())
        for piece in wrapped:
            pdf.set_xy(10, 12 + used * 4.4)
            pdf.cell(0, 4, piece.rstrip())
            used += 1
    pdf.output(str(path))
    return pages_of_lines


# Runs the CLI, then writes the process's own peak resident memory (VmHWM, Linux)
# to a file. Not wait4's maxrss: that counts the parent's pages from before exec,
# so under a grown pytest process it measured pytest rather than the build.
_PEAK = """
import runpy, sys
out = sys.argv.pop(1)
try:
    runpy.run_module("peelgraph", run_name="__main__", alter_sys=True)
finally:
    try:
        with open("/proc/self/status") as status, open(out, "w") as fh:
            fh.write(next(ln.split()[1] for ln in status if ln.startswith("VmHWM")))
    except OSError:
        pass
"""


def run_cli(
    *args: str,
    cwd: Path | None = None,
    timeout: float = 300,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """``python -m peelgraph ARGS`` in a child, text captured.

    The child imports this checkout's peelgraph (``PYTHONPATH``), not whichever one is
    installed, so a test of a worktree tests the worktree. ``env`` replaces the
    environment (``PYTHONPATH`` is still set); by default the child inherits it.
    """
    import os

    import peelgraph

    root = str(Path(peelgraph.__file__).resolve().parents[1])
    child_env = {**(os.environ if env is None else env), "PYTHONPATH": root}
    return subprocess.run(
        [sys.executable, "-m", "peelgraph", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=child_env,
    )


def run_cli_measured(
    args: list[str], peak_file: Path, **kwargs: object
) -> tuple[subprocess.CompletedProcess[bytes], int | None]:
    """``python -m peelgraph ARGS`` in a child; its result and peak memory in KB (None
    where /proc cannot say). ``kwargs`` go to :func:`subprocess.run`."""
    peak_file.unlink(missing_ok=True)
    res = subprocess.run([sys.executable, "-c", _PEAK, str(peak_file), *args], **kwargs)  # type: ignore[call-overload]
    return res, int(peak_file.read_text()) if peak_file.exists() else None


def make_pdf_bomb(path: Path, inflated_mb: int, *, operator: bytes = b"(A) Tj ") -> int:
    """Write a small PDF whose one page's content stream inflates to ``inflated_mb`` MB.

    The stream repeats a text-showing ``operator`` (or spaces, with ``b" "``)
    and is deflated, so a file of a few hundred kilobytes asks a reader for
    hundreds of megabytes. Returns the file's size in bytes.
    """
    import zlib

    deflate = zlib.compressobj(9)
    chunk = operator * (1_048_576 // len(operator))
    parts = [deflate.compress(b"BT /F1 12 Tf 72 720 Td ")]
    parts += [deflate.compress(chunk) for _ in range(inflated_mb)]
    parts.append(deflate.compress(b" ET") + deflate.flush())
    stream = b"".join(parts)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    path.write_bytes(bytes(out))
    return len(out)
