"""The lines of a PDF's pages as a reader sees them: text, size, weight, position, page.

PDF has no paragraphs or headings, only text drawn at a place in a font. Everything the
layout steps need (running headers are at the page edges, headings are bigger or bold,
page numbers tell pages apart) is kept per line so they can decide without re-reading.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

_BOLD_NAME = re.compile(r"bold|black|heavy|semibold|demi|,b\b|-b\b", re.IGNORECASE)


@dataclass(frozen=True)
class PdfLine:
    """One line of text on one page (page numbers start at 1; y grows upwards, as in PDF)."""

    text: str
    size: float
    bold: bool
    y: float
    page: int

    @property
    def words(self) -> int:
        return len(self.text.split())


_LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st",
                            "\xad": "-"})


def _is_bold(fontname: str) -> bool:
    return bool(_BOLD_NAME.search(fontname.split("+")[-1]))


def read_lines(data: bytes) -> list[list[PdfLine]]:
    """Every page's lines in reading order, through pdfminer.six's layout analysis.

    pdfminer places each character by its coordinates, so words are separated even in
    justified LaTeX output, where the gaps are drawn as kerning rather than space characters
    (text extractors that follow the content stream run such words together).
    """
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTChar, LTTextContainer, LTTextLine

    pages: list[list[PdfLine]] = []
    for number, page in enumerate(extract_pages(io.BytesIO(data), laparams=LAParams()), 1):
        lines: list[PdfLine] = []
        for box in page:
            if not isinstance(box, LTTextContainer):
                continue
            for line in box:
                if not isinstance(line, LTTextLine):
                    continue
                text = " ".join(line.get_text().translate(_LIGATURES).split())
                if not text:
                    continue
                chars = [c for c in line if isinstance(c, LTChar) and not c.get_text().isspace()]
                bold = sum(1 for c in chars if _is_bold(c.fontname))
                lines.append(PdfLine(text=text, size=max((round(c.size, 1) for c in chars), default=0.0),
                                     bold=bool(chars) and bold >= 0.8 * len(chars), y=round(line.y0, 1), page=number))
        pages.append(lines)
    return pages
