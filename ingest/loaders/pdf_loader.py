"""PDF files through pypdf, with headings recovered from font sizes.

PDF has no headings, only text drawn at a size. Lines set clearly larger than the body
text become headings (bigger size, higher level); when a PDF uses one size throughout,
heading-like lines are promoted the same way as in plain text.
"""

from __future__ import annotations

import io
import logging
import math
from collections import Counter

from ingest.errors import LoadError
from ingest.loaders.text_loader import first_heading, promote_heading_lines

logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings on damaged files become our one-line reason


def _scale(matrix) -> float:
    return math.hypot(float(matrix[0]), float(matrix[1])) or 1.0


def _page_lines(page) -> list[tuple[str, float]]:
    """(line text, largest font size on the line) for one page, in reading order."""
    lines: list[tuple[str, float]] = []
    parts: list[str] = []
    sizes: list[float] = []

    def visit(text, cm, tm, font_dict, font_size):
        pieces = text.split("\n")
        for i, piece in enumerate(pieces):
            if piece.strip():
                parts.append(piece)
                sizes.append(round(float(font_size or 0) * _scale(tm) * _scale(cm), 1))
            if i < len(pieces) - 1:
                flush()

    def flush():
        line = "".join(parts).strip()
        if line:
            lines.append((" ".join(line.split()), max(sizes) if sizes else 0.0))
        parts.clear()
        sizes.clear()

    page.extract_text(visitor_text=visit)
    flush()
    return lines


def lines_to_markdown(lines: list[tuple[str, float]]) -> str:
    """Headings from sizes: the body size is the most common one (weighted by characters)."""
    weights: Counter[float] = Counter()
    for text, size in lines:
        weights[size] += len(text)
    if not weights:
        return ""
    body = weights.most_common(1)[0][0]
    heading_sizes = sorted({s for t, s in lines if s >= body * 1.15 and len(t) <= 120}, reverse=True)[:4]
    if not heading_sizes:
        return promote_heading_lines("\n".join(text if text else "" for text, _ in _with_paragraph_breaks(lines)))
    level = {size: i + 1 for i, size in enumerate(heading_sizes)}
    out: list[str] = []
    for text, size in lines:
        if size in level and len(text) <= 120:
            if out and out[-1].startswith("#") and level[size] == int(len(out[-1]) - len(out[-1].lstrip("#"))) \
                    and not out[-1].endswith(text):
                out[-1] = f"{out[-1]} {text}"  # a heading that wrapped onto two lines
                continue
            out += ["", "#" * level[size] + " " + text, ""]
        else:
            out.append(text)
    return _join_paragraphs(out)


def _with_paragraph_breaks(lines: list[tuple[str, float]]) -> list[tuple[str, float]]:
    """Insert blank lines around short lines so heading detection sees them stand alone."""
    out: list[tuple[str, float]] = []
    for text, size in lines:
        short = len(text) <= 80 and not text.endswith((".", ",", ";", ":"))
        if short:
            out += [("", size), (text, size), ("", size)]
        else:
            out.append((text, size))
    return out


def _join_paragraphs(lines: list[str]) -> str:
    """Re-join the lines of a paragraph that PDF wrapped; headings and blanks stay."""
    out: list[str] = []
    for line in lines:
        if line and out and out[-1] and not out[-1].startswith("#") and not line.startswith(("#", "-", "•")):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return "\n".join(out)


def load_pdf(data: bytes) -> tuple[str, str | None, str | None]:
    """Text of every page; encrypted and corrupt files are refused with a reason."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                if not reader.decrypt(""):
                    raise LoadError("encrypted PDF (password protected); save an unprotected copy to ingest it")
            except LoadError:
                raise
            except Exception:
                raise LoadError("encrypted PDF (password protected); save an unprotected copy to ingest it") from None
        lines: list[tuple[str, float]] = []
        for page in reader.pages:
            lines += _page_lines(page)
        meta_title = (reader.metadata.title if reader.metadata else None) or None
    except LoadError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError) as err:
        raise LoadError(f"corrupt or unreadable PDF ({type(err).__name__}: {str(err)[:120]})") from None
    markdown = lines_to_markdown(lines)
    return markdown, first_heading(markdown) or (str(meta_title).strip() if meta_title else None), None
