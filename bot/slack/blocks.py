"""Block Kit for every message, modal and home tab the app sends.

Everything a person typed, and every guideline passage, is escaped before it goes into
mrkdwn, so `<!channel>` or `<@U…>` inside a question or draft never notifies anyone.
Slack's limits (50 blocks, 3,000 characters per section, 150 per header, 2,000 per button
value, 3,000 of private metadata) are met without failing: a long answer is split across
sections and, past 50 blocks, across messages; only quotes and labels are shortened, and
never inside an escaped character.
"""

from __future__ import annotations

import json
import re

from bot.answer import Answer, Citation
from bot.slack.db import STATUS_LABELS, Escalation

REVIEWED_TITLE = "Reviewed answers"  # bot.reviewed.DOC_TITLE: shown after the five guideline passages
MAX_BLOCKS = 50
MAX_SECTION = 3000
MAX_HEADER = 150
MAX_BUTTON_VALUE = 2000
MAX_METADATA = 3000
MAX_FALLBACK = 3000
QUOTE_CHARS = 600

VERDICT_LABELS = {"ok": "OK to post", "caution": "Fix before posting", "escalate": "Don't post this yet"}
_VERDICT_ICONS = {"ok": ":white_check_mark:", "caution": ":warning:", "escalate": ":no_entry:"}
# what the engine's own sentence starts with, when it repeats the verdict headline
_VERDICT_LEADS = ("Don't post this yet:", "Don't post this yet.", "Fix before posting:", "Fix before posting.")
_ENTITY = ("&amp;", "&lt;", "&gt;")


def escape(text: str) -> str:
    """Make text inert in mrkdwn: no mentions, no broadcasts, no links of the user's making."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _safe_end(cut: str) -> str:
    """Never end inside an escaped character: '&am' would show as garbage."""
    amp = cut.rfind("&", max(0, len(cut) - 4))
    if amp != -1 and ";" not in cut[amp:] and any(e.startswith(cut[amp:]) for e in _ENTITY):
        return cut[:amp]
    return cut


def trim(text: str, limit: int) -> str:
    """Cut at a word boundary with an ellipsis, within `limit` characters (escaped text stays whole)."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ", max(0, limit - 80))
    return _safe_end(cut[:space] if space > 0 else cut) + "…"


def split_text(text: str, limit: int = MAX_SECTION) -> list[str]:
    """Split long text into pieces of at most `limit` characters, at line breaks, else between words.

    Used instead of trimming for the answer itself: every word of it reaches the person.
    """
    pieces: list[str] = []
    rest = text
    while len(rest) > limit:
        window = rest[:limit]
        cut = window.rfind("\n")
        if cut < limit // 2:
            cut = window.rfind(" ")
        if cut < limit // 2:
            cut = len(_safe_end(window))
        pieces.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest or not pieces:
        pieces.append(rest)
    return pieces


def section(text: str) -> dict:
    return {"type": "section", "text": {"type": "mrkdwn", "text": trim(text, MAX_SECTION) or " "}}


def sections(text: str) -> list[dict]:
    """As many sections as the text needs (nothing cut)."""
    return [section(piece) for piece in split_text(text)]


def context(text: str) -> dict:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": trim(text, MAX_SECTION)}]}


def header(text: str) -> dict:
    return {"type": "header", "text": {"type": "plain_text", "text": trim(text, MAX_HEADER), "emoji": True}}


def quote(text: str, limit: int = QUOTE_CHARS) -> str:
    return "\n".join("> " + line for line in escape(trim(" ".join(text.split()), limit)).splitlines() or ["> "])


def citation_title(cite: Citation) -> str:
    label = escape(cite.location)
    if cite.url and cite.url.startswith(("http://", "https://")) and "|" not in cite.url and ">" not in cite.url:
        return f"<{cite.url}|{label}>"
    return f"*{label}*"


def button_value(kind: str, text: str) -> str:
    """What a button carries: the kind and the text (trimmed to fit), so nothing needs storing."""
    value = json.dumps({"k": kind, "q": text}, ensure_ascii=False)
    while len(value) > MAX_BUTTON_VALUE:
        text = text[: int(len(text) * 0.9)]
        value = json.dumps({"k": kind, "q": text}, ensure_ascii=False)
    return value


def parse_value(value: str) -> tuple[str, str]:
    try:
        data = json.loads(value)
        return str(data.get("k", "question")), str(data.get("q", ""))
    except (json.JSONDecodeError, AttributeError):
        return "question", ""


def verdict_body(answer: Answer) -> str:
    """The engine's explanation without the words the headline already says."""
    body = answer.answer.strip()
    for lead in _VERDICT_LEADS:
        if body.startswith(lead):
            body = body[len(lead):].strip()
            return body[:1].upper() + body[1:]
    return body


