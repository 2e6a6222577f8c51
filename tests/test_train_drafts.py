"""Floors on the labelled training drafts (train*.yaml) for the bundled guidelines.

The drafts were written by nine authors who never saw the checker; each file is the tuning part of a
one-time split (the held-out parts are guarded separately and never tuned on). The bundled scorer was
trained on train, train-cd, train-e and train-f, not on train-g, train-h or train-i. Floors sit at the figures
measured after the tenth session (below); harmless posts of train.yaml: 17 of 241 cautioned, 2 escalated.
Being tuning data, they show the rules and the scorer still fit it; the held-out files say how well that
generalises.
"""

from __future__ import annotations

import pytest

from bot.evaluate import evaluate, load_cases
from tests.conftest import ROOT

DRAFTS = ROOT / "tests" / "data" / "drafts"
TRAIN = DRAFTS / "train.yaml"
# Floors at the figures after the twelfth session's changes (measured through Engine.check, README "Twelfth session"):
# train 0.914 / 0 / 2, train-cd 0.855 / 2 / 10, train-e 0.930 / 0 / 1, train-f 0.869 / 0 / 1, train-g 0.771 / 5 / 10,
# train-h 0.756 / 1 / 15, train-i 0.754 / 1 / 10. Authors G, H and I are not in the scorer's training files (retraining
# with them was tried twice and not kept: README, "Eighth session", "Tenth session"); first runs: G 0.637 / 18 / 19,
# H 0.613 / 7 / 22, I 0.615 / 10 / 21 (tests/data/drafts/FIRST_RUNS.md).
FLOORS = {"verdict_accuracy": 0.90}
CEILINGS = {"critical_misses": 1, "false_alarms": 2}
LATER = {  # file: (at least this many drafts, floors, ceilings)
    "train-cd.yaml": (450, {"verdict_accuracy": 0.85}, {"critical_misses": 2, "false_alarms": 10}),
    "train-e.yaml": (200, {"verdict_accuracy": 0.925}, {"critical_misses": 0, "false_alarms": 1}),
    "train-f.yaml": (200, {"verdict_accuracy": 0.865}, {"critical_misses": 0, "false_alarms": 1}),
    "train-g.yaml": (200, {"verdict_accuracy": 0.77}, {"critical_misses": 5, "false_alarms": 10}),
    "train-h.yaml": (200, {"verdict_accuracy": 0.75}, {"critical_misses": 1, "false_alarms": 15}),
    "train-i.yaml": (200, {"verdict_accuracy": 0.75}, {"critical_misses": 1, "false_alarms": 10}),
}
HARMLESS_CAUTION_AT_MOST = 0.075  # measured 0.071; the target is 0.05
HARMLESS_ESCALATED_AT_MOST = 2


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


@pytest.mark.parametrize("name", sorted(LATER))
def test_later_corpora_train_floors(bundled_engine, name):
    size, floors, ceilings = LATER[name]
    figures = evaluate(bundled_engine, load_cases(DRAFTS / name))
    assert figures["n_drafts"] >= size
    for key, floor in floors.items():
        assert figures[key] >= floor, (key, figures[key], figures["failures"][:20])
    for key, ceiling in ceilings.items():
        assert figures[key] <= ceiling, (key, figures[key], figures["failures"][:20])
