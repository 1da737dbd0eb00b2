"""Helpers shared by the tests and the benchmarks: writing real PDFs.

fpdf2 (in the ``test`` extra) is imported only when a PDF is written, so the
package itself does not depend on it.
"""

from __future__ import annotations

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
