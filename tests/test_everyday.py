"""Everyday posts set each guideline duty's own bar (bot/everyday.py, bot/grounded.py).

A concrete post is rarely close to the abstract rule it breaks; it is much closer than ordinary posts
are. These tests run a new community's guidelines with and without the bundled everyday posts, and
check the file handling a user meets when they retrain or point at their own file.
"""

from __future__ import annotations

import logging

import numpy as np
import pytest

from bot import everyday
from bot.grounded import GroundedChecker
from ingest.errors import ConfigError
from tests.conftest import engine_over

GUIDELINES = """# Riverside Makers Community Rules

## Marketplace

Do not use the community's channels to sell, buy or trade illegal goods such as drugs or weapons.

## Members

Never export or share the member directory or members' email addresses outside the community.

## Our name

Do not sexualize the Riverside name, its mascot or any other part of the community.
"""
BREAKS = {
    "Exported every member email from our directory. DM me if you want the list for your newsletter!": "Members",
    "Riverside is the only girl who never says no to me 😏": "Our name",
}
HARMLESS = [
    "Pizza night at the meetup on Thursday, everyone welcome!",
    "Selling my old 3D printer, barely used, 150 euros.",
    "Our new mascot drawing is finished, isn't he cute?",
    "Updated the member directory with the new volunteers' names.",
]


@pytest.fixture(scope="module")
def riverside(tmp_path_factory, embeddings):
    return engine_over(tmp_path_factory.mktemp("riverside"), {"community-rules.md": GUIDELINES}, embeddings)


@pytest.mark.parametrize("post", list(BREAKS))
def test_a_post_much_closer_to_a_prohibition_than_everyday_posts_is_flagged(riverside, post):
    """The guidelines' own duty flags it, with its passage. (The innuendo post is also escalated by the structural
    signals since the tenth session; the grounded finding is what this test is about.)"""
    answer = riverside.check(post, safer=False)
    assert answer.verdict in ("caution", "escalate"), answer.findings
    grounded = [f for f in answer.findings if f.source == "guidelines"]
    assert grounded and grounded[0].citations[0].section.endswith(BREAKS[post])
    assert grounded[0].message.startswith("The guidelines say:")


@pytest.mark.parametrize("post", HARMLESS)
def test_ordinary_posts_near_the_same_duties_stay_ok(riverside, post):
    assert riverside.check(post, safer=False).verdict == "ok"


def test_without_everyday_posts_only_the_absolute_bars_apply(riverside, embeddings):
    """The guidelines' check passes the joke when no everyday posts are known (0.48 from the rule, under the absolute
    0.60): the bar per duty is what flags it. (The export post clears the absolute bar on its own; the innuendo is
    escalated by the structural signals anyway since the tenth session.)"""
    saved = riverside.grounded
    riverside.grounded = GroundedChecker(embeddings, everyday=np.zeros((0, embeddings.dimension), dtype=np.float32))
    try:
        answer = riverside.check("Riverside is the only girl who never says no to me 😏", safer=False)
        assert not [f for f in answer.findings if f.source == "guidelines"], answer.findings
    finally:
        riverside.grounded = saved


def test_a_duty_everything_resembles_gets_a_high_bar(embeddings):
    duty = embeddings.encode(["post on the forum"])
    near = embeddings.encode(["Posting on the forum today", "New forum post about my project", "I posted on the forum"])
    far = embeddings.encode(["The cat is asleep", "Rain again in Lisbon", "Finished my marathon"])
    assert everyday.baselines(near, duty)[0] > everyday.baselines(far, duty)[0] + 0.3


def test_baselines_are_computed_in_chunks_without_changing_them(monkeypatch):
    rng = np.random.default_rng(7)
    bank, duties = rng.normal(size=(50, 8)).astype(np.float32), rng.normal(size=(9, 8)).astype(np.float32)
    whole = everyday.baselines(bank, duties)
    monkeypatch.setattr(everyday, "_CHUNK", 2)
    assert np.allclose(everyday.baselines(bank, duties), whole)
    assert everyday.baselines(None, duties) is None and everyday.baselines(bank[:0], duties) is None


def test_bundled_file_matches_the_model_and_loads_without_pickle(embeddings):
    vectors = everyday.load(dimension=embeddings.dimension)
    assert vectors is not None and vectors.shape[1] == embeddings.dimension and len(vectors) > 1000


def test_a_file_for_another_model_or_a_broken_file_is_not_used(tmp_path, caplog):
    other = tmp_path / "other.npz"
    everyday.save(other, np.ones((3, 5)), {"embedding_model": "x"})
    broken = tmp_path / "broken.npz"
    broken.write_bytes(b"not a zip")
    with caplog.at_level(logging.WARNING):
        assert everyday.load(other, dimension=384) is None
        assert everyday.load(broken, dimension=384) is None
    assert "another embedding model" in caplog.text and "cannot read it" in caplog.text
    assert everyday.load(tmp_path / "absent.npz", dimension=384) is None


def test_a_configured_file_that_does_not_exist_is_a_clear_error(tmp_path, embeddings):
    from bot.engine import Engine
    from bot.settings import Settings
    from ingest.store import LocalStore

    settings = Settings(data_dir=tmp_path, everyday_file=tmp_path / "nope.npz", _env_file=None)
    with pytest.raises(ConfigError, match="GUIDEBOT_EVERYDAY_FILE: .*nope.npz is not a file"):
        Engine(settings, embeddings=embeddings, store=LocalStore(tmp_path / "index", settings.collection))


def test_sentences_are_split_and_deduplicated():
    assert everyday.sentences_of(["Great day. Great day.", "Great day.", "One more"]) == ["Great day.", "One more"]
