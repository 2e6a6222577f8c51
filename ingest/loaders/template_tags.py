"""Template tags in pages saved from a site's source (Django, Jinja, Liquid, Nunjucks/Eleventy shortcodes).

Guidelines published as web pages are often found as the site's template source, not the built page: the text
is there, wrapped in `{% blocktranslate %}`, `{% if … %}` and `{% icon "Clear" %}` tags that are markup, not
words. A few tags carry the page's words: a heading shortcode (`{% header "h2", "Stack Overflow for Teams" %}`,
without which a whole naming guide was one section, wild19) and a translated string (`{% translate "Code of
Conduct - FAQ" %}`). Those become a heading and their text; every other tag is dropped.
"""

from __future__ import annotations

import re

from ingest.loaders.mdx import FENCE

_HEADING = re.compile(r"""\{%-?\s*\w*head\w*\s+["']h([1-6])["']\s*,?\s*["']([^"'\n]+)["']\s*-?%\}""", re.IGNORECASE)
_TEXT = re.compile(r"""\{%-?\s*(?:trans|translate|_)\s+["']([^"'\n]+)["'][^%]*-?%\}""")
_TAG = re.compile(r"\{%-?.*?-?%\}|\{#.*?#\}", re.DOTALL)


def render_template_tags(html: str) -> str:
    """The page with heading shortcodes as <h1>-<h6>, translated strings as their text, other tags removed."""
    if "{%" not in html and "{#" not in html:
        return html
    html = _HEADING.sub(lambda m: f"<h{m.group(1)}>{m.group(2)}</h{m.group(1)}>", html)
    html = _TEXT.sub(lambda m: m.group(1), html)
    return _TAG.sub("", html)


_TAG_LINE = re.compile(r"^\s*(?:\{%-?.*?-?%\}\s*)+$")


def drop_tag_lines(markdown: str) -> str:
    """Markdown with lines that hold only template tags removed, outside code fences: GitBook's `{% hint style="danger"
    %}` … `{% endhint %}` wrap a rule's words and were quoted with them (new user, seventeenth session). The words
    inside stay; a tag inside a sentence, or in a code example, is left alone."""
    if "{%" not in markdown:
        return markdown
    out, fenced = [], False
    for line in markdown.split("\n"):
        if FENCE.match(line):
            fenced = not fenced
        if not fenced and _TAG_LINE.match(line):
            continue
        out.append(line)
    return "\n".join(out)
