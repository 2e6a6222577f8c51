"""Floors on the labelled training drafts (tests/data/drafts/train.yaml) for the bundled guidelines.

The drafts were written by two authors who never saw the checker; the file is the tuning half of a
one-time random split (the held-out half is guarded separately and never tuned on). Floors sit at
or a little below the figures measured after tuning (README, "Draft verdicts"), so a regression fails
CI. They are NOT the targets (accuracy >= 0.90, no critical miss, no false alarm): measured after
tuning, 0.805 accuracy, 11 critical misses, 8 false alarms. Tighten them as the checker improves.
"""

from __future__ import annotations

import pytest

from bot.evaluate import evaluate, load_cases
from tests.conftest import ROOT

TRAIN = ROOT / "tests" / "data" / "drafts" / "train.yaml"
FLOORS = {"verdict_accuracy": 0.79}
CEILINGS = {"critical_misses": 11, "false_alarms": 8}
HARMLESS_CAUTION_AT_MOST = 0.05
HARMLESS_ESCALATED_AT_MOST = 8


@pytest.fixture(scope="module")
def train_results(bundled_engine):
    cases = load_cases(TRAIN)
    figures = evaluate(bundled_engine, cases)
    missed = {f["id"]: f["got"]["verdict"] for f in figures["failures"] if f["kind"] == "draft"}
    verdicts = {case.id: missed.get(case.id, "ok") for case in cases.drafts if set(case.verdicts) == {"ok"}}
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
    assert len([i for i, v in verdicts.items() if v == "escalate"]) <= HARMLESS_ESCALATED_AT_MOST
    cautioned = [i for i, v in verdicts.items() if v == "caution"]
    assert len(cautioned) / len(verdicts) <= HARMLESS_CAUTION_AT_MOST, cautioned
