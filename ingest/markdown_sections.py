"""Markdown to sections with a real CommonMark parser (markdown-it-py), not line regexes.

What counts as a heading in policies written in Markdown:

- ATX (`## Title`) and setext (a title underlined with `===` or `---`) headings;
- a paragraph that is nothing but bold text (`**Gifts and hospitality**`), the handbook style
  of titling each rule: a pseudo-heading one level below the last real heading;
- a leading bold label (`**Financial:** Never share ...`, also on list items and the terms of
  definition lists), or a short list item that holds a sub-list: when a section has two or
  more of them, each labelled rule becomes its own section, so every rule can be cited on
  its own instead of one section holding nine;
- the `<summary>` of a `<details>` block, for the content folded inside it.

Headings keep the anchor a link can land on (`anchors=`): an explicit one (`## Title {#id}`,
an `<a id|name>` on or just before the heading line, a raw HTML heading's id) and, for
Markdown files, else the slug GitHub-style renderers give it (mdit-py-plugins' anchors plugin:
lowercase, punctuation dropped, spaces to hyphens, repeats suffixed -1, -2 ...).

Labels are plain text (markup removed). Body text is plain too: lists keep their markers,
tables become `cell | cell` rows, HTML blocks become their text, front matter is metadata.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

import yaml
from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.tree import SyntaxTreeNode
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from ingest.anchors import html_anchor, only_anchor_tags, split_explicit_id
from ingest.sections import Section, SectionBuilder

BOLD_LINE_RANK = 7  # below h6: a bold line is a child of the heading it follows
LEAD_RANK = 8  # a leading bold label is a child of a bold line
_MAX_LABEL_WORDS = 12
_LABEL_PUNCTUATION = ":.—–-"
# a pandoc / bookdown / kramdown attribute block closing a heading ("{-}", "{.unnumbered}", "{#id .class}"):
# markup, not words of the label (an explicit {#id} alone is taken out earlier, as the section's anchor)
_ATTR = r"(?:-|[.#][\w:-]+|[\w-]+=\S+)"
_ATTRIBUTES = re.compile(r"\s*\{\s*" + _ATTR + r"(?:\s+" + _ATTR + r")*\s*\}\s*$")


def _explicit_heading_ids(state: StateCore) -> None:
    """Give a heading the id its author wrote: a trailing `{#id}` (taken out of the label), an
    `<a id|name>` in the heading, or one alone on the lines just before it."""
    tokens = state.tokens
    for index, token in enumerate(tokens):
        if token.type != "heading_open" or index + 1 >= len(tokens):
            continue
        inline = tokens[index + 1]
        children = inline.children or []
        texts = [child for child in children if child.type == "text" and child.content.strip()]
        anchor = None
        if texts and texts[-1] is children[-1] and split_explicit_id(inline.content)[1]:
            label, anchor = split_explicit_id(texts[-1].content, alone=len(children) > 1)
            if anchor:
                texts[-1].content = label
                inline.content = split_explicit_id(inline.content)[0]
        anchor = anchor or next((html_anchor(child.content) for child in children
                                 if child.type == "html_inline" and html_anchor(child.content)), None)
        anchor = anchor or _anchor_before(tokens, index)
        if anchor:
            token.attrSet("id", anchor)


def _anchor_before(tokens: list, index: int) -> str | None:
    """The id of an `<a id|name>` alone on the line (or in the HTML block) just before the heading."""
    if index >= 1 and tokens[index - 1].type == "html_block" and only_anchor_tags(tokens[index - 1].content.strip()):
        return html_anchor(tokens[index - 1].content)
    if index >= 3 and tokens[index - 1].type == "paragraph_close" and tokens[index - 3].type == "paragraph_open":
        children = tokens[index - 2].children or []
        breaks = [n for n, child in enumerate(children) if child.type in ("softbreak", "hardbreak")]
        last_line = children[breaks[-1] + 1:] if breaks else children  # the line right above the heading
        parts = [child for child in last_line if not (child.type == "text" and not child.content.strip())]
        html = "".join(child.content for child in parts)
        if parts and all(child.type == "html_inline" for child in parts) and only_anchor_tags(html):
            return html_anchor(html)
    return None


Anchors = Literal["none", "explicit", "slugs"]


def _parser(anchors: Anchors) -> MarkdownIt:
    parser = (MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
              .use(front_matter_plugin).use(deflist_plugin))
    if anchors != "none":
        parser.core.ruler.push("explicit_heading_ids", _explicit_heading_ids)
    if anchors == "slugs":
        parser.use(anchors_plugin, min_level=1, max_level=6)
    return parser


# none: labels only (plain text, Word: no links to land on); explicit: ids the source wrote
# (HTML pages); slugs: those, else the slug a Markdown renderer gives every heading.
_PARSERS: dict[str, MarkdownIt] = {mode: _parser(mode) for mode in ("none", "explicit", "slugs")}


@dataclass
class ParsedMarkdown:
    """The sections of a Markdown text, its title (first `#` heading) and its front matter."""

    sections: list[Section]
    title: str | None
    meta: dict = field(default_factory=dict)
    h1: str | None = None  # the first level-1 heading, when there is one


_META_LINE = re.compile(r"^([A-Za-z][\w-]*(?: [\w-]+){0,2}):[ \t]+(\S.*)$")


def metadata_block(text: str) -> tuple[str, dict]:
    """MultiMarkdown/Pelican metadata ('Title: ...' lines up to the first blank line), when it
    names a title; the text without it."""
    head, _, rest = text.lstrip("\ufeff").partition("\n\n")
    lines = [line for line in head.splitlines() if line.strip()]
    matches = [_META_LINE.match(line) for line in lines]
    if not lines or not all(matches):
        return text, {}
    meta = {m.group(1).strip().lower(): m.group(2).strip() for m in matches if m}
    return (rest, meta) if "title" in meta else (text, {})


@dataclass
class _Block:
    text: str
    lead: str | None = None  # the leading bold label, when the block starts with one


# Hugo shortcodes are markup, never content ("{{< content-start >}}", "{{% notice tip %}}"); left in, they were
# quoted in answers (wild13's QGIS pages). One line at most: a stray "{{<" in prose must not swallow a section.
# Liquid/Jinja tags ("{% … %}") are left alone: documents quote them as examples, and removing them cost other sets.
_TEMPLATE_TAG = re.compile(r"\{\{<[^\n{}]*?>\}\}|\{\{%[^\n{}]*?%\}\}")


def parse_markdown(text: str, anchors: Anchors = "none") -> ParsedMarkdown:
    """Sections in reading order; see the module docstring for what makes a heading.

    `anchors` says which anchors sections keep: "none", "explicit" (ids the source wrote) or
    "slugs" (those, else every heading's GitHub-style slug).
    """
    if anchors not in _PARSERS:
        raise ValueError(f"anchors must be one of {', '.join(_PARSERS)}, not {anchors!r}")
    text, meta = metadata_block(_TEMPLATE_TAG.sub("", text))
    root = SyntaxTreeNode(_PARSERS[anchors].parse(text))
    keep = anchors != "none"
    headings: list[tuple[int, str]] = []
    events: list[tuple] = []  # ("heading", text, rank, anchor) | ("block", _Block) | ("close", rank)
    for node in root.children:
        if node.type == "front_matter":
            meta = _front_matter(node.content)
        elif node.type == "heading":
            label = _ATTRIBUTES.sub("", plain_inline(node.children[0]) if node.children else "")
            level = int(node.tag[1])
            headings.append((level, label))
            events.append(("heading", label, level, str(node.attrs.get("id") or "") if keep else ""))
        elif node.type == "paragraph":
            bold = bold_line(node)
            if bold:
                label, anchor = split_explicit_id(bold) if keep else (bold, None)
                events.append(("heading", label, BOLD_LINE_RANK, anchor or ""))
            else:
                events.append(("block", _Block(plain_inline(node.children[0]), lead_label(node))))
        elif node.type in ("bullet_list", "ordered_list"):
            events += _list_events(node)
        elif node.type == "dl":
            events += _deflist_events(node)
        elif node.type == "html_block":
            events += [event[:3] + ("",) if event[0] == "heading" and not keep else event
                       for event in _html_events(node.content)]
        else:
            block = block_text(node)
            if block.strip():
                events.append(("block", _Block(block)))
    h1 = next((label for level, label in headings if level == 1), None)
    title = h1 or (headings[0][1] if headings else None)
    return ParsedMarkdown(sections=_build(events), title=title, meta=meta, h1=h1)


def escape_markdown(text: str) -> str:
    """Keep text from a format without markup (Word, plain text) literal through the parser."""
    return "".join("\\" + ch if ch in "\\`*_[]<>#|" else ch for ch in text)


def _build(events: list[tuple]) -> list[Section]:
    """Feed events to a SectionBuilder; leading labels split a section only when it has several."""
    builder = SectionBuilder()
    run: list[_Block] = []

    def flush_run() -> None:
        split = sum(1 for block in run if block.lead) >= 2
        for block in run:
            if split and block.lead:
                builder.heading(block.lead, LEAD_RANK)
            builder.paragraph(block.text)
        run.clear()

    for event in events:
        if event[0] == "block":
            run.append(event[1])
            continue
        flush_run()
        if event[0] == "heading":
            builder.heading(event[1], event[2], event[3])
        else:
            builder.close(event[1])
    flush_run()
    return builder.finish()


def _front_matter(content: str) -> dict:
    try:
        meta = yaml.safe_load(content) or {}
    except yaml.YAMLError:
        return {}
    return meta if isinstance(meta, dict) else {}


def plain_inline(node: SyntaxTreeNode) -> str:
    """The text of inline content without markup: emphasis, links and code lose their marks."""
    parts: list[str] = []

    def walk(current: SyntaxTreeNode) -> None:
        for child in current.children:
            if child.type in ("text", "code_inline"):
                parts.append(child.content)
            elif child.type == "softbreak":
                parts.append(" ")
            elif child.type == "hardbreak":
                parts.append("\n")
            elif child.type == "image":
                parts.append(child.content or "")
            elif child.type == "html_inline":
                continue
            else:
                walk(child)

    walk(node)
    return "".join(parts).strip()


def _inline_children(paragraph: SyntaxTreeNode) -> list[SyntaxTreeNode]:
    if not paragraph.children or paragraph.children[0].type != "inline":
        return []
    return [c for c in paragraph.children[0].children if not (c.type == "text" and not c.content.strip())]


# A bold sentence that opens with a rule's word is emphasis, not a heading; a bold slogan ("**You are the author.**",
# "**That should be clear every time …**") may head what follows, so only these are read as text.
_RULE_WORD = re.compile(r"^(?:please\s+)?(?:never|always|do not|don['’]t|avoid|make sure|be sure)\b", re.IGNORECASE)


def bold_line(paragraph: SyntaxTreeNode) -> str | None:
    """The label of a paragraph that is only bold text (plus an optional colon), else None."""
    children = _inline_children(paragraph)
    if not children or children[0].type != "strong":
        return None
    rest = "".join(c.content for c in children[1:] if c.type == "text")
    if any(c.type not in ("text", "softbreak") for c in children[1:]) or rest.strip(_LABEL_PUNCTUATION + " "):
        return None
    label = plain_inline(children[0]).strip().rstrip(":").strip()
    if not label or len(label.split()) > 15 or len(label) > 120:
        return None
    if label.endswith((".", "!")) and len(label.split()) >= 5 and _RULE_WORD.search(label):
        return None  # a rule in bold ("**Never share any of your lab credentials with anyone.**"), not a heading
    return label


def lead_label(paragraph: SyntaxTreeNode) -> str | None:
    """'Financial' for '**Financial:** Never share ...': a short bold label closed by punctuation."""
    children = _inline_children(paragraph)
    if len(children) < 2 or children[0].type != "strong":
        return None
    label = plain_inline(children[0]).strip()
    after = children[1].content.lstrip() if children[1].type == "text" else ""
    closed = label[-1:] in _LABEL_PUNCTUATION + "?!" or after[:1] in _LABEL_PUNCTUATION
    if not label or not closed or len(label.split()) > _MAX_LABEL_WORDS:
        return None
    return label.rstrip(":.—–- ").strip() or None


def _item_label(item: SyntaxTreeNode) -> str | None:
    """A list item's label: its leading bold label, or its own short text when it holds a sub-list
    (a rule, then the points that make it up)."""
    if not item.children or item.children[0].type != "paragraph":
        return None
    lead = lead_label(item.children[0])
    if lead:
        return lead
    if any(child.type in ("bullet_list", "ordered_list") for child in item.children[1:]):
        own = plain_inline(item.children[0].children[0]) if item.children[0].children else ""
        if own and len(own.split()) <= _MAX_LABEL_WORDS + 3:
            return own.rstrip(":.;, ").strip() or None
    return None


def _list_events(node: SyntaxTreeNode) -> list[tuple]:
    """A list is one block, unless two or more items carry a label (see `_item_label`): then one each."""
    items = [child for child in node.children if child.type == "list_item"]
    leads = [_item_label(item) for item in items]
    if sum(1 for lead in leads if lead) < 2:
        return [("block", _Block(block_text(node)))]
    marker = _markers(node)
    return [("block", _Block(_item_text(item, next(marker)), lead)) for item, lead in zip(items, leads, strict=True)]


def _deflist_events(node: SyntaxTreeNode) -> list[tuple]:
    """Definition lists: each term labels its definition."""
    events: list[tuple] = []
    term = None
    for child in node.children:
        if child.type == "dt":
            term = plain_inline(child.children[0]) if child.children else ""
        elif child.type == "dd":
            body = "\n".join(block_text(c) for c in child.children).strip()
            events.append(("block", _Block(f"{term}: {body}" if term else body, term or None)))
    return events


def _html_events(html: str) -> list[tuple]:
    """Raw HTML blocks: <details> opens a section named by its <summary>; headings are headings."""
    from bs4 import BeautifulSoup

    stripped = html.strip()
    if stripped.startswith("<!--") and stripped.endswith("-->"):
        return []
    soup = BeautifulSoup(html, "html.parser")
    events: list[tuple] = []
    lowered = stripped.lower()
    summary = soup.find("summary")
    if summary is not None:
        events.append(("heading", summary.get_text(" ", strip=True), BOLD_LINE_RANK, ""))
        summary.decompose()
    heading = soup.find(["h1", "h2", "h3", "h4", "h5", "h6"])
    if heading is not None and summary is None:
        inner = heading.find("a", attrs={"id": True}) or heading.find("a", attrs={"name": True})
        anchor = heading.get("id") or (inner.get("id") or inner.get("name") if inner is not None else "")
        events.append(("heading", heading.get_text(" ", strip=True), int(heading.name[1]), str(anchor or "")))
        heading.decompose()
    text = "\n".join(part for part in (soup.get_text("\n", strip=True), component_text(html)) if part)
    if text:
        events.append(("block", _Block(text)))
    if "</details" in lowered:
        events.append(("close", BOLD_LINE_RANK))
    return events


# MDX components carry their words in attributes (`<DoDont type="dont" text="Experience WAS on IBM Cloud..." />`,
# IBM Carbon and Twilio Paste style guides, wild15): read as text, a "do"/"don't" type as the example's label.
_COMPONENT = re.compile(r"<([A-Z][\w.]*)\b((?:[^>\"']|\"[^\"]*\"|'[^']*')*)/?>")
_WORDS_ATTRIBUTE = re.compile(r"\b(text|caption|title|alt|label|description)=(?:\"([^\"]*)\"|'([^']*)')")
_TYPE_ATTRIBUTE = re.compile(r"\btype=[\"']([\w’' -]+)[\"']")


def component_text(html: str) -> str:
    """The readable attribute values of MDX components, one component per line ("Don’t: Experience WAS on …")."""
    lines = []
    for match in _COMPONENT.finditer(html):
        words = [m.group(2) if m.group(2) is not None else m.group(3) for m in _WORDS_ATTRIBUTE.finditer(match.group(2))]
        words = [w.strip() for w in words if w and w.strip()]
        if not words:
            continue
        kind = _TYPE_ATTRIBUTE.search(match.group(2))
        label = ""
        if kind and re.fullmatch(r"\s*(?:dont|don['’]t|do-not|do not|incorrect|bad)\s*", kind.group(1), re.IGNORECASE):
            label = "Don’t: "
        elif "DoDont" in match.group(1) or (kind and kind.group(1).strip().lower() in {"do", "correct", "good"}):
            label = "Do: "
        lines.append(label + " ".join(words))
    return "\n".join(lines)


def _markers(node: SyntaxTreeNode):
    number = int(node.attrs.get("start", 1) or 1)
    while True:
        yield f"{number}." if node.type == "ordered_list" else "-"
        number += 1


def _item_text(item: SyntaxTreeNode, marker: str) -> str:
    lines = "\n".join(block_text(child) for child in item.children).splitlines() or [""]
    return "\n".join([f"{marker} {lines[0]}"] + [f"  {line}" for line in lines[1:]])


def block_text(node: SyntaxTreeNode) -> str:
    """Plain text of any block: paragraphs, lists (with markers), tables (rows), code, quotes."""
    kind = node.type
    if kind == "paragraph" or kind == "heading":
        return plain_inline(node.children[0]) if node.children else ""
    if kind in ("bullet_list", "ordered_list"):
        marker = _markers(node)
        return "\n".join(_item_text(item, next(marker)) for item in node.children)
    if kind == "table":
        rows = []
        for row in _descendants(node, "tr"):
            cells = [plain_inline(cell.children[0]) if cell.children else "" for cell in row.children]
            rows.append(" | ".join(cells))
        return "\n".join(rows)
    if kind in ("fence", "code_block"):
        return node.content.rstrip("\n")
    if kind == "html_block":
        return "\n".join(e[1].text for e in _html_events(node.content) if e[0] == "block")
    if kind == "hr":
        return ""
    if kind == "dl":
        return "\n".join(e[1].text for e in _deflist_events(node))
    return "\n".join(text for text in (block_text(child) for child in node.children) if text)


def _descendants(node: SyntaxTreeNode, kind: str) -> list[SyntaxTreeNode]:
    found: list[SyntaxTreeNode] = []
    for child in node.children:
        if child.type == kind:
            found.append(child)
        else:
            found += _descendants(child, kind)
    return found
