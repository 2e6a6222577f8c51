"""What a PDF prints that is not the document's text: page furniture, contents, cover.

- Running headers and footers: lines at the top or bottom of a page that repeat, ignoring
  digits ("Page 3 of 84", "5 CFR Ch. XVI (1-1-24 Edition)"), on many pages; and edge lines
  that start or end with the printed page number ("4 Chapter 1. About this manual",
  "2.3. Copyright considerations 9"), recognised because that number keeps a constant
  offset from the page's position in the file while the words change from page to page.
- Page numbers: a line at a page edge that is only a number ("12", "- 12 -", "Page 12", "iv").
- The table of contents: entries ending in dot leaders and a page number, and whole pages
  that are mostly such entries or open with "Contents".
- The cover page: a first page with little text, set in large type, ahead of the body; its
  largest line is the document's title.

Left in passages, these end up in the middle of sentences and become false headings (the
title page's large type is bigger than any real heading).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ingest.pdf_lines import PdfLine

EDGE_LINES = 3  # lines at the top and at the bottom of a page that may be furniture
_PAGE_NUMBER = re.compile(
    r"^(?:page\s+)?[-–—(\[]?\s*(?:\d{1,4}|[ivxlcdm]{1,7})\s*[-–—)\]]?(?:\s*(?:of|/)\s*\d{1,4})?$", re.IGNORECASE)
_LEADER_ENTRY = re.compile(r"(?:\.\s?){3,}\s*(?:\d{1,4}|[ivxlc]{1,6})$|…+\s*\d{1,4}$", re.IGNORECASE)
_NUMBER_END = re.compile(r"\S\s+(?:\d{1,4}|[ivxlc]{1,6})$", re.IGNORECASE)
_LEADERS_ONLY = re.compile(r"^[.·…\s]+(?:\d{1,4}(?:\s+\d{1,4})*)?$|^\d{1,4}(?:\s+\d{1,4}){2,}$")
_CONTENTS = re.compile(r"^(?:table\s+of\s+)?contents?$|^inhalt|^sommaire$", re.IGNORECASE)


@dataclass
class Cleaned:
    """Body lines, page by page, with the furniture gone; the cover title when there was one."""

    pages: list[list[PdfLine]]
    cover_title: str | None
    removed: int


def _shape(text: str) -> str:
    """The text with digits and case ignored: what a running header keeps from page to page."""
    return " ".join(re.sub(r"\d+", "#", text.casefold()).split())


def _edges(lines: list[PdfLine]) -> list[PdfLine]:
    if len(lines) <= 2 * EDGE_LINES:
        return list(lines)
    by_height = sorted(lines, key=lambda line: line.y)
    return by_height[:EDGE_LINES] + by_height[-EDGE_LINES:]


def running_lines(pages: list[list[PdfLine]]) -> set[str]:
    """Shapes of lines repeated at page edges on at least a fifth of the pages (and 3 or more)."""
    if len(pages) < 3:
        return set()
    counts: Counter[str] = Counter()
    for lines in pages:
        counts.update({_shape(line.text) for line in _edges(lines)})
    needed = max(3, int(len(pages) * 0.2))
    return {shape for shape, count in counts.items() if count >= needed}


_EDGE_NUMBER = re.compile(r"^(\d{1,4})\s+\S|\S\s+(\d{1,4})$")


def _edge_number(text: str) -> int | None:
    match = _EDGE_NUMBER.search(text.strip())
    if not match:
        return None
    return int(match.group(1) or match.group(2))


def page_number_offset(pages: list[list[PdfLine]]) -> int | None:
    """page index - printed page number, when edge lines carry page numbers on a fifth of the pages."""
    if len(pages) < 5:
        return None
    offsets: Counter[int] = Counter()
    for index, lines in enumerate(pages, 1):
        found = {index - number for line in _edges(lines) if (number := _edge_number(line.text)) is not None}
        offsets.update(found)
    if not offsets:
        return None
    offset, count = offsets.most_common(1)[0]
    return offset if count >= max(3, len(pages) * 0.2) else None


def is_page_number(text: str) -> bool:
    return bool(_PAGE_NUMBER.match(text.strip()))


def is_toc_entry(text: str) -> bool:
    """A contents line: dot leaders to a page number, or leaders (and page numbers) alone."""
    text = text.strip()
    return bool(_LEADER_ENTRY.search(text) or _LEADERS_ONLY.match(text))


def _is_toc_page(lines: list[PdfLine]) -> bool:
    """Mostly contents entries; or titled 'Contents' with many lines ending in page numbers."""
    if not lines:
        return False
    entries = sum(1 for line in lines if is_toc_entry(line.text))
    numbered = sum(1 for line in lines if _NUMBER_END.search(line.text) or is_toc_entry(line.text))
    titled = any(_CONTENTS.match(line.text.strip()) for line in lines[:5])
    return (entries >= 3 and entries >= 0.4 * len(lines)) or (titled and numbered >= 0.3 * len(lines)) \
        or (len(lines) >= 8 and numbered >= 0.7 * len(lines))


def _cover(pages: list[list[PdfLine]], body_size: float) -> str | None:
    """The title when page 1 is a cover: little text, large type, more pages after it."""
    if len(pages) < 3 or not pages[0]:
        return None
    first = pages[0]
    words = sum(line.words for line in first)
    largest = max(line.size for line in first)
    if words > 80 or largest < body_size * 1.3:
        return None
    return " ".join(line.text for line in first if line.size == largest)[:200] or None


def body_size(pages: list[list[PdfLine]]) -> float:
    """The most common font size, weighted by characters: the size of the body text."""
    weights: Counter[float] = Counter()
    for lines in pages:
        for line in lines:
            weights[line.size] += len(line.text)
    return weights.most_common(1)[0][0] if weights else 0.0


def _bands(pages: list[list[PdfLine]], furniture) -> set[int]:
    """Heights where furniture is printed on 3 or more pages: a running header that names the
    current chapter varies too much to repeat, but it sits where the page number sits."""
    counts: Counter[int] = Counter()
    for index, lines in enumerate(pages, 1):
        counts.update({round(line.y) for line in _edges(lines) if furniture(line, index)})
    frequent = {y for y, count in counts.items() if count >= 3}
    return {y + d for y in frequent for d in (-2, -1, 0, 1, 2)}


def remove_furniture(pages: list[list[PdfLine]]) -> Cleaned:
    """Drop running headers and footers, page numbers, contents pages and entries, and the cover."""
    running = running_lines(pages)
    offset = page_number_offset(pages)

    def furniture(line: PdfLine, index: int) -> bool:
        return (_shape(line.text) in running or is_page_number(line.text)
                or (offset is not None and _edge_number(line.text) == index - offset and line.words <= 12))

    bands = _bands(pages, furniture)
    removed = 0
    kept: list[list[PdfLine]] = []
    for index, lines in enumerate(pages, 1):
        edges = _edges(lines)
        outermost = {id(line) for line in (edges[:2] + edges[-2:])} if len(lines) > 4 else set()
        edges_ids = {id(line) for line in edges}
        page: list[PdfLine] = []
        for line in lines:
            at_edge = id(line) in edges_ids and (
                furniture(line, index)
                or (id(line) in outermost and round(line.y) in bands and line.words <= 12))
            if at_edge or is_toc_entry(line.text):
                removed += 1
            else:
                page.append(line)
        kept.append(page)
    cover_title = _cover(kept, body_size(kept))
    if cover_title:
        removed += len(kept[0])
        kept[0] = []
    for index, lines in enumerate(kept):
        original = [line for line in pages[index] if not is_page_number(line.text)]
        if lines and _is_toc_page(original):
            removed += len(lines)
            kept[index] = []
    return Cleaned(pages=kept, cover_title=cover_title, removed=removed)
