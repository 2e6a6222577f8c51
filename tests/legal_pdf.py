"""A realistic ~80-page legal-style PDF, drawn with reportlab, and what a reader should recover.

Shaped like the codes of conduct and regulations that policy teams publish as PDF: a cover
page in large type, a two-page table of contents with dot leaders, a running header
("Title of the code — Part 2") and footer ("Page N of M") on every body page, subparts in
a larger bold face, and sections whose headings ("§ 12.201 General standards.") are set in
the body size, only bold, as most legal PDFs do. Body paragraphs are justified text wrapped
by hand, with some words hyphenated at line ends and paragraphs running across page breaks.
The generator records where each heading and paragraph landed, so tests can check pages.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path

HEADER = "Title of the code — Part 2"
TITLE = "Standards of Ethical Conduct for Employees of the Agency"
COVER_LINES = [(TITLE, 22), ("Title 12 — Code of Conduct", 16), ("Issued by the Office of Ethics", 12),
               ("Revised edition, March 2026", 12)]

SUBPARTS = [
    ("A", "General Provisions"), ("B", "Gifts From Outside Sources"), ("C", "Gifts Between Employees"),
    ("D", "Conflicting Financial Interests"), ("E", "Impartiality in Performing Official Duties"),
    ("F", "Seeking Other Employment"), ("G", "Misuse of Position"), ("H", "Outside Activities"),
]
SECTION_TITLES = [
    "Basic obligation of public service", "General standards", "Definitions", "Exceptions",
    "Limitations on use of exceptions", "Proper disposition of prohibited gifts", "Waiver of requirements",
    "Use of nonpublic information", "Use of government property", "Use of official time",
    "Disqualifying financial interests", "Prohibited financial interests", "Teaching, speaking and writing",
    "Fundraising activities", "Participation in professional associations", "Personal relationships",
]
SUBJECTS = ["An employee", "A supervisor", "The designated agency ethics official", "A former employee",
            "Each agency", "An employee who is a member of an advisory committee", "The head of the agency"]
VERBS = ["shall not solicit or accept", "may accept", "shall report", "shall not use", "may request",
         "shall disclose", "must obtain written approval before accepting", "shall decline"]
OBJECTS = ["any gift from a prohibited source", "gifts with an aggregate market value of $20 or less per source",
           "nonpublic information to further a private interest", "compensation for teaching or speaking",
           "an invitation to a widely attended gathering", "a waiver under paragraph (b) of this section",
           "travel expenses offered by a person seeking official action",
           "hospitality extended on the basis of a personal relationship"]
TAILS = ["unless an exception in § 12.204 applies", "in accordance with the procedures of this subpart",
         "consistent with the agency's supplemental regulations", "where a reasonable person with knowledge of "
         "the relevant facts would question the employee's impartiality", "as provided in § 12.205(a) of this part",
         "notwithstanding any other provision of this part", "after consultation with an agency ethics official",
         "within thirty days of the date on which the obligation arose"]
PARAGRAPH_TITLES = ["Gifts from outside sources", "Widely attended gatherings", "Reporting", "Waivers",
                    "Personal relationships", "Definitions"]
LONG_WORDS = ["notwithstanding", "representational", "administrative", "disqualification", "responsibilities",
              "circumstances", "determination", "organizational", "appropriateness", "reimbursement"]


@dataclass
class LegalPdf:
    """The generated file and the facts a reader should recover from it."""

    path: Path
    pages: int
    # heading path below the title -> page the heading is on
    sections: dict[tuple[str, str], int] = field(default_factory=dict)
    # a paragraph that starts on one page and ends on the next: (its text, first page)
    spanning: list[tuple[str, int]] = field(default_factory=list)
    hyphenated: list[str] = field(default_factory=list)  # words drawn split across two lines
    toc_lines: list[str] = field(default_factory=list)


def _sentence(rng: random.Random) -> str:
    text = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(TAILS)}"
    if rng.random() < 0.5:
        text += f", including any {rng.choice(LONG_WORDS)} related to the matter"
    return text + "."


def _content(rng: random.Random) -> list[tuple[str, str, str]]:
    """(kind, subpart label, text) blocks: subpart headings, section headings, paragraphs."""
    blocks: list[tuple[str, str, str]] = []
    number = 100
    for index, (letter, name) in enumerate(SUBPARTS):
        label = f"Subpart {letter} — {name}"
        blocks.append(("subpart", label, label))
        number = 100 * (index + 1)
        for s in range(8):
            number += 1
            title = SECTION_TITLES[(index * 3 + s) % len(SECTION_TITLES)]
            blocks.append(("section", label, f"§ 12.{number} {title}."))
            for p in range(rng.randint(6, 8)):
                marker = "(" + "abcdefgh"[p] + ")"
                body = " ".join(_sentence(rng) for _ in range(rng.randint(3, 6)))
                if p == 1:  # like '(b) Gifts from outside sources. An employee ...'
                    body = f"{PARAGRAPH_TITLES[(index + s) % len(PARAGRAPH_TITLES)]}. {body}"
                blocks.append(("para", label, f"{marker} {body}"))
    return blocks


def _wrap(text: str, font: str, size: float, width: float, hyphenated: list[str]) -> list[str]:
    """Greedy line filling; a long word that does not fit is hyphenated across the line end."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if stringWidth(candidate, font, size) <= width:
            line = candidate
            continue
        if len(word) >= 10 and word.isalpha():
            for cut in range(len(word) - 4, 3, -1):
                head = f"{line} {word[:cut]}-".strip()
                if stringWidth(head, font, size) <= width:
                    lines.append(head)
                    hyphenated.append(word)
                    line = word[cut:]
                    break
            else:
                lines.append(line)
                line = word
            continue
        lines.append(line)
        line = word
    if line:
        lines.append(line)
    return lines


