"""Structures from wild15's drafts (fourteenth session), in new words: a trademark owner's rules on merchandise,
company names, registration and combined logos; a changed logo; and a status message whose "updated" was read as
"up". Each risky reading sits beside a harmless one that shares its words."""

from __future__ import annotations

import pytest

from tests.conftest import engine_over, findings_saying

HERONDB = """HeronDB Trademark Policy
========================

HeronDB and the HeronDB logo are trademarks of Heron Data Ltd. You may use the HeronDB name to refer to the
HeronDB project, in talks about HeronDB, and in articles or books about HeronDB.

You may not use the HeronDB marks on merchandise, in or as part of your company name, or beside another
company's logo. Do not apply anywhere to register HeronDB or any mark that includes it. Keep the HeronDB logo's
colours and proportions as provided.
"""


@pytest.fixture(scope="module")
def herondb(tmp_path_factory, embeddings):
    return engine_over(tmp_path_factory.mktemp("herondb"), {"trademarks.txt": HERONDB}, embeddings)


def _copyright(engine, post: str) -> str | None:
    """The severity of the structural copyright/trademark signal found in a post, if any."""
    found = [f.severity for f in engine.check(post, safer=False).findings if f.category == "copyright" and "signals" in f.source]
    return found[0] if found else None


@pytest.mark.parametrize("post", [
    "Selling HeronDB mugs at the user group tonight, 8 euros each!",
    "Got a box of tote bags featuring the HeronDB logo, for sale at my stall this weekend.",
])
def test_goods_carrying_the_mark_for_sale_are_escalated(herondb, post):
    assert _copyright(herondb, post) == "escalate"


@pytest.mark.parametrize("post", [
    "Thanks to everyone who came to the HeronDB user group, the mugs were a hit (free, courtesy of the organisers)!",
    "Just sold my first HeronDB consulting project, so happy.",
])
def test_the_mark_beside_goods_or_a_sale_of_something_else_is_not_a_merch_sale(herondb, post):
    assert _copyright(herondb, post) is None


@pytest.mark.parametrize("post", [
    "Excited to launch HeronDB Consulting Oy, helping Nordic teams run their databases.",
    "Announcing our new venture, HeronDB Partners Ltd!",
])
def test_a_company_named_after_the_mark_is_escalated(herondb, post):
    found = findings_saying(herondb, post, "Builds the name")
    assert found and found[0].severity == "escalate"


def test_a_product_release_named_by_the_mark_alone_is_not_a_company(herondb):
    post = "Announcing HeronDB 3.1: faster replication. Release notes on the HeronDB blog."
    assert not findings_saying(herondb, post, "Builds the name")


@pytest.mark.parametrize("post", [
    "Good news: I filed a trademark application for HERONDB in Canada so nobody else can.",
    "We applied to register a trademark on the Heron name for our plugin shop.",
])
def test_applying_to_register_a_trademark_is_escalated(herondb, post):
    assert _copyright(herondb, post) == "escalate"


@pytest.mark.parametrize("post", [
    "Poster for the meetup: the HeronDB logo right beside our sponsor Fjord Cloud's logo.",
    "Mock-up of the conference badge with the HeronDB logo next to the university's one.",
])
def test_a_logo_put_beside_another_organisations_is_escalated(herondb, post):
    assert _copyright(herondb, post) == "escalate"


@pytest.mark.parametrize("post", [
    "Learned a lot about trademark law at today's talk: who registers a mark, and why.",
    "The new HeronDB logo is out, and it looks great next to the old mascot plushie on my desk.",
])
def test_talking_about_trademarks_or_a_logo_on_its_own_is_not_a_misuse(herondb, post):
    assert _copyright(herondb, post) is None


def test_a_recoloured_logo_is_a_changed_logo(bundled_engine):
    findings = bundled_engine.check("I recoloured the Brightwater logo teal for our team's quiz night flyer.", safer=False).findings
    assert any(f.category == "copyright" for f in findings)


