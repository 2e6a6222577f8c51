"""Markdown and HTML structure: the heading styles real policies use become sections with plain labels."""

from __future__ import annotations

from ingest.loaders import load_document
from ingest.markdown_sections import parse_markdown

MB = 10_000_000


def _paths(sections) -> list[tuple[str, ...]]:
    return [section.headings for section in sections]


def test_setext_headings_are_sections():
    parsed = parse_markdown("Gift Policy\n===========\n\nIntro.\n\nAccepting gifts\n---------------\n\nDeclare them.\n\n"
                            "Hospitality\n-----------\n\nMeals are fine.\n")
    assert parsed.title == "Gift Policy"
    assert _paths(parsed.sections) == [("Gift Policy",), ("Gift Policy", "Accepting gifts"), ("Gift Policy", "Hospitality")]
    assert parsed.sections[2].text == "Meals are fine."


def test_bold_lines_are_pseudo_headings_and_labels_are_plain():
    parsed = parse_markdown("# Rules\n\n## Posting\n\n**SAFE**\n\nThings that are fine.\n\n**Be careful:**\n\n"
                            "Ask first.\n\n## Other\n\nText.\n")
    assert _paths(parsed.sections) == [("Rules", "Posting", "SAFE"), ("Rules", "Posting", "Be careful"), ("Rules", "Other")]
    assert all("*" not in label for path in _paths(parsed.sections) for label in path)


def test_many_bold_labelled_rules_are_each_citable():
    rules = "\n\n".join(f"**Rule {name}:** Never do {name.lower()} things in public." for name in
                        ("Financial", "Clients", "Legal", "Security", "Health", "Politics", "Hiring", "Pricing", "Travel"))
    parsed = parse_markdown(f"# Handbook\n\n## What not to post\n\nThese apply to everyone.\n\n{rules}\n")
    paths = _paths(parsed.sections)
    assert paths[0] == ("Handbook", "What not to post")
    assert len(paths) == 10 and len(set(paths)) == 10
    assert ("Handbook", "What not to post", "Rule Financial") in paths
    financial = parsed.sections[1]
    assert financial.text == "Rule Financial: Never do financial things in public."  # plain text, no '**'


def test_one_bold_lead_is_emphasis_not_a_heading():
    parsed = parse_markdown("# Policy\n\n**Note:** this policy applies to contractors too.\n\nMore text.\n")
    assert _paths(parsed.sections) == [("Policy",)]


def test_list_items_with_bold_labels_or_sub_lists_become_sections():
    parsed = parse_markdown(
        "# Do's and don'ts\n\n- **Be honest.** Say who you are.\n- **Be kind**: no insults.\n\n"
        "## Checklist\n\n* Anything said in public is fair game.\n\n    * Never post what you would not want reported.\n"
        "* Be sure information is public\n\n    * Ask before sharing plans heard at events.\n")
    assert _paths(parsed.sections) == [
        ("Do's and don'ts", "Be honest"), ("Do's and don'ts", "Be kind"),
        ("Do's and don'ts", "Checklist", "Anything said in public is fair game"),
        ("Do's and don'ts", "Checklist", "Be sure information is public"),
    ]
    assert parsed.sections[2].text.startswith("- Anything said in public is fair game.\n  - Never post")


def test_plain_lists_tables_details_and_html_blocks():
    parsed = parse_markdown(
        "# Travel\n\nRules:\n\n1. Book early.\n2. Fly economy.\n\n| Item | Limit |\n|---|---|\n| Meals | 40 |\n\n"
        "<details>\n<summary>Exceptions</summary>\n\nLong flights may be business class.\n\n</details>\n\n"
        "<!-- a comment -->\n\nBack to the rules.\n")
    paths = _paths(parsed.sections)
    assert paths == [("Travel",), ("Travel", "Exceptions"), ("Travel",)]
    assert parsed.sections[0].text == "Rules:\n\n1. Book early.\n2. Fly economy.\n\nItem | Limit\nMeals | 40"
    assert parsed.sections[1].text == "Long flights may be business class."
    assert "comment" not in parsed.sections[2].text


def test_markup_removed_from_labels_and_text():
    parsed = parse_markdown("# The **SAFE** list\n\n## `config` and [links](http://x.test)\n\nUse *care* and __sense__.\n")
    assert parsed.sections[0].headings == ("The SAFE list", "config and links")
    assert parsed.sections[0].text == "Use care and sense."


