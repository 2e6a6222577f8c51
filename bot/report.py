"""`guidebot report`: what policy owners need to know, from the bot's own database.

Questions and drafts per surface; the gaps (questions the bot abstained on, grouped by
topic: the to-do list for the guidelines); feedback per passage with reasons; the most
cited passages; escalations by outcome with the median time to decision; verdicts per
category; and the audit trail of decisions. It never shows who asked (the question log
does not even store it). Everything is per workspace.
"""

from __future__ import annotations

import csv
import json
import re
import statistics
from collections import Counter, defaultdict
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.slack.db import Escalation, _now
from bot.slack.features_db import REASONS, AuditEntry, EscalationInfo, FeedbackVote, QuestionLog
from ingest.errors import ConfigError

ERASED_TOPIC = "(text erased after the retention period)"
_GENERIC = {"post", "posting", "posted", "share", "sharing", "allowed", "ok", "okay", "company", "work", "want",
            "need", "say", "tell", "know", "use", "get", "make", "like", "just", "really", "guidebot", "question",
            "thing", "things", "people", "someone", "anyone", "way", "time", "does", "did", "doing", "let",
            "able", "good", "right", "job", "colleague", "colleagues", "employee", "employees", "staff"}
_SINCE = re.compile(r"^\s*(\d+)\s*([dhw]?)\s*$")


def parse_since(text: str) -> timedelta:
    """'30d', '12h', '2w' or a bare number of days."""
    match = _SINCE.match(text or "")
    if not match or int(match.group(1)) <= 0:
        raise ConfigError(f"--since: expected a period like 30d, 12h or 2w, got {text!r}")
    n, unit = int(match.group(1)), match.group(2) or "d"
    return {"d": timedelta(days=n), "h": timedelta(hours=n), "w": timedelta(weeks=n)}[unit]


def teams(session: Session) -> list[str]:
    """Workspaces that have anything in the log or the audit trail."""
    found = set(session.scalars(select(QuestionLog.team_id).distinct()))
    found |= set(session.scalars(select(EscalationInfo.team_id).distinct()))
    return sorted(found)


def pick_team(session: Session, team: str | None) -> str:
    """The one workspace to report on: given, or the only one there is."""
    known = teams(session)
    if team:
        return team
    if len(known) > 1:
        raise ConfigError(f"this database serves {len(known)} workspaces ({', '.join(known)}): choose one with --team")
    return known[0] if known else "-"


def _words(text: str) -> list[str]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return [w for w in re.findall(r"[a-z][a-z0-9'-]{2,}", text.lower())
            if w not in ENGLISH_STOP_WORDS and w not in _GENERIC]


def _stem(word: str) -> str:
    import Stemmer

    return Stemmer.Stemmer("english").stemWord(word)


def group_gaps(texts: list[str | None], examples_per_topic: int = 3) -> list[dict]:
    """Abstained questions grouped by their most widely shared content word (its commonest form names the group)."""
    stems_of: list[list[str]] = []
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    for text in texts:
        stems = []
        for word in _words(text or ""):
            stem = _stem(word)
            forms[stem][word] += 1
            if stem not in stems:
                stems.append(stem)
        stems_of.append(stems)
    df = Counter(s for stems in stems_of for s in stems)
    groups: dict[str, list[str]] = defaultdict(list)
    erased = 0
    for text, stems in zip(texts, stems_of, strict=True):
        if text is None:
            erased += 1
            continue
        if not stems:
            groups["(other)"].append(text)
            continue
        best = max(stems, key=lambda s: (df[s], stems.index(s)))  # ties: the later word ("guest wifi" -> wifi)
        groups[forms[best].most_common(1)[0][0]].append(text)
    out = [{"topic": topic, "count": len(items), "examples": items[:examples_per_topic]} for topic, items in groups.items()]
    if erased:
        out.append({"topic": ERASED_TOPIC, "count": erased, "examples": []})
    return sorted(out, key=lambda g: (-g["count"], g["topic"]))


