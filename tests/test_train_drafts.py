"""Floors on the labelled training drafts (tests/data/drafts/train.yaml) for the bundled guidelines.

The drafts were written by two authors who never saw the checker; the file is the tuning half of a
one-time random split (the held-out half is guarded separately and never tuned on). Floors sit a
little below the figures measured after tuning (README, "Draft signals"), so noise does not fail CI
but a real regression does; the safety figures are absolute.
"""

from __future__ import annotations

import pytest

from bot.evaluate import evaluate, load_cases
from tests.conftest import KNOWLEDGE, ROOT

TRAIN = ROOT / "tests" / "data" / "drafts" / "train.yaml"
FLOORS = {"verdict_accuracy": 0.90}
CEILINGS = {"critical_misses": 0, "false_alarms": 0}
HARMLESS_CAUTION_AT_MOST = 0.05


@pytest.fixture(scope="module")
def train_results(bundled_engine):
    cases = load_cases(TRAIN)
    figures = evaluate(bundled_engine, cases)
    verdicts = {case.id: bundled_engine.check(case.post).verdict or "ok" for case in cases.drafts
                if set(case.verdicts) == {"ok"}}
    return cases, figures, verdicts


def test_train_set_floors(train_results):
    _, figures, _ = train_results
    assert figures["n_drafts"] >= 200
    for key, floor in FLOORS.items():
        assert figures[key] >= floor, (key, figures[key], figures["failures"][:20])
    for key, ceiling in CEILINGS.items():
        assert figures[key] <= ceiling, (key, figures[key], figures["failures"][:20])


def test_harmless_train_posts_are_rarely_caution(train_results):
    _, _, verdicts = train_results
    assert len(verdicts) >= 60
    assert not [i for i, v in verdicts.items() if v == "escalate"]
    cautioned = [i for i, v in verdicts.items() if v == "caution"]
    assert len(cautioned) / len(verdicts) <= HARMLESS_CAUTION_AT_MOST, cautioned
