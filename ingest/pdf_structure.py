"""A PDF's body lines to sections: headings from typography and numbering, paragraphs re-joined.

Headings are recognised the ways legal and policy PDFs set them:

- by size: lines set clearly larger than the body text (bigger is more important);
- by numbering: `Part 2` / `Chapter 2`, `Subpart B` / `Article 3`, `§ 2635.202` / `Section 4`,
  and decimal numbers `1.2.3 Title`, in that order of importance, when the line is bold or
  short enough not to be a wrapped sentence that happens to start with a reference;
- by weight or case: a short line set entirely in bold, or in capitals.

A heading must start a block (the line before it ended a sentence, or was a heading). A run of
three or more same-kind headings with no text between them is a list of contents, not
headings. Lettered paragraphs ((a), (b), ...) of a section become its sub-sections. Lines of a paragraph are joined again, words hyphenated at a line end are mended,
and every paragraph remembers the pages it spans.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.pdf_lines import PdfLine
from ingest.sections import Section, SectionBuilder

_PART = re.compile(r"^(?:part|chapter|title|book)\s+(?:\d+[a-z]?|[ivxlc]+|[a-z])\b(?![.\-]\d)", re.IGNORECASE)
_ARTICLE = re.compile(r"^(?:subpart|article|division|annex|appendix|schedule)\s+(?:\d+[a-z]?|[ivxlc]+|[a-z])\b"
                      r"(?![.\-]\d)", re.IGNORECASE)
_SECTION = re.compile(r"^(?:§{1,2}|section|sec\.)\s*\d+(?:[.\-–]\d+)*[a-z]?\.?(?=\s|$)", re.IGNORECASE)
_DECIMAL = re.compile(r"^(\d{1,2}(?:\.\d{1,3})+|\d{1,2}\.)\.?(?=\s)")
_ENUMERATOR = re.compile(r"^(?:\(\w{1,4}\)|[•▪●◦■\-–]|\d{1,2}[.)]|[a-z][.)])\s")
_TERMINAL = ".:;!?)\"'”’"

RANK_PART, RANK_ARTICLE, RANK_CAPS, RANK_SECTION, RANK_BOLD, RANK_PLAIN, RANK_PARAGRAPH = 10, 20, 25, 30, 40, 45, 50


@dataclass
class _Heading:
    text: str
    rank: float
    page: int
    kind: str


def numbering_rank(text: str) -> float | None:
    """The rank of a numbered heading line, or None when it is not one.

    The words after the number must start with a capital ('§ 12.202 General standards.'),
    so references at the start of a wrapped line ('§ 12.202 of this part', '§ 12.204(a)')
    are not taken for headings.
    """
    for pattern, rank in ((_PART, RANK_PART), (_ARTICLE, RANK_ARTICLE), (_SECTION, RANK_SECTION)):
        match = pattern.match(text)
        if match:
            rest = text[match.end():].lstrip(" .:—–-")
            return rank if not rest or rest[0].isupper() or rest[0] in "\"'“[" else None
    match = _DECIMAL.match(text)
    if match:
        rest = text[match.end():].lstrip()
        if rest and rest[0].isupper():
            return RANK_SECTION + match.group(1).rstrip(".").count(".") + 1
    return None


def _number_only(text: str) -> bool:
    """'§ 12.201', 'ARTICLE 3', 'Section 4.': a number whose title is on the next line."""
    for pattern in (_PART, _ARTICLE, _SECTION, _DECIMAL):
        match = pattern.match(text)
        if match:
            return not text[match.end():].strip(" .:—–-")
    return False


_PROSE = re.compile(r"^[\w\s,.'’&:;()/—–-]+$")


def _all_caps(text: str) -> bool:
    """A heading in capitals ('GIFTS AND HOSPITALITY'); code ('INSTALL_FILE = $(X)') is not one."""
    letters = [ch for ch in text if ch.isalpha()]
    return (len(letters) >= 4 and all(ch.isupper() for ch in letters) and len(text.split()) <= 12
            and bool(_PROSE.match(text)) and "_" not in text)


def _starts_block(previous: PdfLine | _Heading | None, layout: _Layout) -> bool:
    """After a heading, a finished sentence, or a short line (a paragraph's last, or a title)."""
    if previous is None or isinstance(previous, _Heading):
        return True
    return previous.text.endswith(tuple(_TERMINAL)) or len(previous.text) <= 0.6 * layout.full


class _Layout:
    """Shared measurements of one document's body text."""

    def __init__(self, pages: list[list[PdfLine]], body: float) -> None:
        self.body = body
        lengths = sorted(len(line.text) for lines in pages for line in lines if abs(line.size - body) < 0.6)
        self.full = lengths[int(len(lengths) * 0.9)] if lengths else 80
        gaps = sorted(round(a.y - b.y, 1) for lines in pages for a, b in zip(lines, lines[1:], strict=False)
                      if 0 < a.y - b.y < body * 3)
        self.leading = gaps[len(gaps) // 2] if gaps else body * 1.2
        big = {round(line.size * 2) / 2 for lines in pages for line in lines
               if line.size >= body * 1.15 and line.words <= 20}
        self.size_rank = {size: float(i + 1) for i, size in enumerate(sorted(big, reverse=True)[:9])}
        styled = sum(1 for lines in pages for line in lines if line.bold and line.words <= 15)
        self.typographic = bool(self.size_rank) or styled >= 3  # the document marks headings by type

    def big_rank(self, line: PdfLine) -> float | None:
        return self.size_rank.get(round(line.size * 2) / 2)

    def short(self, line: PdfLine) -> bool:
        return len(line.text) <= 0.8 * self.full


def classify(line: PdfLine, previous: PdfLine | _Heading | None, layout: _Layout, plain: bool = False) -> _Heading | None:
    """A heading when the line is one (see the module docstring), else None."""
    text = line.text
    if line.words > 20 or len(text) > 160 or text.endswith((",", ";")) or not text[0].isalnum() and text[0] not in "§(":
        return None
    big = layout.big_rank(line)
    if big is not None:
        return _Heading(text, big, line.page, "size") if _starts_block(previous, layout) or line.words <= 12 else None
    if not _starts_block(previous, layout):
        return None
    numbered = numbering_rank(text)
    if numbered is not None and (line.bold or layout.short(line)):
        if numbered == RANK_SECTION + 1 and not line.bold and (line.words > 12 or layout.typographic):
            return None  # '1. Employees must ...': a numbered list item, where headings are set in type
        return _Heading(text, numbered, line.page, "number")
    if line.bold and line.words <= 15 and text[0].isupper():
        return _Heading(text, RANK_BOLD, line.page, "bold")
    if _all_caps(text):
        return _Heading(text, RANK_CAPS, line.page, "caps")
    if plain and line.words <= 8 and text[0].isupper() and text[-1] not in _TERMINAL and layout.short(line):
        return _Heading(text, RANK_PLAIN, line.page, "plain")
    return None


def _continues(heading: _Heading, line: PdfLine, first: PdfLine, layout: _Layout) -> bool:
    """Whether `line` is the second line of a heading that wrapped (or a number on its own line)."""
    if line.words > 15 or numbering_rank(line.text) is not None:
        return False
    number_only = _number_only(heading.text)
    if number_only:
        return line.bold == first.bold and line.words <= 15
    same_face = abs(line.size - first.size) < 0.3 and line.bold == first.bold
    if heading.kind in ("size", "bold"):
        return same_face and not heading.text.endswith(".") and line.words <= 12
    if heading.kind == "caps":
        return same_face and _all_caps(line.text)
    return False


def _drop_contents_lists(items: list) -> list:
    """Remove runs of 3+ headings of one rank with no text between them (a list of contents)."""
    out: list = []
    run: list[_Heading] = []

    def flush() -> None:
        ranks = [h.rank for h in run]
        if not (len(run) >= 3 and max(ranks.count(r) for r in ranks) >= 3):
            out.extend(run)
        run.clear()

    for item in items:
        if isinstance(item, _Heading):
            run.append(item)
        else:
            flush()
            out.append(item)
    flush()
    return out


def _join_lines(text: str, line: str) -> str:
    """Join a wrapped line, mending a word hyphenated at the line end ('regu-' + 'lation')."""
    if re.search(r"[^\W\d_]-$", text) and line[:1].islower():
        return text[:-1] + line
    return f"{text} {line}"


def _paragraphs(lines: list[PdfLine], layout: _Layout) -> list[tuple[str, list[tuple[int, int]]]]:
    """Re-join wrapped lines into paragraphs, each with (offset, page) marks."""
    out: list[tuple[str, list[tuple[int, int]]]] = []
    text = ""
    marks: list[tuple[int, int]] = []
    previous: PdfLine | None = None
    for line in lines:
        new = previous is None
        if previous is not None:
            ended = previous.text.endswith(tuple(_TERMINAL))
            gap = previous.page == line.page and previous.y - line.y > layout.leading * 1.6
            if ended and (_ENUMERATOR.match(line.text) or layout.short(previous) or gap):
                new = True
        if new:
            if text:
                out.append((text, marks))
            text, marks = line.text, [(0, line.page)]
        else:
            if marks[-1][1] != line.page:
                marks.append((len(text) + 1, line.page))
            text = _join_lines(text, line.text)
        previous = line
    if text:
        out.append((text, marks))
    return out


def first_big_line(pages: list[list[PdfLine]], body: float) -> str | None:
    """The largest of the first lines of the document, when it is set larger than the body: a title."""
    first = next((lines[:3] for lines in pages if lines), [])
    if not first:
        return None
    top = max(first, key=lambda line: line.size)
    return top.text.rstrip(" .:") if top.size >= body * 1.15 and top.words <= 20 else None


def plain_title(pages: list[list[PdfLine]]) -> str | None:
    """The document's first line when it reads as a title (short, no sentence end); it is removed."""
    for lines in pages:
        if lines:
            line = lines[0]
            if line.words <= 10 and line.text[-1] not in _TERMINAL and line.text[0].isupper():
                lines.pop(0)
                return line.text
            return None
    return None


_LETTERED = re.compile(r"^\(([a-z])\)\s+(.*)$", re.DOTALL)


def paragraph_labels(paragraphs: list[str]) -> list[str | None]:
    """'(a)', '(b) Gifts from outside sources', ...: a label for each lettered paragraph of a section.

    Legal sections are made of lettered paragraphs, each a rule of its own and cited as such
    ('§ 2635.202(b)'). When a section has (a) and (b), each lettered paragraph opens a
    sub-section, so every rule can be cited on its own. A short first sentence is the
    paragraph's own heading and joins the letter; sub-paragraphs ((1), (i)) stay inside.
    """
    labels: list[str | None] = [None] * len(paragraphs)
    expected = "a"
    for index, text in enumerate(paragraphs):
        match = _LETTERED.match(text)
        if not match or match.group(1) != expected:
            continue
        label = f"({expected})"
        heading = re.match(r"^([^.;:]{2,60})[.:]\s", match.group(2))
        if heading and len(heading.group(1).split()) <= 6 and heading.group(1)[0].isupper():
            label += f" {heading.group(1)}"
        labels[index] = label
        expected = chr(ord(expected) + 1)
    return labels if expected > "b" else [None] * len(paragraphs)


def build_sections(pages: list[list[PdfLine]], body: float) -> tuple[list[Section], list[_Heading]]:
    """Sections of the body lines (furniture already removed), and the headings found."""
    layout = _Layout(pages, body)
    lines = [line for page in pages for line in page]
    items = _items(lines, layout, plain=False)
    if not any(isinstance(item, _Heading) for item in items):
        items = _items(lines, layout, plain=True)
    items = _drop_contents_lists(items)
    builder = SectionBuilder()
    headings: list[_Heading] = []
    block: list[PdfLine] = []

    def flush() -> None:
        paragraphs = _paragraphs(block, layout)
        labels = paragraph_labels([text for text, _ in paragraphs])
        for (text, marks), label in zip(paragraphs, labels, strict=True):
            if label:
                builder.heading(label, RANK_PARAGRAPH)
            builder.paragraph(text, marks)
        block.clear()

    for item in items:
        if isinstance(item, _Heading):
            flush()
            builder.heading(item.text.rstrip(" .:"), item.rank)
            headings.append(item)
        else:
            block.append(item)
    flush()
    return builder.finish(), headings


def _items(lines: list[PdfLine], layout: _Layout, plain: bool) -> list:
    items: list = []
    previous: PdfLine | _Heading | None = None
    i = 0
    while i < len(lines):
        line = lines[i]
        heading = classify(line, previous, layout, plain)
        if heading is None:
            items.append(line)
            previous = line
            i += 1
            continue
        j = i + 1
        while j < len(lines) and _continues(heading, lines[j], line, layout):
            heading.text = _join_lines(heading.text, lines[j].text)
            j += 1
        items.append(heading)
        previous = heading
        i = j
    return items
