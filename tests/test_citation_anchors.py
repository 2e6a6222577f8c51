"""Citations link to the section they quote, not to the top of the document (issue 9).

Each source gives sections their anchors its own way (HTML ids, Markdown explicit ids or the
slugs renderers generate, PDF pages); the link a person clicks in Slack, in the terminal or in
`--json` is `url#anchor`. Anchors are metadata only: labels, text and retrieval are unchanged,
and an index built before anchors existed still gives plain document links.
"""

from __future__ import annotations

import json

import pytest
from rich.console import Console

from ingest.anchors import anchored_url, page_anchor, split_explicit_id
from ingest.chunking import Chunker
from ingest.loaders import load_document
from tests.conftest import write_pdf

MB = 10_000_000
SOCIAL = "https://intranet.brightwater.example/policies/social-computing"
CLIENTS_LINK = f"{SOCIAL}#clients-partners-and-suppliers"


def _chunks(path, max_tokens: int = 200):
    """Passages as ingest makes them (words stand in for the model's word pieces)."""
    return Chunker(lambda text: len(text.split()), max_tokens=max_tokens, overlap_tokens=5).split(
        load_document(path, MB), str(path))


def _anchors(doc) -> dict[str, str]:
    return {" > ".join(section.headings): section.anchor for section in doc.sections}


# --- Markdown ----------------------------------------------------------------------------------------
MARKDOWN = """---
url: https://intranet.example/policies/conduct
---
# Code of Conduct

Everyone follows this code.

Gifts & hospitality: the basics
-------------------------------

Declare every gift worth more than 50 euros.

**Cash and vouchers**

Never accept cash or vouchers.

## Working with the media {#press}

Refer journalists to the press office.

## Examples

Examples of gifts.

## Examples

Examples of media requests.

## Examples

Examples of travel.

<a id="travel-rules"></a>
## Travel

Book through the portal.

### <a name="abroad"></a>Abroad

Register every trip abroad.
<a id="claims"></a>
## Expenses

Claim expenses within thirty days.
"""


def test_markdown_sections_keep_slugs_explicit_ids_and_html_anchors(tmp_path):
    path = tmp_path / "conduct.md"
    path.write_text(MARKDOWN)
    doc = load_document(path, MB)
    assert _anchors(doc) == {
        "Code of Conduct": "code-of-conduct",
        "Code of Conduct > Gifts & hospitality: the basics": "gifts--hospitality-the-basics",  # setext, GitHub slug
        # a bold pseudo-heading has no anchor of its own: it links to its nearest real heading
        "Code of Conduct > Gifts & hospitality: the basics > Cash and vouchers": "gifts--hospitality-the-basics",
        "Code of Conduct > Working with the media": "press",  # explicit {#id}, taken out of the label
        "Code of Conduct > Examples": "examples-2",  # the last of three: examples, examples-1, examples-2
        "Code of Conduct > Travel": "travel-rules",  # <a id> on the line before the heading
        "Code of Conduct > Travel > Abroad": "abroad",  # <a name> in the heading line
        "Code of Conduct > Expenses": "claims",  # <a id> on the last line of the paragraph above
    }
    examples = [section.anchor for section in doc.sections if section.headings[-1] == "Examples"]
    assert examples == ["examples", "examples-1", "examples-2"]
    assert all("{#" not in label for section in doc.sections for label in section.headings)


def test_markdown_passages_carry_the_anchor_and_a_split_section_shares_it(tmp_path):
    long_rules = " ".join(f"Rule {n}: never share dataset {n} outside the team." for n in range(40))
    path = tmp_path / "data.md"
    path.write_text(f"---\nurl: https://intranet.example/data\n---\n# Data\n\n## Sharing datasets\n\n{long_rules}\n")
    chunks = _chunks(path, max_tokens=60)
    sharing = [chunk for chunk in chunks if chunk.section.endswith("Sharing datasets")]
    assert len(sharing) > 1
    assert {chunk.anchor for chunk in sharing} == {"sharing-datasets"}
    assert all(chunk.metadata()["anchor"] == "sharing-datasets" for chunk in sharing)