def build_legal_pdf(path: Path, seed: int = 7) -> LegalPdf:
    """Write the PDF and return what it contains."""
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    rng = random.Random(seed)
    width, height = letter
    left, right, top, bottom = 72.0, 72.0, 700.0, 72.0
    text_width = width - left - right
    info = LegalPdf(path=path, pages=0)
    blocks = _content(rng)

    # Lay out body pages first (a list of draw operations per page), so the TOC can give page numbers.
    pages: list[list[tuple[str, float, float, str, float]]] = [[]]
    y = top
    toc: list[tuple[str, int]] = []
    body_first_page = 4  # cover, two TOC pages, then the body
    for kind, subpart, text in blocks:
        if kind == "subpart":
            font, size, gap_before, lead = "Helvetica-Bold", 13.0, 18.0, 17.0
        elif kind == "section":
            font, size, gap_before, lead = "Helvetica-Bold", 10.0, 12.0, 13.0
        else:
            font, size, gap_before, lead = "Helvetica", 10.0, 6.0, 13.0
        lines = _wrap(text, font, size, text_width, info.hyphenated)
        if kind != "para" and y - gap_before - lead * 3 < bottom:  # keep a heading with its first lines
            pages.append([])
            y = top
        else:
            y -= gap_before
        first_page = 0
        for line in lines:
            if y < bottom:
                pages.append([])
                y = top
            pages[-1].append((font, left, y, line, size))
            first_page = first_page or len(pages)
            y -= lead
        page_number = first_page + body_first_page - 1
        last_page_number = len(pages) + body_first_page - 1
        if kind == "subpart":
            toc.append((text, page_number))
        elif kind == "section":
            toc.append((text, page_number))
            info.sections[(subpart, text.rstrip("."))] = page_number
        elif last_page_number != page_number and len(info.spanning) < 12:
            info.spanning.append((text, page_number))

    total = len(pages) + body_first_page - 1
    info.pages = total
    pdf = canvas.Canvas(str(path), pagesize=letter)
    pdf.setTitle("")  # like many real files: no useful metadata title

    # Cover page: large type, no header or footer.
    y = 560.0
    for text, size in COVER_LINES:
        pdf.setFont("Helvetica-Bold", size)
        pdf.drawCentredString(width / 2, y, text)
        y -= size * 2.2
    pdf.showPage()

    # Table of contents over two pages, with dot leaders and page numbers.
    from reportlab.pdfbase.pdfmetrics import stringWidth

    entries = list(toc)
    for toc_page in range(2):
        pdf.setFont("Helvetica-Bold", 16)
        if toc_page == 0:
            pdf.drawString(left, 720, "TABLE OF CONTENTS")
        y = 690.0
        share = entries[: (len(entries) + 1) // 2] if toc_page == 0 else entries[(len(entries) + 1) // 2:]
        for text, page in share:
            size = 8.0
            pdf.setFont("Helvetica", size)
            number = str(page)
            room = text_width - stringWidth(text, "Helvetica", size) - stringWidth(number, "Helvetica", size) - 8
            dots = "." * max(3, int(room / stringWidth(".", "Helvetica", size)))
            line = f"{text} {dots} {number}"
            pdf.drawString(left, y, line)
            info.toc_lines.append(line)
            y -= 10.5
        pdf.setFont("Helvetica", 9)
        pdf.drawCentredString(width / 2, 40, f"Page {toc_page + 2} of {total}")
        pdf.showPage()

    for index, ops in enumerate(pages):
        number = index + body_first_page
        pdf.setFont("Helvetica", 9)
        pdf.drawString(left, 740, HEADER)
        pdf.drawRightString(width - right, 740, "Office of Ethics")
        pdf.drawCentredString(width / 2, 40, f"Page {number} of {total}")
        for font, x, y, line, size in ops:
            pdf.setFont(font, size)
            pdf.drawString(x, y, line)
        pdf.showPage()
    pdf.save()
    return info
