"""Structural signals alone on labelled drafts: the heuristic entity finder vs heuristic + spaCy NER.

    python bench/signals_ner.py tests/data/drafts/train.yaml [-v]

Prints, for each, start-up time, extra memory, per-draft latency, escalate drafts caught and ok
drafts flagged: the measurement behind GUIDEBOT_SIGNALS_NER being off by default.
"""

from __future__ import annotations

import os
import resource
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import yaml  # noqa: E402

from bot.signals import SignalDetector  # noqa: E402


def labels(draft: dict) -> set[str]:
    verdict = draft["verdict"]
    return set(verdict if isinstance(verdict, list) else [verdict])


def main() -> None:
    drafts = yaml.safe_load(Path(sys.argv[1]).read_text())["drafts"]
    for use_ner in (False, True):
        rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        start = time.perf_counter()
        detector = SignalDetector(["Brightwater"], use_ner=use_ner)
        detector.detect("warm up Acme Corp 2M ARR next week")
        load = time.perf_counter() - start
        rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        counts: Counter[str] = Counter()
        ms = []
        for draft in drafts:
            start = time.perf_counter()
            signals = detector.detect(draft["post"])
            ms.append((time.perf_counter() - start) * 1000)
            severity = "escalate" if any(s.severity == "escalate" for s in signals) else ("caution" if signals else "ok")
            label = labels(draft)
            counts["escalate_labelled"] += label == {"escalate"}
            counts["escalate_caught"] += label == {"escalate"} and severity == "escalate"
            counts["ok_labelled"] += label == {"ok"}
            counts["ok_flagged_escalate"] += label == {"ok"} and severity == "escalate"
            counts["ok_flagged_caution"] += label == {"ok"} and severity == "caution"
            if "-v" in sys.argv and label == {"ok"} and severity != "ok":
                print("  flagged ok draft:", [(s.category, s.severity) for s in signals], draft["post"][:120])
        ms.sort()
        print(f"NER {'on ' if use_ner else 'off'}: start-up {load:.2f} s, extra memory {(rss1 - rss0) / 1024:.0f} MB, "
              f"p50 {ms[len(ms) // 2]:.2f} ms, p95 {ms[int(len(ms) * 0.95)]:.2f} ms, {dict(counts)}")


if __name__ == "__main__":
    main()
