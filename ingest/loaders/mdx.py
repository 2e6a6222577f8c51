"""MDX saved as Markdown: JavaScript imports and JSX components are markup, except the words in their attributes.

Docs sites written in MDX (Docusaurus, Gatsby, Orbit) start with `import Palette from "…";` lines, and write
components across several lines (`<FancyLink⏎  title="Download the Kiwi.com favicons"⏎  href=…⏎/>`), which a
Markdown parser doesn't take for HTML: the import became the document's first passage, a component with a
JavaScript attribute (`<Palette colors={["paletteGreenNormal"]} />`) was quoted as text, and a section holding only
a multi-line component was lost with its heading (wild19). Imports and exports are dropped, a component's tag is
put on one line, and a component alone on its line becomes the words of its text attributes (or nothing).
"""

from __future__ import annotations

import re

from ingest.markdown_sections import component_text

# an import line, or the first line of any export statement (which may go on over several lines)
_ESM = re.compile(r"^(?:(?:import\s.+\sfrom\s+['\"][^'\"]+['\"]|import\s+['\"][^'\"]+['\"]);?\s*$|export )")
_OPEN = re.compile(r"^\s*<[A-Z][\w.]*(?:\s|$)")
_WHOLE_TAG = re.compile(r"^\s*<[A-Z][\w.]*\b(?:[^>\"'{]|\"[^\"]*\"|'[^']*'|\{[^}]*\}+)*/>\s*$")
FENCE = re.compile(r"^\s*(?:```|~~~)")  # a code fence opening or closing (template_tags reads it too)
MAX_TAG_LINES = 30


def _opened(line: str) -> int:
    """Brackets a line opens and leaves open (negative when it closes more)."""
    return line.count("{") + line.count("(") - line.count("}") - line.count(")")


def strip_mdx(text: str) -> str:
    """The Markdown with MDX imports dropped and one-line components read as their words."""
    if "import " not in text and not re.search(r"^\s*<[A-Z]", text, re.MULTILINE):
        return text
    lines = text.split("\n")
    out: list[str] = []
    fenced = False
    i = 0
    while i < len(lines):
        line = lines[i]
        if FENCE.match(line):
            fenced = not fenced
        if fenced:
            out.append(line)
            i += 1
            continue
        if _ESM.match(line):
            depth = _opened(line)
            while depth > 0 and i + 1 < len(lines):  # "export const meta = {" … "}": the whole statement
                i += 1
                depth += _opened(lines[i])
            i += 1
            continue
        if _OPEN.match(line) and ">" not in line:
            end = next((j for j in range(i + 1, min(len(lines), i + MAX_TAG_LINES)) if ">" in lines[j]), None)
            if end is not None:
                line = " ".join(part.strip() for part in lines[i:end + 1])
                i = end
        if _WHOLE_TAG.match(line):
            line = component_text(line)
        out.append(line)
        i += 1
    return "\n".join(out)