def test_without_a_url_nothing_is_anchored(tmp_path):
    path = tmp_path / "nourl.md"
    path.write_text("# Policy\n\n## Gifts\n\nDeclare gifts.\n")
    assert [section.anchor for section in load_document(path, MB).sections] == ["gifts"]  # the section knows its slug...
    assert [chunk.anchor for chunk in _chunks(path)] == [""]  # ...but there is no page to link into
    text = tmp_path / "notes.txt"
    text.write_text("GIFTS\n\nDeclare gifts {#gifts} to your manager.\n")
    assert all(section.anchor == "" for section in load_document(text, MB).sections)
    assert "{#gifts}" in load_document(text, MB).sections[-1].text  # plain text is taken literally


# --- HTML --------------------------------------------------------------------------------------------
HTML = b"""<!doctype html><html><head><title>Conduct</title>
<link rel="canonical" href="https://intranet.example/conduct"></head><body><main>
<h1 id="top">Business Conduct</h1><p>Applies to all staff.</p>
<h2 id="gifts_and-hospitality">Gifts <em>and</em> hospitality</h2><p>Declare gifts.</p>
<p><strong>Cash</strong></p><p>Never accept cash.</p>
<h2><a name="travel"></a>Travel</h2><p>Book economy.</p>
<a id="media"></a><h2>Media</h2><p>Refer journalists.</p>
<section id="privacy"><h2>Privacy</h2><p>Keep personal data private.</p>
<h3 id="photos">Photos</h3><p>Ask before posting photos.</p></section>
<dl><dt id="insider-trading">Insider trading</dt><dd>Do not trade on inside information.</dd></dl>
</main></body></html>"""


def test_html_sections_keep_the_ids_the_page_gives(tmp_path):
    path = tmp_path / "conduct.html"
    path.write_bytes(HTML)
    doc = load_document(path, MB)
    assert doc.url == "https://intranet.example/conduct"
    assert _anchors(doc) == {
        "Business Conduct": "top",
        "Business Conduct > Gifts and hospitality": "gifts_and-hospitality",  # the heading's own id
        "Business Conduct > Gifts and hospitality > Cash": "gifts_and-hospitality",  # bold line: nearest heading
        "Business Conduct > Travel": "travel",  # <a name> inside the heading
        "Business Conduct > Media": "media",  # <a id> just before it
        "Business Conduct > Privacy": "privacy",  # the enclosing <section id>
        "Business Conduct > Privacy > Photos": "photos",
        "Business Conduct > Privacy > Photos > Insider trading": "insider-trading",  # <dt id>
    }
    links = {chunk.section.rsplit(" > ", 1)[-1]: anchored_url(chunk.url, chunk.anchor) for chunk in _chunks(path)}
    assert links["Media"] == "https://intranet.example/conduct#media"


def test_html_heading_without_an_id_gets_no_invented_slug(tmp_path):
    path = tmp_path / "plain.html"
    path.write_bytes(b'<html><head><link rel="canonical" href="https://x.example/p"></head><body>'
                     b"<h1>Policy</h1><p>Intro.</p><h2>Gifts</h2><p>Declare gifts.</p></body></html>")
    assert [section.anchor for section in load_document(path, MB).sections] == ["", ""]
    assert [chunk.anchor for chunk in _chunks(path)] == ["", ""]


# --- PDF ---------------------------------------------------------------------------------------------
def _two_page_pdf(path, url_key: str | None = "/URL"):
    from pypdf import PdfWriter
    from pypdf.generic import DictionaryObject, NameObject, TextStringObject

    blocks = [("Travel Policy", 20), ("Booking", 14)]
    blocks += [(f"Line {n} of the booking rules: book every trip through the travel portal.", 10) for n in range(50)]
    blocks += [("Expenses", 14), ("Claim taxi fares within thirty days with a receipt.", 10)]
    write_pdf(path, blocks)
    writer = PdfWriter(clone_from=str(path))
    if url_key == "/URL":
        writer.add_metadata({"/URL": "https://intranet.example/travel.pdf"})
    elif url_key == "/URI":
        writer._root_object[NameObject("/URI")] = DictionaryObject(
            {NameObject("/Base"): TextStringObject("https://intranet.example/travel.pdf")})
    with open(path, "wb") as out:
        writer.write(out)
    return path


