"""Plain section-level dense evidence in the fusion: the section ranking and the top-3 floor."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np

from bot.retrieval import _keep_dense_floor, _section_best


class _View(SimpleNamespace):
    def __len__(self) -> int:
        return len(self.section_of)

def test_section_ranking_takes_each_sections_best_passage():
    view = _View(section_of=np.asarray([0, 0, 1, 2, 2]))
    cosine = np.asarray([0.2, 0.5, 0.4, 0.1, 0.45])
    assert _section_best(view, cosine) == [1, 4, 2]

def test_section_ranking_ties_go_to_reading_order():
    view = _View(section_of=np.asarray([0, 1, 2]))
    assert _section_best(view, np.asarray([0.3, 0.3, 0.3])) == [0, 1, 2]

def test_floor_moves_missing_dense_sections_into_the_top_three():
    view = _View(section_of=np.asarray([0, 1, 2, 3, 4]))
    cosine = np.asarray([0.3, 0.3, 0.3, 0.6, 0.5])
    ranked = [0, 1, 2, 3, 4]
    assert _keep_dense_floor(view, ranked, [3], cosine, ratio=1e9) == [0, 1, 3, 2, 4]
    # both of plain dense's best two: neither pushes the other out
    assert _keep_dense_floor(view, ranked, [3, 4], cosine, ratio=1e9)[:3] == [0, 3, 4]

def test_floor_leaves_sections_already_in_the_top_three():
    view = _View(section_of=np.asarray([0, 1, 2, 3]))
    cosine = np.asarray([0.3, 0.6, 0.3, 0.2])
    assert _keep_dense_floor(view, [0, 1, 2, 3], [1], cosine, ratio=1e9) == [0, 1, 2, 3]

def test_floor_yields_to_a_citation_strongly_ahead():
    view = _View(section_of=np.asarray([0, 1, 2, 3]))
    fused = np.asarray([0.9, 0.9, 0.9, 0.2])
    assert _keep_dense_floor(view, [0, 1, 2, 3], [3], fused, ratio=3.0) == [0, 1, 2, 3]
    assert _keep_dense_floor(view, [0, 1, 2, 3], [3], fused, ratio=5.0) == [0, 1, 3, 2]


def test_floor_brings_in_a_section_the_fusion_left_out():
    view = _View(section_of=np.asarray([0, 1, 2, 3, 4]))
    cosine = np.asarray([0.3, 0.3, 0.3, 0.3, 0.5])
    assert _keep_dense_floor(view, [0, 1, 2, 3], [4], cosine, ratio=1e9) == [0, 1, 4, 2, 3]
