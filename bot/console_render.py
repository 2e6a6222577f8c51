"""Rendering answers and verdicts in a terminal with rich (the CLI and `guidebot chat`)."""

from __future__ import annotations

from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.text import Text

from bot.answer import Answer

_VERDICT_STYLE = {"ok": ("✅ OK to post", "green"), "caution": ("⚠️  Fix before posting", "yellow"),
                  "escalate": ("⛔ Don't post yet: escalate", "red")}


def render(answer: Answer, console: Console) -> None:
    """Print an answer or a verdict with its findings and cited passages."""
    parts: list = []
    if answer.kind == "check" and answer.verdict:
        label, style = _VERDICT_STYLE[answer.verdict]
        parts.append(Text(label, style=f"bold {style}"))
    parts.append(Text(answer.answer))
    for finding in answer.findings:
        style = "red" if finding.severity == "escalate" else "yellow"
        parts.append(Text.from_markup(f"[{style}]• {escape(finding.label)}[/]: “{escape(finding.excerpt)}”\n  "
                                      f"[dim]{escape(finding.message)}[/]"))
    for note in answer.notes:
        parts.append(Text(f"Note: {note}", style="dim"))
    title = "guidebot" if answer.kind == "question" else "draft check"
    border = _VERDICT_STYLE[answer.verdict][1] if answer.verdict else ("magenta" if answer.abstained else "cyan")
    console.print(Panel(Group(*parts), title=title, border_style=border, expand=True))
    render_safer_version(answer, console)
    for n, cite in enumerate(answer.citations[:3], 1):
        head = f"[{n}] {cite.location}"
        if cite.url:
            head += f"  ({cite.url})"
        body = cite.text if len(cite.text) <= 700 else cite.text[:700].rsplit(" ", 1)[0] + " …"
        console.print(Text(head, style="bold"))
        console.print(Text("  " + body.replace("\n", "\n  "), style="italic dim"))


def render_safer_version(answer: Answer, console: Console) -> None:
    """The safer version: the edits, then the text alone, unboxed and unwrapped, so one selection copies it."""
    if not answer.safer_version:
        return
    console.print(Text("✨ A safer version (checked: OK to post)", style="bold green"))
    for edit in answer.safer_edits:
        console.print(Text(f"  • {edit.describe()}", style="dim"))
    console.print(Text(answer.safer_version), soft_wrap=True)
