"""Floors on the labelled training drafts (train*.yaml) for the bundled guidelines.

The drafts were written by six authors who never saw the checker; each file is the tuning part of a
one-time random split (the held-out parts are guarded separately and never tuned on), and the bundled
scorer was trained on all of them. Floors sit at or a little below the figures measured after
retraining the scorer with author F and author-held-out cross-validation (README, "Draft verdicts",
fourth session): train.yaml 0.870 accuracy, 0 critical misses, 3 false alarms; train-cd.yaml 0.773, 3, 17;
train-e.yaml 0.881, 2, 4; train-f.yaml 0.792, 1, 7. Harmless training posts: 17 of 241 cautioned, 3 escalated
(the scorer shows a keyword escalation on a post unlike real escalations as a caution). Being the training data, they show the scorer and rules still fit it; the held-out
files say how well that generalises.
"""

from __future__ import annotations

import pytest

from bot.evaluate import evaluate, load_cases
from tests.conftest import ROOT

TRAIN = ROOT / "tests" / "data" / "drafts" / "train.yaml"
TRAIN_CD = ROOT / "tests" / "data" / "drafts" / "train-cd.yaml"
TRAIN_E = ROOT / "tests" / "data" / "drafts" / "train-e.yaml"
TRAIN_F = ROOT / "tests" / "data" / "drafts" / "train-f.yaml"
TRAIN_G = ROOT / "tests" / "data" / "drafts" / "train-g.yaml"
TRAIN_H = ROOT / "tests" / "data" / "drafts" / "train-h.yaml"
# Ninth session: every floor below moved up to the figures after its structural changes (measured through
# Engine.check, README "Ninth session"): train 0.892 / 0 / 2, train-cd 0.833 / 2 / 11, train-e 0.901 / 2 / 1,
# train-f 0.818 / 1 / 2, train-g 0.747 / 7 / 12, train-h 0.714 / 3 / 15.
FLOORS = {"verdict_accuracy": 0.88}
CEILINGS = {"critical_misses": 1, "false_alarms": 2}
CD_FLOORS = {"verdict_accuracy": 0.82}
CD_CEILINGS = {"critical_misses": 2, "false_alarms": 11}
E_FLOORS = {"verdict_accuracy": 0.89}
E_CEILINGS = {"critical_misses": 2, "false_alarms": 1}
# 0.792 -> 0.788 in the sixth session: one harmless post cautioned by the everyday-post bars (bot/everyday.py)
F_FLOORS = {"verdict_accuracy": 0.81}
F_CEILINGS = {"critical_misses": 1, "false_alarms": 2}
# author G (eighth session): first run 0.637 / 18 / 19; after the structural fixes made on it 0.714 / 12 / 12.
# It is not in the scorer's training files (adding it was tried and not kept: README, "Eighth session").
G_FLOORS = {"verdict_accuracy": 0.74}
G_CEILINGS = {"critical_misses": 7, "false_alarms": 12}
# author H (ninth session): first run 0.613 / 7 / 22 (tests/data/drafts/FIRST_RUNS.md); after 0.714 / 3 / 15.
H_FLOORS = {"verdict_accuracy": 0.71}
H_CEILINGS = {"critical_misses": 3, "false_alarms": 15}
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


@pytest.mark.parametrize("path,size,floors,ceilings", [(TRAIN_CD, 450, CD_FLOORS, CD_CEILINGS),
                                                       (TRAIN_E, 200, E_FLOORS, E_CEILINGS),
                                                       (TRAIN_F, 200, F_FLOORS, F_CEILINGS),
                                                       (TRAIN_G, 200, G_FLOORS, G_CEILINGS),
                                                       (TRAIN_H, 200, H_FLOORS, H_CEILINGS)],
                         ids=["train-cd", "train-e", "train-f", "train-g", "train-h"])
def test_later_corpora_train_floors(bundled_engine, path, size, floors, ceilings):
    figures = evaluate(bundled_engine, load_cases(path))
    assert figures["n_drafts"] >= size
    for key, floor in floors.items():
        assert figures[key] >= floor, (key, figures[key], figures["failures"][:20])
    for key, ceiling in ceilings.items():
        assert figures[key] <= ceiling, (key, figures[key], figures["failures"][:20])
