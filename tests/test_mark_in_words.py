"""A protected name inside an ordinary English word is not the name (sixteenth session).

When the guidelines' name is itself an English word ("Jenkins", "Board") or a short acronym ("CTO", "CoC"), its
letters occur inside everyday words: "onboarding" holds "board", "director" holds "cto", "support" holds "port".
Reading those as names built on the mark escalated harmless posts about a new dashboard or a support portal as
trademark misuse. Each harmless post here sits beside a risky one built on the same name."""

from __future__ import annotations

import pytest

from bot.marks import document_marks, uses_mark
from tests.conftest import engine_over, findings_saying

PORT = """# Port trademark guidelines

The name Port and the Port logo are trademarks of the Port Foundation.

## Using the name

You may say that your software works with Port, or that it is a plugin for Port. Blog posts and talks about Port
are welcome without asking. Anything that puts Port in your own product, company, domain or account name needs
the written permission of the Foundation first, because people would take it for an official part of Port.

## Asking

Write to the trademarks committee if you are not sure whether your use of Port needs permission.
"""


@pytest.fixture(scope="module")
def port(tmp_path_factory, embeddings):
    return engine_over(tmp_path_factory.mktemp("port"), {"trademarks.md": PORT}, embeddings)


def test_the_english_word_the_guidelines_write_as_a_name_is_their_mark(port):
    assert "Port" in document_marks(port.handle.view().passages)


@pytest.mark.parametrize("post", [
    "Excited to launch our new support portal for contributors. Feedback welcome!",
    "Just released my new report on import costs for small libraries.",
    "Announcing our new sports club for the whole team, first match on Friday.",
    "Introducing our new passport photo booth at the office, free for everyone.",
])
def test_an_english_word_holding_the_marks_letters_is_not_a_new_name(port, post):
    assert not findings_saying(port, post, "Builds the name")


@pytest.mark.parametrize("post", [
    "Launching PortPro, my new hosted service for teams. Sign up for the beta!",
    "I just registered port-experts.io for my new consultancy.",
    "Say hello to our new @PortHelp account for user questions.",
])
def test_a_name_built_on_the_mark_is_still_escalated(port, post):
    found = findings_saying(port, post, "Builds the name")
    assert found and found[0].severity == "escalate"


@pytest.mark.parametrize(("word", "marks"), [
    ("onboarding", ["Board"]), ("whiteboard", ["Board"]), ("director", ["CTO"]), ("hometown", ["Town"]),
    ("slacking", ["Slack"]), ("cocoa-bean", ["CoC"]), ("computer", ["Puter"]), ("Townhall", ["Town"]),
])
def test_words_that_only_contain_the_letters(word, marks):
    assert not uses_mark(word, marks)


@pytest.mark.parametrize(("word", "marks"), [
    ("JenkinsPro", ["Jenkins"]), ("jenkins-experts.io", ["Jenkins"]), ("jenkinsexperts.io", ["Jenkins"]),
    ("qgisexperts", ["QGIS"]), ("getputer.com", ["Puter"]), ("@QGIS_Help", ["QGIS"]), ("MyQGIS", ["QGIS"]),
    ("arXivDigest", ["arXiv"]), ("QGIS", ["QGIS"]),
])
def test_names_built_on_the_mark(word, marks):
    assert uses_mark(word, marks)
