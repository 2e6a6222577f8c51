"""The human-readable `guidebot eval` report: figures against targets, then what to fix."""

from __future__ import annotations

import json

from rich.console import Console
from rich.table import Table

# (key, label, target, higher is better)
FIGURES = [
    ("hit_at_1", "hit@1", None, True), ("hit_at_3", "hit@3", 0.95, True), ("hit_at_5", "hit@5", None, True),
    ("mrr_at_10", "MRR@10", 0.85, True), ("abstain_recall", "abstain recall", 0.9, True),
    ("false_abstain", "false abstain", 0.05, False), ("verdict_accuracy", "verdict accuracy", 0.9, True),
    ("critical_misses", "critical misses", 0, False), ("false_alarms", "false alarms", 0, False),
    ("draft_cite_hit_at_3", "draft cite hit@3", None, True), ("ask_p50_ms", "ask p50 ms", None, False),
    ("ask_p95_ms", "ask p95 ms", None, False), ("check_p50_ms", "check p50 ms", None, False),
    ("check_p95_ms", "check p95 ms", None, False),
]


def print_report(figures: dict, console: Console) -> None:
    """Table of figures (with the product targets) and the list of failed cases."""
    table = Table(title=f"guidebot eval: {figures['n_questions']} questions, {figures['n_drafts']} drafts")
    table.add_column("figure")
    table.add_column("value", justify="right")
    table.add_column("target", justify="right")
    for key, label, target, higher in FIGURES:
        value = figures[key]
        met = None if target is None else (value >= target if higher else value <= target)
        style = "" if met is None else ("green" if met else "red")
        shown = f"{value:.3f}" if isinstance(value, float) and not key.endswith("_ms") else str(value)
        table.add_row(label, f"[{style}]{shown}[/]" if style else shown,
                      "" if target is None else (">= " if higher else "<= ") + str(target))
    console.print(table)
    failures = figures.get("failures", [])
    if not failures:
        console.print("[green]No failures.[/]")
        return
    console.print(f"[bold]{len(failures)} case(s) to look at:[/]")
    for failure in failures:
        console.print(f"- [bold]{failure['id']}[/] ({failure['kind']}): expected {json.dumps(failure['expected'])}",
                      highlight=False, markup=True)
        console.print(f"    got {json.dumps(failure['got'], ensure_ascii=False)}", highlight=False, markup=False)
