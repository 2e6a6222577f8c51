"""A deterministic generated corpus of policy-like Markdown documents, for the benchmarks."""

from __future__ import annotations

import random
from pathlib import Path

TOPICS = ["travel", "expenses", "security", "privacy", "social media", "gifts", "procurement", "hiring", "training",
          "remote work", "equipment", "data retention", "incident response", "branding", "events", "sponsorship"]
SUBJECTS = ["Employees", "Managers", "Contractors", "Team leads", "New starters", "Everyone", "Approvers", "Owners"]
VERBS = ["must record", "should review", "may share", "must not publish", "should ask about", "must protect",
         "can request", "must report", "should document", "may approve"]
OBJECTS = ["customer data", "travel bookings", "supplier contracts", "internal documents", "press enquiries",
           "gift registers", "access badges", "expense receipts", "training records", "incident reports",
           "conference slides", "product roadmaps", "partner agreements", "personal devices", "shared drives"]
TAILS = ["before the end of each month", "with their manager's approval", "in the approved system",
         "within two working days", "unless Legal agrees otherwise", "when the request is urgent",
         "after checking the current guidance", "as described in the handbook"]


def sentence(rng: random.Random) -> str:
    return f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(TAILS)}."


def write_corpus(folder: Path, documents: int, sections: int, sentences: int = 4, seed: int = 7) -> int:
    """Write `documents` Markdown files of `sections` sections each; returns the section count."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for d in range(documents):
        topic = TOPICS[d % len(TOPICS)]
        lines = [f"# {topic.title()} Policy {d:04d}", "", f"This policy covers {topic} for everyone.", ""]
        for s in range(sections):
            lines += [f"## {topic.title()} rule {s + 1}: {rng.choice(OBJECTS)}", ""]
            lines += [" ".join(sentence(rng) for _ in range(sentences)), ""]
        (folder / f"policy-{d:04d}.md").write_text("\n".join(lines), encoding="utf-8")
    return documents * sections