@pytest.mark.parametrize("url_key", ["/URL", "/URI"])
def test_pdf_passages_link_to_their_first_page(tmp_path, url_key):
    path = _two_page_pdf(tmp_path / "travel.pdf", url_key)
    doc = load_document(path, MB)
    assert doc.url == "https://intranet.example/travel.pdf"
    chunks = _chunks(path, max_tokens=120)
    expenses = next(chunk for chunk in chunks if chunk.section.endswith("Expenses"))
    assert expenses.pages == "2" and expenses.anchor == "page=2"
    spread = next(chunk for chunk in chunks if chunk.pages == "1-2")  # a passage running over the page break
    assert anchored_url(spread.url, spread.anchor) == "https://intranet.example/travel.pdf#page=1"


def test_pdf_without_a_url_has_no_page_link(tmp_path):
    path = _two_page_pdf(tmp_path / "travel.pdf", url_key=None)
    assert load_document(path, MB).url is None
    assert all(chunk.anchor == "" for chunk in _chunks(path))


# --- the link itself ---------------------------------------------------------------------------------
def test_link_replaces_a_fragment_and_escapes_what_slack_cannot_carry():
    assert anchored_url("https://x.example/p#top", "gifts") == "https://x.example/p#gifts"
    assert anchored_url("https://x.example/p", "") == "https://x.example/p"
    assert anchored_url(None, "gifts") is None
    assert anchored_url("https://x.example/p", "café|a>b") == "https://x.example/p#caf%C3%A9%7Ca%3Eb"
    assert anchored_url("https://x.example/p.pdf", page_anchor("12-13")) == "https://x.example/p.pdf#page=12"
    assert split_explicit_id("Title {#custom-id .wide}") == ("Title", "custom-id")
    assert split_explicit_id("{#only}") == ("{#only}", None)


# --- what people see: engine, JSON, console, Slack ---------------------------------------------------
def _client_citation(answer):
    return next(c for c in answer.citations if c.section.endswith("Clients, partners and suppliers"))


def test_bundled_citation_links_to_its_section(bundled_engine):
    answer = bundled_engine.ask("Can I mention a client on LinkedIn?")
    assert _client_citation(answer).url == CLIENTS_LINK
    data = answer.to_json()
    assert CLIENTS_LINK in [c["url"] for c in data["citations"]]
    conduct = [c for c in answer.citations if c.doc == "business-conduct-guidelines.html"]
    # the bundled HTML page has no ids: its citations keep the page's canonical link
    assert all(c.url == "https://intranet.brightwater.example/policies/business-conduct" for c in conduct)


def test_console_shows_the_section_link(bundled_engine):
    from bot.console_render import render

    answer = bundled_engine.ask("Can I mention a client on LinkedIn?")
    answer.citations = [_client_citation(answer)]
    console = Console(record=True, width=300, color_system=None)
    render(answer, console)
    assert f"({CLIENTS_LINK})" in console.export_text()


def test_slack_blocks_link_to_the_section(bundled_engine):
    from bot.slack.blocks import answer_blocks

    answer = bundled_engine.ask("Can I mention a client on LinkedIn?")
    text = json.dumps(answer_blocks(answer))
    assert f"<{CLIENTS_LINK}|" in text


def test_index_built_before_anchors_gives_plain_links(settings, embeddings, tmp_path, monkeypatch):
    """Rows without anchor metadata (an older build) still answer, linking to the document."""
    from bot.engine import Engine
    from ingest import chunking
    from ingest.pipeline import Ingestor

    original = chunking.Chunk.metadata

    def old_metadata(self, kind="passage"):
        meta = original(self, kind)
        meta.pop("anchor")
        return meta

    path = tmp_path / "docs" / "conduct.md"
    path.parent.mkdir()
    path.write_text(MARKDOWN)
    monkeypatch.setattr(chunking.Chunk, "metadata", old_metadata)
    monkeypatch.setattr("ingest.pipeline.CHUNKER_VERSION", "5")  # what builds before anchors were marked
    Ingestor(settings, embeddings).run([path.parent])
    monkeypatch.undo()
    answer = Engine(settings, embeddings=embeddings).ask("Who do I refer journalists to?")
    assert answer.citations and answer.citations[0].url == "https://intranet.example/policies/conduct"
    # a re-ingest with this version rebuilds the passages and adds the anchors
    Ingestor(settings, embeddings).run([path.parent])
    answer = Engine(settings, embeddings=embeddings).ask("Who do I refer journalists to?")
    assert answer.citations[0].url == "https://intranet.example/policies/conduct#press"