def test_front_matter_and_metadata_block(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("---\ntitle: Travel Policy\nurl: https://example.test/t\n---\n\n## Flights\n\nBook early.\n")
    doc = load_document(path, MB)
    assert (doc.title, doc.url) == ("Travel Policy", "https://example.test/t")
    other = tmp_path / "b.md"
    other.write_text("Title: ASF Newsroom\nlicense: https://example.test/l\n\n## Press\n\nAsk first.\n")
    doc = load_document(other, MB)
    assert doc.title == "ASF Newsroom"
    assert [s.headings for s in doc.sections] == [("Press",)] and "license" not in doc.sections[0].text
    plain = tmp_path / "c.md"
    plain.write_text("Note: this is a paragraph, not metadata.\n\n## Press\n\nAsk first.\n")
    assert "Note: this is a paragraph" in load_document(plain, MB).sections[0].text


def test_definition_lists():
    parsed = parse_markdown("# Glossary\n\nGift\n: Anything of value.\n\nBribe\n: A gift meant to influence.\n")
    assert _paths(parsed.sections) == [("Glossary", "Gift"), ("Glossary", "Bribe")]
    assert parsed.sections[0].text == "Gift: Anything of value."


def test_html_bold_paragraphs_and_definition_lists_as_headings(tmp_path):
    path = tmp_path / "code.html"
    path.write_text(
        "<html><head><title>Acme Code of Conduct</title></head><body><main>"
        "<h2>Introduction</h2><p>We act with integrity.</p>"
        "<p><strong>Gifts</strong></p><p>Declare gifts over 50 euros.</p>"
        "<p><b>Hospitality</b></p><p>Meals with clients are fine.</p>"
        "<h2>Glossary</h2><dl><dt>Bribe</dt><dd>A gift meant to influence.</dd>"
        "<dt>Conflict of interest</dt><dd>When personal interests clash with work.</dd></dl>"
        "</main></body></html>")
    doc = load_document(path, MB)
    assert doc.title == "Acme Code of Conduct"  # no <h1>: the page title, not the first <h2>
    assert [s.headings for s in doc.sections] == [
        ("Introduction",), ("Introduction", "Gifts"), ("Introduction", "Hospitality"),
        ("Glossary", "Bribe"), ("Glossary", "Conflict of interest")]
    assert doc.sections[1].text == "Declare gifts over 50 euros."


def test_docx_bold_paragraph_is_a_heading(tmp_path):
    import docx

    document = docx.Document()
    document.add_heading("Expenses", level=1)
    document.add_paragraph().add_run("Meals").bold = True
    document.add_paragraph("Up to 40 euros a day, *receipts* required.")
    path = tmp_path / "e.docx"
    document.save(str(path))
    doc = load_document(path, MB)
    assert [s.headings for s in doc.sections] == [("Expenses", "Meals")]
    assert doc.sections[0].text == "Up to 40 euros a day, *receipts* required."  # Word text kept literally


def test_plain_text_keeps_markup_characters_literally(tmp_path):
    path = tmp_path / "rules.txt"
    path.write_text("POSTING RULES\n\nNever post <company> secrets, *stars* or file_names.\n\n"
                    "Passwords\n\nNever share your password.\n")
    doc = load_document(path, MB)
    assert doc.title == "POSTING RULES"
    assert [s.headings for s in doc.sections] == [("POSTING RULES",), ("POSTING RULES", "Passwords")]
    assert doc.sections[0].text == "Never post <company> secrets, *stars* or file_names."


def test_heading_attribute_blocks_are_not_words_of_the_label():
    """bookdown / pandoc / kramdown write `{-}`, `{.unnumbered}`, `{#id .class}` after a heading (wild5's rOpenSci guide)."""
    parsed = parse_markdown("# Editor Guide {-}\n\nIntro.\n\n## Review a post {.unnumbered}\n\nCheck it.\n\n"
                            "## Publish {#pub .x}\n\nMerge it.\n\n## Sets {a} and {b}\n\nKept.\n")
    assert [s.headings[-1] for s in parsed.sections] == ["Editor Guide", "Review a post", "Publish", "Sets {a} and {b}"]


def test_asciidoc_text_files_keep_their_sections_and_front_matter_title(tmp_path):
    """An AsciiDoc source saved as .txt (FreeBSD's pages): `=` titles are headings, front matter is metadata."""
    path = tmp_path / "reporting.txt"
    path.write_text("---\ntitle: \"Conduct Reporting\"\nurl: https://example.org/conduct\n---\n\n"
                    "= Conduct Reporting\n\n== How to report\n\nEmail the committee.\n\n"
                    "== What happens next\n\nWe reply within 48 hours.\n")
    doc = load_document(path, MB)
    assert (doc.title, doc.url) == ("Conduct Reporting", "https://example.org/conduct")
    assert [s.headings[-1] for s in doc.sections] == ["How to report", "What happens next"]
    assert not any("title:" in s.text or "---" in s.text for s in doc.sections)


def test_labels_collapse_no_break_spaces_and_a_repeated_title():
    from ingest.sections import full_path

    assert full_path("Guide", ("2\u00a0 Content\u00a0Guidelines",)) == ("Guide", "2 Content Guidelines")
    assert full_path("Reporting", ("Reporting", "Reporting", "Appeals")) == ("Reporting", "Appeals")