def test_a_word_beginning_with_up_is_not_a_rise_in_sales(bundled_engine):
    """"sales data hasn't been updated" once read as "sales ... up": a financial escalation of a status message."""
    post = "Some of the sales dashboards haven't been updated yet this morning; they'll refresh within the hour."
    assert "financial" not in {f.category for f in bundled_engine.check(post, safer=False).findings if f.source == "rules"}
    assert "financial" in {f.category for f in bundled_engine.check("Our sales are up 30% this quarter!", safer=False).findings}


# -- what a style guide shows under "Don't" -------------------------------------------------------------------

STYLE = """# Writing for Fennel

## Inclusive language

### Sanity check

Avoid this phrase: it treats mental health as a measure of quality.

#### Do

- quick check
- confidence check

#### Don’t

- sanity check
- dummy value

### Naming

#### Correct

- Fennel Cloud

#### Incorrect

- The Fennel

## Tone

### Errors

Keep error messages calm and say what to do next.

#### Don’t

Make it sound like a disaster.

Catastrophic failure! Everything you entered has been destroyed forever.
"""


@pytest.fixture(scope="module")
def fennel(tmp_path_factory, embeddings):
    return engine_over(tmp_path_factory.mktemp("fennel"), {"style.md": STYLE}, embeddings)


def _against(engine, post: str) -> list:
    return [f for f in engine.check(post, safer=False).findings if f.source == "guidelines" and "under" in f.message
            or f.source == "guidelines" and "example for" in f.message]


@pytest.mark.parametrize("post, rule", [
    ("Ran a quick sanity check on the release notes before publishing, all good.", "Sanity check"),
    ("Download the Fennel today and see for yourself.", "Naming"),
    ("Catastrophic failure! Everything you entered was destroyed forever.", "Errors"),
])
def test_a_word_or_sentence_the_guide_shows_under_dont_is_a_caution_citing_that_rule(fennel, post, rule):
    found = _against(fennel, post)
    assert found and found[0].severity == "caution"
    assert found[0].label == f"Against “{rule}”"
    assert found[0].citations


@pytest.mark.parametrize("post", [
    "Ran a quick confidence check on the release notes before publishing, all good.",
    "The Fennel Cloud dashboard got a dark mode today.",  # the listed name begins a longer one
    "Our error messages now say what to do next, thanks to the docs team.",
])
def test_words_the_guide_recommends_or_longer_names_are_not_flagged(fennel, post):
    assert not _against(fennel, post)


def test_guidelines_without_dont_blocks_flag_nothing(bundled_engine):
    assert not bundled_engine._dont_lists(bundled_engine.handle.view())


def test_mdx_components_keep_their_words_and_a_dont_example_is_labelled():
    """`<DoDont type="dont" text="…" />` held the only mention of the abbreviation a question asked about; it was
    dropped with the rest of the HTML block."""
    from ingest.markdown_sections import parse_markdown

    text = ("# Style\n\n## Product names\n\nUse the full product name, not its initials.\n\n<DoDontRow>\n  <DoDont\n"
            "    text=\"Run Fennel Stream Processor in your cloud.\"\n    caption=\"Full name first.\"\n  />\n"
            "  <DoDont type=\"dont\" text=\"Run FSP in your cloud.\" aspectRatio=\"1:1\" />\n</DoDontRow>\n")
    body = " ".join(s.text for s in parse_markdown(text).sections)
    assert "Do: Run Fennel Stream Processor in your cloud. Full name first." in body
    assert "Don’t: Run FSP in your cloud." in body


def test_a_style_guides_do_and_dont_lines_are_examples_not_the_rule():
    from bot.rulecues import is_example

    assert is_example("Do: Run Fennel Stream Processor in your cloud.")
    assert is_example("Don’t: Run FSP in your cloud.")
    assert not is_example("Don’t share customer names.")


def test_a_draft_close_to_a_labelled_dont_example_is_a_caution(tmp_path, embeddings):
    text = ("# Style\n\n## Product names\n\nUse the full product name, not its initials.\n\n"
            "<DoDont type=\"dont\" text=\"Deploy FSP on your own cloud in minutes.\" />\n")
    engine = engine_over(tmp_path, {"style.md": text}, embeddings)
    found = [f for f in engine.check("Deploy FSP on your own cloud in just minutes!", safer=False).findings
             if f.source == "guidelines"]
    assert found and found[0].severity == "caution" and found[0].label == "Against “Product names”"


