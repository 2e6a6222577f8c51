"""Word documents through python-docx: heading styles become Markdown headings.

A paragraph set entirely in bold (the way many handbooks title a rule without using a
heading style) becomes a bold line, which the Markdown parser treats as a pseudo-heading.
"""

from __future__ import annotations

import io
import re
import zipfile

from ingest.errors import LoadError
from ingest.markdown_sections import escape_markdown, parse_markdown
from ingest.sections import Section

_HEADING_STYLE = re.compile(r"^heading\s*(\d)$", re.IGNORECASE)


def _all_bold(para) -> bool:
    runs = [run for run in para.runs if run.text.strip()]
    return bool(runs) and all(run.bold for run in runs) and len(para.text.split()) <= 15


def load_docx(data: bytes) -> tuple[list[Section], str | None, str | None]:
    """Paragraphs in order; 'Title' and 'Heading N' styles become headings, tables become rows."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as err:
        raise LoadError(f"corrupt or unreadable Word document ({type(err).__name__})") from None
    paragraphs = document.paragraphs
    has_title = any((p.style.name if p.style is not None else "") == "Title" for p in paragraphs)
    offset = 1 if has_title else 0
    lines: list[str] = []
    title = (document.core_properties.title or "").strip() or None
    for para in paragraphs:
        text = escape_markdown(para.text.strip())
        if not text:
            continue
        style = para.style.name if para.style is not None else ""
        match = _HEADING_STYLE.match(style)
        if style == "Title":
            lines += [f"# {text}", ""]
            title = title or text
        elif match:
            lines += ["#" * min(int(match.group(1)) + offset, 6) + f" {text}", ""]
        elif "List" in style:
            lines.append(f"- {text}")
        elif _all_bold(para):
            lines += [f"**{text}**", ""]
        else:
            lines += [text, ""]
    for table in document.tables:
        for row in table.rows:
            cells = [escape_markdown(cell.text.strip()) for cell in row.cells]
            if any(cells):
                lines += [" | ".join(cells), ""]
        lines.append("")
    parsed = parse_markdown("\n".join(lines))
    return parsed.sections, title or parsed.title, None