def build(session: Session, team: str, since: timedelta, now: datetime | None = None) -> dict:
    """The report as one JSON-ready dict (the keys `--json` promises)."""
    now = now or _now()
    start = now - since
    logs = list(session.scalars(select(QuestionLog).where(QuestionLog.team_id == team, QuestionLog.created_at >= start)))
    surfaces: dict[str, dict[str, int]] = defaultdict(lambda: {"questions": 0, "drafts": 0})
    cited: Counter[tuple[str, str]] = Counter()
    verdicts: Counter[str] = Counter()
    categories: dict[str, Counter[str]] = defaultdict(Counter)
    abstained_texts: list[str | None] = []
    for row in logs:
        surfaces[row.surface]["drafts" if row.kind == "check" else "questions"] += 1
        for doc, section in json.loads(row.cited or "[]"):
            cited[(doc, section)] += 1
        if row.kind == "check" and row.verdict:
            verdicts[row.verdict] += 1
            for category in set(json.loads(row.categories or "[]")):
                categories[category][row.verdict] += 1
        if row.kind == "question" and row.abstained:
            abstained_texts.append(row.text)
    votes = list(session.scalars(select(FeedbackVote).where(FeedbackVote.team_id == team, FeedbackVote.created_at >= start)))
    per_passage: dict[tuple[str, str], dict] = {}
    for vote in votes:
        for doc, section in json.loads(vote.cited or "[]"):
            entry = per_passage.setdefault((doc, section), {"doc": doc, "section": section, "helpful": 0,
                                                            "not_helpful": 0, "reasons": Counter()})
            entry["helpful" if vote.helpful else "not_helpful"] += 1
            if vote.reason:
                entry["reasons"][vote.reason] += 1
    escalations = list(session.scalars(
        select(Escalation).join(EscalationInfo, EscalationInfo.escalation_id == Escalation.id)
        .where(EscalationInfo.team_id == team, Escalation.created_at >= start)))
    outcome = Counter(e.status for e in escalations)
    hours = [(e.decided_at - e.created_at).total_seconds() / 3600 for e in escalations if e.decided_at]
    reasons = Counter(v.reason for v in votes if not v.helpful and v.reason)
    return {
        "team": team, "since": start.isoformat(timespec="seconds"), "until": now.isoformat(timespec="seconds"),
        "questions": sum(s["questions"] for s in surfaces.values()),
        "drafts": sum(s["drafts"] for s in surfaces.values()),
        "surfaces": dict(sorted(surfaces.items())),
        "abstained": len(abstained_texts),
        "gaps": group_gaps(abstained_texts),
        "feedback": {"helpful": sum(v.helpful for v in votes), "not_helpful": sum(not v.helpful for v in votes),
                     "reasons": {REASONS[k]: reasons[k] for k in REASONS if reasons[k]},
                     "comments": sum(1 for v in votes if v.comment),
                     "passages": sorted(({**e, "reasons": {REASONS.get(k, k): n for k, n in e["reasons"].items()}}
                                         for e in per_passage.values()),
                                        key=lambda e: (-e["not_helpful"], -e["helpful"], e["doc"], e["section"]))},
        "escalations": {"pending": outcome["pending"], "approved": outcome["approved"],
                        "needs_changes": outcome["changes"], "replied": outcome["replied"],
                        "median_hours_to_decision": round(statistics.median(hours), 2) if hours else None},
        "top_passages": [{"doc": d, "section": s, "cited": n}
                         for (d, s), n in sorted(cited.items(), key=lambda kv: (-kv[1], kv[0]))[:10]],
        "verdicts": {v: verdicts[v] for v in ("ok", "caution", "escalate")},
        "verdicts_per_category": {c: {v: n[v] for v in ("caution", "escalate", "ok") if n[v]}
                                  for c, n in sorted(categories.items())},
    }


def audit_rows(session: Session, team: str, since: timedelta | None = None, now: datetime | None = None) -> list[AuditEntry]:
    query = select(AuditEntry).where(AuditEntry.team_id == team)
    if since is not None:
        query = query.where(AuditEntry.decided_at >= (now or _now()) - since)
    return list(session.scalars(query.order_by(AuditEntry.id)))


