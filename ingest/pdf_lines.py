"""The lines of a PDF page as a reader sees them: text, size, weight, position, page.

PDF has no paragraphs or headings, only text drawn at a place in a font. Everything the
layout steps need (running headers are at the page edges, headings are bigger or bold,
page numbers tell pages apart) is kept per line so they can decide without re-reading.
"""

from __future__ import annotations

import math
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


def _scale(matrix) -> float:
    return math.hypot(float(matrix[0]), float(matrix[1])) or 1.0


def _is_bold(font_dict) -> bool:
    if not font_dict:
        return False
    name = str(font_dict.get("/BaseFont", ""))
    if _BOLD_NAME.search(name.split("+")[-1]):
        return True
    try:
        descriptor = font_dict.get("/FontDescriptor")
        descriptor = descriptor.get_object() if descriptor is not None else None
        if descriptor is not None:
            weight = float(descriptor.get("/FontWeight", 0) or 0)
            return weight >= 600 or bool(int(descriptor.get("/Flags", 0) or 0) & (1 << 18))
    except (TypeError, ValueError, AttributeError):
        return False
    return False


def page_lines(page, number: int) -> list[PdfLine]:
    """The lines of one pypdf page in reading order, with the largest size and boldness of each."""
    lines: list[PdfLine] = []
    parts: list[str] = []
    sizes: list[float] = []
    bold_chars = [0, 0]  # bold, all
    where: list[float] = []
    bold_fonts: dict[str, bool] = {}

    def flush() -> None:
        text = " ".join("".join(parts).split())
        if text:
            lines.append(PdfLine(text=text, size=max(sizes) if sizes else 0.0,
                                 bold=bold_chars[1] > 0 and bold_chars[0] >= 0.8 * bold_chars[1],
                                 y=where[0] if where else 0.0, page=number))
        parts.clear()
        sizes.clear()
        where.clear()
        bold_chars[0] = bold_chars[1] = 0

    def visit(text, cm, tm, font_dict, font_size) -> None:
        pieces = text.split("\n")
        key = str(font_dict.get("/BaseFont", "")) if font_dict else ""
        if key not in bold_fonts:
            bold_fonts[key] = _is_bold(font_dict)
        for i, piece in enumerate(pieces):
            if piece.strip():
                if not where:
                    where.append(float(tm[4]) * float(cm[1]) + float(tm[5]) * float(cm[3]) + float(cm[5]))
                parts.append(piece)
                sizes.append(round(float(font_size or 0) * _scale(tm) * _scale(cm), 1))
                visible = sum(1 for ch in piece if not ch.isspace())
                bold_chars[1] += visible
                if bold_fonts[key]:
                    bold_chars[0] += visible
            if i < len(pieces) - 1:
                flush()

    page.extract_text(visitor_text=visit)
    flush()
    return lines