def answer_blocks(answer: Answer, escalation_enabled: bool = True) -> list[dict]:
    """The reply to a question or a draft: verdict or lead, findings, cited passages, buttons.

    May be longer than one message allows; `answer_messages` splits it.
    """
    blocks: list[dict] = []
    if answer.kind == "check" and answer.verdict:
        blocks += sections(f"{_VERDICT_ICONS[answer.verdict]} *{VERDICT_LABELS[answer.verdict]}*\n"
                           f"{escape(verdict_body(answer))}")
        for finding in answer.findings[:10]:
            icon = ":red_circle:" if finding.severity == "escalate" else ":large_yellow_circle:"
            blocks.append(section(f"{icon} *{escape(finding.label)}*: “{escape(trim(finding.excerpt, 400))}”\n"
                                  f"_{escape(finding.message)}_"))
        blocks += safer_version_blocks(answer)
    elif answer.lead:
        lines = [f"“{escape(sentence)}” [{n}]" for sentence, n in answer.lead]
        blocks += sections("*Here is what the guidelines say:*\n" + "\n".join(lines))
        if answer.escalate and answer.escalation_reason:
            blocks.append(section(f":raising_hand: {escape(answer.escalation_reason)} If in doubt, ask before you post."))
    else:
        blocks += sections(escape(answer.answer))
    if answer.citations:
        blocks.append({"type": "divider"})
        shown = answer.citations[:5] + [c for c in answer.citations[5:] if c.title == REVIEWED_TITLE][:1]
        for n, cite in enumerate(shown, 1):
            blocks.append(section(f"[{n}] {citation_title(cite)}\n{quote(cite.text)}"))
    for note in answer.notes:
        blocks.append(context(":information_source: " + escape(note)))
    if not answer.error:
        blocks.append(actions_block(answer, escalation_enabled))
    return blocks


def answer_messages(answer: Answer, escalation_enabled: bool = True) -> list[dict]:
    """One message, or several when the answer needs more than 50 blocks; the buttons come last."""
    blocks = answer_blocks(answer, escalation_enabled)
    text = fallback_text(answer)
    chunks = [blocks[i:i + MAX_BLOCKS] for i in range(0, len(blocks), MAX_BLOCKS)] or [[section(text)]]
    return [{"text": text if n == 0 else f"{trim(text, 200)} (continued, {n + 1}/{len(chunks)})", "blocks": chunk}
            for n, chunk in enumerate(chunks)]


def plain_answer(answer: Answer) -> str:
    """The answer as plain mrkdwn text, for when Slack refuses the blocks: every part, escaped."""
    lines = [fallback_text(answer, limit=None)]
    for finding in answer.findings[:10]:
        lines.append(f"• {escape(finding.label)}: “{escape(trim(finding.excerpt, 200))}”")
    for n, cite in enumerate(answer.citations[:5], 1):
        lines.append(f"[{n}] {citation_title(cite)}")
    return trim("\n".join(lines), MAX_FALLBACK)


_ABOUT_POSTING = re.compile(r"\b(post|posts|posting|tweet\w*|share|sharing|publish\w*|blog\w*|upload\w*|comment\w*|"
                            r"write|writing|linkedin|instagram|facebook|tiktok|youtube|reddit|x\.com)\b", re.IGNORECASE)


def about_posting(answer: Answer) -> bool:
    """A question about posting something, answered from the guidelines: the next step is the draft itself."""
    return answer.kind == "question" and not answer.abstained and bool(_ABOUT_POSTING.search(answer.query))


def safer_version_blocks(answer: Answer) -> list[dict]:
    """The safer version: what changed, the text ready to copy, and a button that DMs it (easy copy on mobile)."""
    if not answer.safer_version:
        return []
    changes = "\n".join(f"• {escape(trim(e.describe(), 300))}" for e in answer.safer_edits[:6])
    blocks = [section(":sparkles: *A safer version* (checked: it is OK to post)" + (f"\n{changes}" if changes else "")),
              preformatted(answer.safer_version)]
    value = json.dumps({"k": "safer", "q": answer.safer_version}, ensure_ascii=False)
    if len(value) <= MAX_BUTTON_VALUE:  # never send a cut-down version
        blocks.append({"type": "actions", "block_id": "safer_actions", "elements": [
            {"type": "button", "action_id": "safer_version_send", "value": value,
             "text": {"type": "plain_text", "text": "Send me this version"}}]})
    return blocks


def preformatted(text: str) -> dict:
    """Literal text in a code block (rich text: nothing in it is parsed as a mention or link)."""
    return {"type": "rich_text", "elements": [{"type": "rich_text_preformatted",
                                               "elements": [{"type": "text", "text": trim(text, MAX_SECTION)}]}]}