@pytest.mark.parametrize("post", [
    "New video: Heron-DB replication explained in ten minutes.",
    "My notes from the Heron DB user group are up on my blog.",
])
def test_a_protected_name_split_apart_is_a_caution(herondb, post):
    found = findings_saying(herondb, post, "Writes the name")
    assert found and found[0].severity == "caution"


@pytest.mark.parametrize("post", [
    "New video: HeronDB replication explained in ten minutes.",
    "A heron db-style nest? No, just a heron. Birdwatching at dawn.",  # not written as a name
])
def test_the_name_written_as_the_guidelines_write_it_or_ordinary_words_are_fine(herondb, post):
    assert not findings_saying(herondb, post, "Writes the name")


def test_a_limit_in_characters_is_answered_only_by_a_count_of_characters():
    """A style guide's numerals example ("an article has 16 pages") does not say how long a button label may be."""
    from bot.answer_type import missing_value

    question = "what's the max number of characters in a tooltip?"
    assert missing_value(question, ["Write numerals: this guide has 16 pages and 3 parts."]) == "a number of characters"
    assert missing_value(question, ["Tooltips stay under 80 characters, one sentence."]) is None
    assert missing_value("minimum number of words for an abstract?", ["Abstracts run to at least fifty words."]) is None


def test_a_plain_text_title_underlined_is_a_heading_without_its_underline():
    from ingest.loaders.text_loader import load_text

    text = b"Heron Trademark Rules\n=====================\n\nHeron is our mark.\n\nMerchandise\n-----------\n\nNo mugs.\n"
    sections, title, _ = load_text(text)
    assert title == "Heron Trademark Rules"
    assert [s.headings for s in sections] == [("Heron Trademark Rules",), ("Heron Trademark Rules", "Merchandise")]
    assert all("===" not in s.text and "---" not in s.text for s in sections)


@pytest.mark.parametrize("post", [
    "Our new sync engine guarantees zero data loss, every time.",
    "Heads up: the new export API is guaranteed to never fail. 100% reliable!",
])
def test_an_absolute_guarantee_for_our_product_is_escalated(bundled_engine, post):
    found = findings_saying(bundled_engine, post, "Guarantees a result")
    assert found and found[0].severity == "escalate"


@pytest.mark.parametrize("post", [
    "I guarantee this lasagne works every time, my nan's recipe.",
    "Guaranteed fun every time: board game night at my place on Friday!",
])
def test_a_personal_guarantee_is_not_a_promise_for_the_company(bundled_engine, post):
    assert not findings_saying(bundled_engine, post, "Guarantees a result")


def test_a_citation_quotes_its_own_section_not_every_section_of_that_name(tmp_path, embeddings):
    """A style guide has many "Don’t" blocks under one parent; citing one quoted them all, joined."""
    text = ("# Words\n\n## Recommended\n\n#### Whitelist\n\nAvoid it.\n\n#### Do\n\n- allowlist\n\n#### Don’t\n\n- whitelist\n\n"
            "#### Master\n\nAvoid it too.\n\n#### Do\n\n- main\n\n#### Don’t\n\n- master\n")  # Do/Don't beside the rule
    engine = engine_over(tmp_path, {"words.md": text}, embeddings)
    view = engine.handle.view()
    donts = [i for i, p in enumerate(view.passages) if p.heading == "Don’t"]
    assert len(donts) == 2
    assert [view.section_text(i) for i in donts] == ["- whitelist", "- master"]


def test_a_lead_that_introduces_a_list_brings_the_list_with_it():
    """"The marks may not be used:" quoted alone says nothing; its short items are not sentences of their own."""
    from bot.passages import with_list_items

    text = "Use the mark as provided.\n\nThe marks may not be used:\n\n- on merchandise;\n- in your company name.\n\nAsk us."
    assert with_list_items("The marks may not be used:", text) == \
        "The marks may not be used: on merchandise; in your company name."
    assert with_list_items("Use the mark as provided.", text) == "Use the mark as provided."
    long = "Never:\n" + "\n".join(f"- item number {n} of a very long list of things" for n in range(20))
    assert with_list_items("Never:", long).endswith(" …") and len(with_list_items("Never:", long)) < 240