def write_csv(report: dict, audit: list[AuditEntry], folder: Path) -> list[Path]:
    """summary.csv, surfaces.csv, gaps.csv, passages.csv, categories.csv and audit.csv in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    def table(name: str, header: list[str], rows: list[list]) -> None:
        path = folder / name
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(header)
            writer.writerows(rows)
        written.append(path)

    esc, fb = report["escalations"], report["feedback"]
    table("summary.csv", ["figure", "value"], [
        ["team", report["team"]], ["since", report["since"]], ["until", report["until"]],
        ["questions", report["questions"]], ["drafts", report["drafts"]], ["abstained", report["abstained"]],
        ["helpful", fb["helpful"]], ["not_helpful", fb["not_helpful"]],
        *[[f"escalations_{k}", v] for k, v in esc.items()],
        *[[f"verdict_{k}", v] for k, v in report["verdicts"].items()]])
    table("surfaces.csv", ["surface", "questions", "drafts"],
          [[s, v["questions"], v["drafts"]] for s, v in report["surfaces"].items()])
    table("gaps.csv", ["topic", "count", "examples"],
          [[g["topic"], g["count"], " | ".join(g["examples"])] for g in report["gaps"]])
    cited = {(p["doc"], p["section"]): p["cited"] for p in report["top_passages"]}
    feedback = {(p["doc"], p["section"]): p for p in fb["passages"]}
    keys = sorted(set(cited) | set(feedback), key=lambda k: (-cited.get(k, 0), k))
    table("passages.csv", ["doc", "section", "cited", "helpful", "not_helpful", "reasons"],
          [[d, s, cited.get((d, s), 0), feedback.get((d, s), {}).get("helpful", 0),
            feedback.get((d, s), {}).get("not_helpful", 0),
            "; ".join(f"{k}: {n}" for k, n in feedback.get((d, s), {}).get("reasons", {}).items())] for d, s in keys])
    table("categories.csv", ["category", "caution", "escalate"],
          [[c, v.get("caution", 0), v.get("escalate", 0)] for c, v in report["verdicts_per_category"].items()])
    table("audit.csv", ["escalation_id", "kind", "decision", "decided_by", "decided_at", "bot_verdict",
                        "text_sha256", "hours_to_decision"],
          [[a.escalation_id, a.kind, a.decision, a.decided_by, a.decided_at.isoformat(timespec="seconds"),
            a.bot_verdict or "", a.text_sha256, "" if a.hours_to_decision is None else round(a.hours_to_decision, 2)]
           for a in audit])
    return written


def render_text(report: dict) -> str:
    """The report for a terminal: short sections, counts first."""
    esc, fb = report["escalations"], report["feedback"]
    lines = [f"guidebot report for workspace {report['team']}, {report['since']} to {report['until']} (UTC)",
             "", f"questions: {report['questions']}   drafts: {report['drafts']}   abstained: {report['abstained']}"]
    lines += [f"  {s}: {v['questions']} questions, {v['drafts']} drafts" for s, v in report["surfaces"].items()]
    lines += ["", "gaps (questions the guidelines didn't answer, by topic):"]
    lines += [f"  {g['count']:>3}  {g['topic']}" + (f"  e.g. “{g['examples'][0]}”" if g["examples"] else "")
              for g in report["gaps"]] or ["  none"]
    reasons = ", ".join(f"{k} {n}" for k, n in fb["reasons"].items()) or "no reasons given"
    lines += ["", f"feedback: {fb['helpful']} helpful, {fb['not_helpful']} not helpful ({reasons})"]
    lines += [f"  {p['doc']} › {p['section']}: +{p['helpful']} / -{p['not_helpful']}"
              + (f" ({', '.join(f'{k} {n}' for k, n in p['reasons'].items())})" if p["reasons"] else "")
              for p in fb["passages"][:10]]
    lines += ["", "most cited passages:"]
    lines += [f"  {p['cited']:>3}  {p['doc']} › {p['section']}" for p in report["top_passages"]] or ["  none"]
    median = esc["median_hours_to_decision"]
    lines += ["", f"escalations: {esc['pending']} pending, {esc['approved']} approved, {esc['needs_changes']} needs changes, "
                  f"{esc['replied']} replied; median time to decision: "
                  + (f"{median} h" if median is not None else "n/a")]
    v = report["verdicts"]
    lines += ["", f"draft verdicts: {v['ok']} ok, {v['caution']} caution, {v['escalate']} escalate"]
    lines += [f"  {c}: " + ", ".join(f"{k} {n}" for k, n in counts.items())
              for c, counts in report["verdicts_per_category"].items()]
    return "\n".join(lines)