def actions_block(answer: Answer, escalation_enabled: bool) -> dict:
    value = button_value(answer.kind, answer.query)
    elements = []
    if about_posting(answer):
        elements.append({"type": "button", "action_id": "check_draft_open", "value": "draft",
                         "text": {"type": "plain_text", "text": "Check my draft"}})
    elements += [
        {"type": "button", "action_id": "feedback_helpful", "text": {"type": "plain_text", "text": "👍 Helpful"},
         "value": value},
        {"type": "button", "action_id": "feedback_not_helpful", "text": {"type": "plain_text", "text": "👎 Not helpful"},
         "value": value},
        {"type": "button", "action_id": "escalate_open", "text": {"type": "plain_text", "text": "Ask a manager"},
         "value": value, **({"style": "primary"} if answer.escalate and escalation_enabled else {})},
    ]
    return {"type": "actions", "block_id": "answer_actions", "elements": elements}


def fallback_text(answer: Answer, limit: int | None = MAX_FALLBACK) -> str:
    """The plain-text version for notifications and clients without blocks (the verdict said once)."""
    if answer.kind == "check" and answer.verdict:
        text = f"{VERDICT_LABELS[answer.verdict]}. {verdict_body(answer)}"
    else:
        text = answer.answer
    text = escape(text)
    return trim(text, limit) if limit else text


def metadata(data: dict) -> str:
    """private_metadata as JSON within Slack's 3,000 characters (the text shrinks if needed)."""
    data = dict(data)
    value = json.dumps(data, ensure_ascii=False)
    while len(value) > MAX_METADATA and data.get("q"):
        data["q"] = data["q"][: int(len(data["q"]) * 0.85)]
        value = json.dumps(data, ensure_ascii=False)
    return value


def draft_modal(channel_id: str | None) -> dict:
    return {
        "type": "modal", "callback_id": "canipost_modal",
        "title": {"type": "plain_text", "text": "Can I post this?"},
        "submit": {"type": "plain_text", "text": "Check"}, "close": {"type": "plain_text", "text": "Cancel"},
        "private_metadata": metadata({"channel": channel_id or ""}),
        "blocks": [
            {"type": "input", "block_id": "draft", "label": {"type": "plain_text", "text": "Your draft post"},
             "element": {"type": "plain_text_input", "action_id": "text", "multiline": True, "max_length": 3000,
                         "placeholder": {"type": "plain_text", "text": "Paste what you want to post"}}},
            context("Only you will see the verdict. Nothing is posted anywhere."),
        ],
    }


def escalation_modal(kind: str, text: str, channel_id: str | None) -> dict:
    what = "draft" if kind == "check" else "question"
    return {
        "type": "modal", "callback_id": "escalate_modal",
        "title": {"type": "plain_text", "text": "Ask a manager"},
        "submit": {"type": "plain_text", "text": "Share"}, "close": {"type": "plain_text", "text": "Cancel"},
        "private_metadata": metadata({"k": kind, "q": text, "channel": channel_id or ""}),
        "blocks": [
            section(f"Share this {what} with the policy reviewers?\n{quote(text, 1500)}"),
            {"type": "input", "block_id": "note", "optional": True,
             "label": {"type": "plain_text", "text": "Anything they should know? (optional)"},
             "element": {"type": "plain_text_input", "action_id": "text", "multiline": True, "max_length": 1000}},
        ],
    }


def reply_modal(escalation_id: int) -> dict:
    return {
        "type": "modal", "callback_id": "review_reply_modal",
        "title": {"type": "plain_text", "text": "Reply to the requester"},
        "submit": {"type": "plain_text", "text": "Send"}, "close": {"type": "plain_text", "text": "Cancel"},
        "private_metadata": str(escalation_id),
        "blocks": [{"type": "input", "block_id": "reply", "label": {"type": "plain_text", "text": "Your reply"},
                    "element": {"type": "plain_text_input", "action_id": "text", "multiline": True, "max_length": 2000}}],
    }


DECISION_LABELS = {"approved": "Approved", "changes": "Needs changes", "replied": "Replied"}
HOME_STATUS = {**STATUS_LABELS, "undelivered": "not delivered: the reviewers couldn't be reached"}


