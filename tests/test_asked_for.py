"""Requests the guidelines forbid making (bot/asked_for.py): "Never ask for retweets, likes, or favorites." is broken by
"RT if you agree!", which shares no words with it (wild23, seventeenth session). New words throughout."""

from __future__ import annotations

import pytest

from tests.conftest import engine_over

RULE = ("# Social posting\n\n## Engagement\n\nReply to people who mention us within a day. Do not ask followers for "
        "shares, upvotes or stars; good posts earn them.\n\n## Tone\n\nBe warm and plain.\n")
NO_RULE = "# Social posting\n\n## Tone\n\nBe warm and plain. Reply to people who mention us within a day.\n"


@pytest.fixture(scope="module")
def with_rule(tmp_path_factory, embeddings):
    return engine_over(tmp_path_factory.mktemp("ask"), {"social.md": RULE}, embeddings)


def _asks(engine, post: str) -> list:
    return [f for f in engine.check(post, safer=False).findings if f.label.startswith("Asks for")]


@pytest.mark.parametrize("post", ["Share this with everyone you know!", "Please upvote our launch on the forum 🙏",
                                  "Could you give us a star on GitHub? It really helps."])
def test_a_request_the_guidelines_forbid_is_cautioned_with_their_sentence(with_rule, post):
    found = _asks(with_rule, post)
    assert found and found[0].severity == "caution"
    assert "Do not ask followers for shares, upvotes or stars" in found[0].message
    assert found[0].citations[0].section.endswith("Engagement")


@pytest.mark.parametrize("post", ["Thanks for all the stars this week, we hit 1,000!", "I share an office with the design team.",
                                  "Our release notes are on the blog."])
def test_thanks_or_statements_ask_for_nothing(with_rule, post):
    assert not _asks(with_rule, post)


def test_guidelines_without_such_a_rule_ask_nothing_of_drafts(tmp_path, embeddings):
    engine = engine_over(tmp_path, {"social.md": NO_RULE}, embeddings)
    assert not _asks(engine, "Please upvote our launch on the forum 🙏")
