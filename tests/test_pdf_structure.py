"""PDF structure: an ~80-page legal-style PDF is cited by its own section headings, with pages.

The PDF is generated once per session (tests/legal_pdf.py) with a cover page, a table of
contents, running headers and footers, subparts in larger type, section headings in the
body size set bold, hyphenated words and paragraphs running across page breaks.
"""

from __future__ import annotations

import re

import pytest

from ingest.chunking import Chunker
from ingest.loaders import load_document
from ingest.pdf_furniture import is_page_number, is_toc_entry, running_lines
from ingest.pdf_lines import PdfLine
from ingest.pdf_structure import numbering_rank
from tests.legal_pdf import COVER_LINES, HEADER, TITLE, build_legal_pdf


@pytest.fixture(scope="module")
def legal(tmp_path_factory):
    info = build_legal_pdf(tmp_path_factory.mktemp("legal") / "code-of-conduct.pdf")
    doc = load_document(info.path, 50_000_000)
    return info, doc


def test_the_pdf_is_realistically_long(legal):
    info, _ = legal
    assert 75 <= info.pages <= 95
    assert len(info.sections) == 64 and len(info.spanning) >= 5 and info.hyphenated


def test_title_from_the_cover_and_cover_text_not_in_passages(legal):
    _, doc = legal
    assert doc.title == TITLE
    body = "\n".join(section.text for section in doc.sections)
    for text, _size in COVER_LINES:
        assert text not in body


def test_every_section_heading_is_a_section_with_its_page(legal):
    info, doc = legal
    groups: dict[tuple[str, ...], list] = {}
    for section in doc.sections:
        groups.setdefault(section.headings[:2], []).append(section)
    assert set(groups) == set(info.sections)  # nothing else became a heading (no TOC, no cover, no header)
    for key, page in info.sections.items():
        parts = groups[key]
        assert parts[0].page_starts[0][1] == page, key
        # each lettered paragraph is a rule of its own: (a), (b) with its short title, (c), ...
        labels = [section.headings[2] for section in parts]
        assert labels[0] == "(a)" and labels[1].startswith("(b) ") and labels[2] == "(c)", labels
        assert all(section.text.startswith(label[:3]) for section, label in zip(parts, labels, strict=True))
    assert ("Subpart B — Gifts From Outside Sources", "§ 12.202 Limitations on use of exceptions") in groups


def test_no_running_header_footer_or_contents_inside_passages(legal):
    info, doc = legal
    body = "\n".join(section.text for section in doc.sections)
    assert HEADER not in body and "Office of Ethics" not in body
    assert not re.search(r"Page \d+ of \d+", body)
    assert "TABLE OF CONTENTS" not in body and "....." not in body
    assert info.toc_lines[5] not in body


def test_paragraphs_across_page_breaks_are_whole_and_span_two_pages(legal):
    info, doc = legal
    for text, page in info.spanning:
        owner = next(section for section in doc.sections if text in section.text)
        start = owner.text.index(text)
        assert owner.pages_of(start, start + len(text)) == f"{page}-{page + 1}"


def test_hyphenated_words_are_mended(legal):
    info, doc = legal
    body = "\n".join(section.text for section in doc.sections)
    for word in set(info.hyphenated):
        assert word in body
    assert not re.search(r"[a-z]- [a-z]", body)


def test_chunks_carry_pages_into_metadata_and_citations(legal):
    from bot.answer import Citation
    from bot.passages import _passage

    _, doc = legal
    chunks = Chunker(lambda text: len(text.split()), max_tokens=120, overlap_tokens=10).split(doc, "code.pdf")
    assert len(chunks) > 100
    assert all(re.fullmatch(r"\d+(-\d+)?", chunk.pages) for chunk in chunks)
    first = chunks[0]
    assert first.section == f"{TITLE} > Subpart A — General Provisions > § 12.101 Basic obligation of public service > (a)"
    assert first.metadata()["pages"] == "4"
    spread = next(chunk for chunk in chunks if "-" in chunk.pages)
    citation = Citation.from_passage(_passage(spread.id, spread.text, spread.metadata()), 0.5)
    assert citation.location.endswith(f", pp. {spread.pages}")
    assert citation.to_json()["pages"] == spread.pages
    single = Citation.from_passage(_passage(first.id, first.text, first.metadata()), 0.5)
    assert single.location.endswith("› § 12.101 Basic obligation of public service › (a), p. 4")


@pytest.mark.parametrize("line, rank", [
    ("§ 2635.202 General standards.", 30), ("Section 4 Scope", 30), ("Article 3 — Gifts", 20),
    ("PART 2635—STANDARDS OF ETHICAL CONDUCT", 10), ("Subpart B—Gifts From Outside Sources", 20),
    ("1.2.3 Reporting duties", 33), ("4. Equipment", 31), ("§ 12.201", 30),
    ("§ 2635.204(a) of this subpart, an employee may accept", None), ("§ 2635.202 of this part applies", None),
    ("1.5 million dollars were", None), ("Part of the reason is", None),
])
def test_numbering_patterns(line, rank):
    assert numbering_rank(line) == rank


def test_lettered_paragraph_labels():
    from ingest.pdf_structure import paragraph_labels

    paragraphs = ["Intro text.", "(a) Gifts. An employee may not accept gifts.", "(1) Sub point.",
                  "(b) An employee shall report it.", "(i) Roman sub point.", "(c) Waivers. Rarely given."]
    assert paragraph_labels(paragraphs) == [None, "(a) Gifts", None, "(b)", None, "(c) Waivers"]
    assert paragraph_labels(["(a) Only one lettered paragraph.", "Text."]) == [None, None]


def test_page_numbers_and_contents_entries():
    for text in ("12", "- 12 -", "Page 3", "Page 3 of 84", "iv", "[7]"):
        assert is_page_number(text), text
    for text in ("12 employees", "Page views are private.", "2635.202"):
        assert not is_page_number(text), text
    assert is_toc_entry("§ 12.201 General standards ........... 14")
    assert not is_toc_entry("An employee shall not accept gifts.")


def test_running_lines_repeat_modulo_digits():
    import random

    words = ["gifts", "travel", "outside", "employment", "conflicts", "property", "information", "official", "time", "agency", "employee", "source", "market", "value", "waiver", "report", "supervisor", "duty", "public", "trust"]
    rng = random.Random(3)
    pages = []
    for n in range(1, 11):
        lines = [PdfLine("5 CFR Ch. XVI (1-1-24 Edition)", 8, False, 760, n)]
        lines += [PdfLine(" ".join(rng.sample(words, 7)) + ".", 10, False, 700 - 14 * k, n) for k in range(12)]
        lines.append(PdfLine(f"Page {n} of 10", 8, False, 40, n))
        pages.append(lines)
    assert running_lines(pages) == {"# cfr ch. xvi (#-#-# edition)", "page # of #"}
