"""`/guidebot reviewed`: list, retire and export reviewed answers (reviewers only)."""

from __future__ import annotations

from slack_sdk import WebClient

from bot.reviewed import label
from bot.slack.blocks import escape, trim


def reviewed_reply(service, client: WebClient, team: str, user: str, args: list[str]) -> str:
    """The private reply to `/guidebot reviewed [list | retire ID | export]`."""
    reviewed = service.features.reviewed
    if reviewed is None:
        return "Reviewed answers are not enabled here."
    if not service.is_reviewer(client, user, service.features.reviewer_channel(team)):
        return "Only members of the policy reviewers' channel can manage reviewed answers."
    verb = args[0] if args else "list"
    if verb == "list":
        rows = reviewed.active(team)
        if not rows:
            return ("No reviewed answers yet. When you reply to an escalated question, tick *Add to reviewed answers* "
                    "to have it cited next time.")
        lines = [f"*{len(rows)} reviewed answer(s)* (retire one with `/guidebot reviewed retire <id>`):"]
        lines += [f"• *#{r.id}* {escape(label(r))}: “{escape(trim(' '.join(r.question.split()), 100))}”" for r in rows[:30]]
        return "\n".join(lines)
    if verb == "retire":
        if len(args) != 2 or not args[1].lstrip("#").isdigit():
            return "Say which one: `/guidebot reviewed retire <id>` (the ids are in `/guidebot reviewed`)."
        row = reviewed.retire(team, int(args[1].lstrip("#")), user)
        if row is None:
            return f"There is no active reviewed answer #{escape(args[1].lstrip('#'))} in this workspace."
        return f"Retired reviewed answer #{row.id}: it won't be cited any more."
    if verb == "export":
        return "```\n" + escape(trim(reviewed.export(team), 2900)) + "\n```\n" + \
            f"The full Markdown is in `{reviewed.folder(team)}` on the server."
    return "Use `/guidebot reviewed`, `/guidebot reviewed retire <id>` or `/guidebot reviewed export`."
