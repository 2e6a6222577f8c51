"""Floors on the frozen held-out drafts (tests/data/drafts/heldout.yaml) for the bundled guidelines.

The held-out half of the one-time split of the two authors' drafts was never opened or tuned on;
it is run only to report a figure (README, "Real documents and fresh drafts"). The floors sit at
the figures measured on 2026-11-26 (accuracy 0.751, 13 critical misses, 9 false alarms), so a
regression fails CI. They are NOT the targets (accuracy >= 0.90, no critical miss, no false alarm).
"""

from __future__ import annotations

from bot.evaluate import evaluate, load_cases
from tests.conftest import ROOT

HELDOUT = ROOT / "tests" / "data" / "drafts" / "heldout.yaml"
FLOORS = {"verdict_accuracy": 0.74}
CEILINGS = {"critical_misses": 13, "false_alarms": 9}


def test_heldout_draft_floors(bundled_engine):
    cases = load_cases(HELDOUT)
    assert len(cases.drafts) >= 150
    figures = evaluate(bundled_engine, cases)
    for key, floor in FLOORS.items():
        assert figures[key] >= floor, (key, figures[key])
    for key, ceiling in CEILINGS.items():
        assert figures[key] <= ceiling, (key, figures[key])
