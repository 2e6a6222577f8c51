"""The report's summary in App Home, for GUIDEBOT_ADMINS only (the full report: `guidebot report`)."""

from __future__ import annotations

from datetime import timedelta

from bot.report import build
from bot.slack.blocks import escape, trim
from bot.slack.features_db import FeatureStore


def report_blocks(store: FeatureStore, team: str, days: int = 30) -> list[dict]:
    """A divider, a header and a few sections: counts, gaps, feedback, escalations, top passages."""
    with store.session() as session:
        report = build(session, team, timedelta(days=days))
    esc, fb = report["escalations"], report["feedback"]
    median = esc["median_hours_to_decision"]
    gaps = "\n".join(f"• {g['count']} × {escape(trim(g['topic'], 60))}"
                     + (f": “{escape(trim(g['examples'][0], 120))}”" if g["examples"] else "")
                     for g in report["gaps"][:5]) or "None: every question found an answer."
    top = "\n".join(f"• {p['cited']} × {escape(p['doc'])} › {escape(trim(p['section'], 80))}"
                    for p in report["top_passages"][:5]) or "None yet."
    reasons = ", ".join(f"{k} {n}" for k, n in fb["reasons"].items()) or "no reasons given"

    def section(text: str) -> dict:
        return {"type": "section", "text": {"type": "mrkdwn", "text": trim(text, 3000)}}

    return [
        {"type": "divider"},
        {"type": "header", "text": {"type": "plain_text", "text": f"Report: last {days} days (admins only)"}},
        section(f"*{report['questions']}* questions, *{report['drafts']}* drafts checked, "
                f"*{report['abstained']}* not answered by the guidelines."),
        section(f"*Gaps in the guidelines* (unanswered questions by topic)\n{gaps}"),
        section(f"*Feedback*: {fb['helpful']} helpful, {fb['not_helpful']} not helpful ({escape(reasons)})"),
        section(f"*Escalations*: {esc['pending']} pending, {esc['approved']} approved, {esc['needs_changes']} needs "
                f"changes, {esc['replied']} replied; median time to decision "
                + (f"{median} h" if median is not None else "n/a")),
        section(f"*Most cited passages*\n{top}"),
        {"type": "context", "elements": [{"type": "mrkdwn", "text": "Who asked is never recorded. Full report: "
                                          "`guidebot report --since 30d` (or `--json`, `--csv DIR`)."}]},
    ]
