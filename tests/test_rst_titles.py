"""reStructuredText handbooks saved as plain text keep their title, their levels and no link-target markup
(sixteenth session). Sphinx handbooks put a "####" over- and underlined title on top and nest sections by
adornment style; a hard-wrapped sentence's first line is not a heading."""

from __future__ import annotations

from ingest.loaders.text_loader import load_text

HANDBOOK = """.. _chat-etiquette:

###############
Chat Etiquette
###############

Chat is where the team talks every day.

.. _chat-channels:

Project channels
================

Project channels are open to everyone on the team.

Replies
-------

Reply in a thread so the channel stays readable.

Public channels
===============

Anyone on the internet can read these.

Replies
-------

Never reply with internal links in a public channel.
"""


def _sections(text: str):
    sections, title, _ = load_text(text.encode())
    return sections, title


def test_an_over_and_underlined_title_is_the_documents_title():
    sections, title = _sections(HANDBOOK)
    assert title == "Chat Etiquette"
    assert not any("###" in s.text for s in sections)


def test_sections_nest_by_adornment_style_so_same_named_parts_stay_apart():
    sections, _ = _sections(HANDBOOK)
    paths = {s.headings for s in sections}
    assert ("Chat Etiquette", "Project channels", "Replies") in paths
    assert ("Chat Etiquette", "Public channels", "Replies") in paths
    public = next(s for s in sections if s.headings == ("Chat Etiquette", "Public channels", "Replies"))
    assert "internal links" in public.text


def test_link_targets_are_markup_not_text():
    sections, _ = _sections(HANDBOOK)
    assert not any(".. _" in s.text for s in sections)


def test_a_wrapped_sentence_is_not_a_heading():
    text = ("Conference travel\n=================\n\nThe travel office is where you go to\n"
            "book flights and hotels for a conference.\n\nReceipts\n--------\n\nKeep every receipt.\n")
    sections, title = _sections(text)
    assert title == "Conference travel"
    assert {s.headings for s in sections} == {("Conference travel",), ("Conference travel", "Receipts")}


def test_setext_markdown_in_a_text_file_reads_as_before():
    text = "Travel\n======\n\nBook early.\n\nMeals\n-----\n\nUp to 40 euros a day.\n\nHotels\n------\n\nThree stars.\n"
    sections, title = _sections(text)
    assert title == "Travel"
    assert [s.headings for s in sections] == [("Travel",), ("Travel", "Meals"), ("Travel", "Hotels")]
