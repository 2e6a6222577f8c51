"""Each loader recovers text and headings from its format, and refuses bad files with a reason."""

from __future__ import annotations

import pytest

from ingest.errors import LoadError
from ingest.loaders import load_document
from tests.conftest import write_docx, write_pdf

MB = 10_000_000


def test_markdown_front_matter_title_and_url(tmp_path):
    path = tmp_path / "policy.md"
    path.write_text("---\ntitle: Travel Policy\nurl: https://example.test/travel\n---\n# Travel\n\n## Flights\n\nBook early.\n")
    doc = load_document(path, MB)
    assert doc.title == "Travel Policy"
    assert doc.url == "https://example.test/travel"
    assert "## Flights" in doc.markdown and "title:" not in doc.markdown


def test_html_keeps_content_drops_scripts_nav_footer(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><title>Tab title</title><link rel='canonical' href='https://x.test/p'>"
        "<style>.a{color:red}</style><script>var secret='tracking';</script></head><body>"
        "<nav><a href='/'>Home</a> Menu item</nav><header><p>Site banner</p></header>"
        "<main><h1>Expense Rules</h1><p>Keep receipts.</p><h2>Meals</h2><p>Up to 40 euros a day.</p></main>"
        "<aside>Related links</aside><footer>Copyright footer text</footer></body></html>"
    )
    doc = load_document(path, MB)
    assert doc.title == "Expense Rules"
    assert doc.url == "https://x.test/p"
    assert "## Meals" in doc.markdown and "Up to 40 euros" in doc.markdown
    for junk in ("tracking", "Menu item", "Site banner", "Related links", "Copyright footer", "color:red"):
        assert junk not in doc.markdown


def test_pdf_headings_from_font_sizes(tmp_path):
    path = write_pdf(tmp_path / "p.pdf", [
        ("Acme Travel Policy", 20), ("Booking flights", 14),
        ("Book flights through the travel portal at least two weeks", 10), ("before departure.", 10),
        ("Hotels", 14), ("Choose hotels from the preferred list.", 10),
    ])
    doc = load_document(path, MB)
    assert doc.title == "Acme Travel Policy"
    assert "## Booking flights" in doc.markdown and "## Hotels" in doc.markdown
    assert "two weeks before departure." in doc.markdown  # wrapped lines re-joined


def test_pdf_single_size_uses_heading_like_lines(tmp_path):
    path = write_pdf(tmp_path / "flat.pdf", [
        ("Remote Work Policy", 10), ("1. Eligibility", 10),
        ("Staff may work remotely two days a week with approval.", 10),
        ("2. Equipment", 10), ("Laptops are provided by the company.", 10),
    ])
    doc = load_document(path, MB)
    assert "# Remote Work Policy" in doc.markdown
    assert "## 1. Eligibility" in doc.markdown and "## 2. Equipment" in doc.markdown


def test_docx_heading_styles(tmp_path):
    path = write_docx(tmp_path / "d.docx", "Gift Policy",
                      [(1, "Accepting gifts", "Gifts over 50 euros must be declared."), (2, "Hospitality", "Meals are fine.")])
    doc = load_document(path, MB)
    assert doc.title == "Gift Policy"
    assert "# Gift Policy" in doc.markdown and "## Accepting gifts" in doc.markdown and "### Hospitality" in doc.markdown


def test_txt_heading_like_lines(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("SECURITY BASICS\n\nLock your screen.\n\nPasswords\n\nNever share your password with anyone.\n")
    doc = load_document(path, MB)
    assert "# SECURITY BASICS" in doc.markdown and "## Passwords" in doc.markdown


def test_latin1_text_is_decoded(tmp_path):
    path = tmp_path / "legacy.txt"
    path.write_bytes("Politique de confidentialité\n\nLes données privées restent privées.\n".encode("latin-1"))
    assert "données" in load_document(path, MB).markdown


@pytest.mark.parametrize("name,content,reason", [
    ("empty.md", b"", "empty file"),
    ("blank.md", b"   \n\n  ", "no text"),
    ("binary.md", b"\x00\x01\x02garbage" * 10, "not a text file"),
    ("broken.pdf", b"%PDF-1.4 this is not really a pdf", "corrupt or unreadable PDF"),
    ("broken.docx", b"PK\x03\x04 not a zip at all", "corrupt or unreadable Word document"),
    ("notes.rtf", b"{\\rtf1 hello}", "unsupported file type"),
])
def test_bad_files_have_a_reason(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(LoadError, match=reason):
        load_document(path, MB)


def test_encrypted_pdf_is_refused(tmp_path):
    from pypdf import PdfReader, PdfWriter

    plain = write_pdf(tmp_path / "plain.pdf", [("Secret Policy", 20), ("Body text here.", 10)])
    writer = PdfWriter()
    for page in PdfReader(plain).pages:
        writer.add_page(page)
    writer.encrypt("s3cret-password")
    locked = tmp_path / "locked.pdf"
    with open(locked, "wb") as handle:
        writer.write(handle)
    with pytest.raises(LoadError, match="encrypted PDF"):
        load_document(locked, MB)


def test_too_large_file(tmp_path):
    path = tmp_path / "big.md"
    path.write_text("# Big\n\n" + "word " * 5000)
    with pytest.raises(LoadError, match="file too large"):
        load_document(path, 1000)