def reviewer_blocks(row: Escalation) -> list[dict]:
    """The message in the reviewers' channel: who asked, what, the bot's view, and the decision buttons."""
    what = "a draft post" if row.kind == "check" else "a question"
    blocks = [header(f"Escalation #{row.id}: {what}"),
              section(f"<@{escape(row.requester)}> asks the policy reviewers about {what}:\n{quote(row.text, 2500)}")]
    verdict = f"*What I said:* {VERDICT_LABELS.get(row.verdict, '')}\n" if row.verdict in VERDICT_LABELS else ""
    blocks.append(section(f"{verdict}*My answer:* {escape(trim(row.summary, 1200))}"))
    cites = json.loads(row.citations or "[]")
    if cites:
        blocks.append(context("Cited: " + "; ".join(escape(c) for c in cites[:5])))
    if row.note:
        blocks.append(section(f"*Note from the requester:* {escape(row.note)}"))
    if row.status == "pending":
        value = str(row.id)
        blocks.append({"type": "actions", "block_id": "review_actions", "elements": [
            {"type": "button", "action_id": "review_approve", "style": "primary", "value": value,
             "text": {"type": "plain_text", "text": "Approved"}},
            {"type": "button", "action_id": "review_changes", "style": "danger", "value": value,
             "text": {"type": "plain_text", "text": "Needs changes"}},
            {"type": "button", "action_id": "review_reply", "value": value, "text": {"type": "plain_text", "text": "Reply"}},
        ]})
    else:
        said = f": “{escape(trim(row.reviewer_note, 1500))}”" if row.reviewer_note else ""
        label = DECISION_LABELS.get(row.status, HOME_STATUS.get(row.status, "Decided"))
        blocks.append(context(f"*{label}* by <@{escape(row.reviewer or '')}>{said}"))
    return blocks[:MAX_BLOCKS]


def decision_text(row: Escalation) -> str:
    """The DM to the requester: who decided what, in a sentence that reads well."""
    what = "draft" if row.kind == "check" else "question"
    reviewer = f"<@{escape(row.reviewer or '')}>"
    said = f"\n> {escape(row.reviewer_note)}" if row.reviewer_note else ""
    sentence = {
        "approved": f":white_check_mark: {reviewer} approved your {what}: you can go ahead.",
        "changes": f":pencil2: {reviewer} reviewed your {what}: it needs changes before you post it.",
        "replied": f":speech_balloon: {reviewer} replied about your {what}:",
    }.get(row.status, f"{reviewer} decided on your {what}.")
    return f"{sentence} (Escalation #{row.id}){said}\n{quote(row.text, 300)}"


def home_view(examples: tuple[str, ...], escalations: list[Escalation], contact: str,
              escalation_enabled: bool = True, has_more: bool = False) -> dict:
    """The App Home tab: how to use the bot, and the person's escalations (all of them, page by page)."""
    blocks = [
        header("guidebot: can I post this?"),
        section("I answer questions about posting on social media from the company's own Social Computing and "
                "Business Conduct guidelines, quote the passages I rely on, and tell you when to ask a manager."),
        section("*Ask me anything* in a DM or mention me in a channel, for example:\n"
                + "\n".join(f"• {escape(e)}" for e in examples)),
        section("*Check a draft* privately with `/canipost &lt;your draft&gt;` (or `/canipost` alone for a form), "
                "or use the *Check this post* message shortcut on any message."),
        context(f"When the guidelines don't settle it, ask {escape(contact)}."),
        {"type": "divider"},
        section("*Your escalations*" if escalation_enabled or escalations else "*Asking a person*"),
    ]
    if not escalations:
        blocks.append(context(
            "None yet. Use *Ask a manager* under any answer to send it to the policy reviewers."
            if escalation_enabled else
            f"No reviewers' channel is set up here, so *Ask a manager* tells you to contact {escape(contact)} directly."))
    shown = escalations[:MAX_BLOCKS - len(blocks) - 2]
    for row in shown:
        what = "Draft" if row.kind == "check" else "Question"
        said = f" — “{escape(trim(row.reviewer_note, 200))}”" if row.reviewer_note else ""
        status = HOME_STATUS.get(row.status, "status unknown")
        if row.status == "undelivered":
            status += f"; please ask {escape(contact)}"
        blocks.append(section(f"*#{row.id}* {what}: {escape(trim(row.text, 120))}\n_{status}_{said}"))
    if has_more or len(shown) < len(escalations):
        blocks.append({"type": "actions", "block_id": "home_actions", "elements": [
            {"type": "button", "action_id": "home_show_more", "value": str(len(shown) + HOME_PAGE),
             "text": {"type": "plain_text", "text": "Show older escalations"}}]})
    return {"type": "home", "blocks": blocks[:MAX_BLOCKS]}


HOME_PAGE = 10  # escalations shown first in App Home; "Show older escalations" adds this many

HELP_TEXT = (
    "*How to use /canipost*\n"
    "• `/canipost &lt;your draft&gt;`: a private verdict (ok / fix before posting / don't post yet) with the guideline "
    "passages that apply.\n"
    "• `/canipost` alone opens a form for longer drafts.\n"
    "• Ask questions in a DM to me, or mention me in a channel.\n"
    "Nothing you check is posted anywhere."
)
