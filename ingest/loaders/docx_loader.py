"""Word documents through python-docx: heading styles become Markdown headings."""

from __future__ import annotations

import io
import re
import zipfile

from ingest.errors import LoadError

_HEADING_STYLE = re.compile(r"^heading\s*(\d)$", re.IGNORECASE)


def load_docx(data: bytes) -> tuple[str, str | None, str | None]:
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
        text = para.text.strip()
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
        else:
            lines += [text, ""]
    for table in document.tables:
        for row in table.rows:
            cells = [cell.text.strip() for cell in row.cells]
            if any(cells):
                lines.append(" | ".join(cells))
        lines.append("")
    return "\n".join(lines), title, None
