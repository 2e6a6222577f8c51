"""One-time split of the second draft corpus (authors C and D) into training and a frozen held-out part.

    python tests/data/drafts/split_cd.py        # authors C + D -> train-cd.yaml / heldout-cd.yaml
    python tests/data/drafts/split_cd.py e      # author E -> train-e.yaml / heldout-e.yaml (40% held out)
    python tests/data/drafts/split_cd.py f      # author F -> train-f.yaml / heldout-f.yaml (40% held out)
    python tests/data/drafts/split_cd.py g      # author G -> train-g.yaml / heldout-g.yaml (40% held out)
    python tests/data/drafts/split_cd.py h      # author H -> train-h.yaml / heldout-h.yaml (40% held out)
    python tests/data/drafts/split_cd.py i      # author I -> train-i.yaml / heldout-i.yaml (40% held out)

Pools author-c.yaml and author-d.yaml (written 2026-11-26 by two authors who saw neither the checker's code
nor the first corpus). Both authors wrote near-twin posts (the same post with and without the one sentence that
changes the verdict), so posts whose word sets overlap strongly (Jaccard >= 0.4) are grouped first and a group
always lands on one side: otherwise the held-out part would hold the twin of a training post. Groups are shuffled
within their verdict-and-category stratum with a fixed seed; about 30% go to heldout-cd.yaml.
Run once, on 2026-11-26; the files it wrote are the record. The two source files were removed from the tree
afterwards (they hold the held-out posts too); to re-run it, restore them from the commit that added this script.
"""

from __future__ import annotations

import random
import re
import sys
from collections import defaultdict
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
HELDOUT_SHARE = 0.3
SEED = 20261127
TWIN = 0.4


def words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def groups_of(drafts: list[dict], named_twins: bool = False) -> list[list[dict]]:
    """Union-find over near-twin pairs: by word overlap, and (`named_twins`, author I on) by the twin's id
    that the author wrote in a draft's `note` ("Near-twin of i-0021"), since twins that differ by a
    reworded sentence can overlap less than the threshold."""
    parent = list(range(len(drafts)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    bags = [words(d["post"]) for d in drafts]
    for i in range(len(drafts)):
        for j in range(i + 1, len(drafts)):
            union = bags[i] | bags[j]
            if union and len(bags[i] & bags[j]) / len(union) >= TWIN:
                parent[root(i)] = root(j)
    if named_twins:
        position = {d["id"]: n for n, d in enumerate(drafts)}
        for i, draft in enumerate(drafts):
            for twin in re.findall(r"\b[a-z]-\d{4}\b", str(draft.get("note", ""))):
                if twin in position and twin != draft["id"]:
                    parent[root(i)] = root(position[twin])
    out: dict[int, list[dict]] = defaultdict(list)
    for i, draft in enumerate(drafts):
        out[root(i)].append(draft)
    return list(out.values())


def stratum(draft: dict) -> tuple:
    verdict = draft["verdict"]
    return (str(sorted(verdict)) if isinstance(verdict, list) else verdict, draft.get("category"))


def split(sources: list[str], train_name: str, heldout_name: str, share: float = HELDOUT_SHARE,
          seed: int = SEED, named_twins: bool = False) -> None:
    """Pool `sources`, group near-twins, and write a training part and a frozen held-out part (`share` of posts)."""
    drafts = []
    for name in sources:
        drafts += yaml.safe_load((HERE / name).read_text(encoding="utf-8"))["drafts"]
    assert len({d["id"] for d in drafts}) == len(drafts), "ids must be unique across the source files"
    groups = groups_of(drafts, named_twins)
    strata: dict[tuple, list[list[dict]]] = defaultdict(list)
    for group in groups:
        strata[stratum(min(group, key=lambda d: d["id"]))].append(group)
    rng = random.Random(seed)
    train, heldout = [], []
    for key in sorted(strata, key=str):
        items = sorted(strata[key], key=lambda g: min(d["id"] for d in g))
        rng.shuffle(items)
        total = sum(len(g) for g in items)
        taken = 0
        for group in items:
            if taken + len(group) / 2 <= total * share:
                heldout += group
                taken += len(group)
            else:
                train += group
    print(f"{len(drafts)} drafts in {len(groups)} groups ({sum(len(g) > 1 for g in groups)} of near-twins)")
    for name, part, note in ((train_name, train, "Training part: tune rules and train the scorer on this only."),
                             (heldout_name, heldout, "FROZEN held-out part: never tune on it; CI guards its floors.")):
        part.sort(key=lambda d: d["id"])
        header = (f"# {note}\n# Made by tests/data/drafts/split_cd.py (seed {seed}) from {' + '.join(sources)}"
                  " (near-twins kept on one side).\n")
        (HERE / name).write_text(header + yaml.safe_dump({"drafts": part}, allow_unicode=True, sort_keys=False, width=120),
                                 encoding="utf-8")
        print(f"{name}: {len(part)} drafts")


def main() -> None:
    """The split as it was run, once each: authors C + D (2026-11-26), author E (third session), F (fourth),
    G (eighth, 2026-11-27), H (ninth, 2026-11-27), I (tenth, 2026-11-27)."""
    if sys.argv[1:] == ["e"]:
        split(["author-e.yaml"], "train-e.yaml", "heldout-e.yaml", share=0.4, seed=20261126)
    elif sys.argv[1:] == ["f"]:
        split(["author-f.yaml"], "train-f.yaml", "heldout-f.yaml", share=0.4, seed=20261128)
    elif sys.argv[1:] == ["g"]:
        split(["author-g.yaml"], "train-g.yaml", "heldout-g.yaml", share=0.4, seed=20261127)
    elif sys.argv[1:] == ["h"]:
        split(["author-h.yaml"], "train-h.yaml", "heldout-h.yaml", share=0.4, seed=20261129)
    elif sys.argv[1:] == ["i"]:
        split(["author-i.yaml"], "train-i.yaml", "heldout-i.yaml", share=0.4, seed=20261130, named_twins=True)
    else:
        split(["author-c.yaml", "author-d.yaml"], "train-cd.yaml", "heldout-cd.yaml")


if __name__ == "__main__":
    main()
