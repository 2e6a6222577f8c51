"""One-time split of the labelled draft corpus into a training part and a frozen held-out part.

    python tests/data/drafts/split.py

Pools the two authors' files (author-a.yaml, author-b.yaml), shuffles each verdict-and-category stratum with a
fixed seed, and writes train.yaml (tuning and scorer training) and heldout.yaml (never tuned on; CI guards it).
Run once, on 2026-11-26; the files it wrote are the record. The two source files were removed from the tree
afterwards (they hold the held-out posts too); to re-run it, restore them from commit a7d2132.
"""

from __future__ import annotations

import random
from collections import defaultdict
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
HELDOUT_SHARE = 0.3
SEED = 20261126


def main() -> None:
    drafts = []
    for name in ("author-a.yaml", "author-b.yaml"):
        drafts += yaml.safe_load((HERE / name).read_text(encoding="utf-8"))["drafts"]
    strata: dict[tuple, list[dict]] = defaultdict(list)
    for draft in drafts:
        verdict = draft["verdict"]
        strata[(str(sorted(verdict)) if isinstance(verdict, list) else verdict, draft.get("category"))].append(draft)
    rng = random.Random(SEED)
    train, heldout = [], []
    for key in sorted(strata, key=str):
        items = strata[key]
        rng.shuffle(items)
        cut = round(len(items) * HELDOUT_SHARE)
        heldout += items[:cut]
        train += items[cut:]
    for name, part, note in (("train.yaml", train, "Training part: tune rules and train the scorer on this only."),
                             ("heldout.yaml", heldout, "FROZEN held-out part: never tune on it; CI guards its floors.")):
        part.sort(key=lambda d: d["id"])
        header = f"# {note}\n# Made by tests/data/drafts/split.py (seed {SEED}) from author-a.yaml + author-b.yaml.\n"
        (HERE / name).write_text(header + yaml.safe_dump({"drafts": part}, allow_unicode=True, sort_keys=False, width=120),
                                 encoding="utf-8")
        print(f"{name}: {len(part)} drafts")


if __name__ == "__main__":
    main()
