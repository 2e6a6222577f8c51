"""Loaders: one per file type, each turning a file into sections with real headings.

Sections (`ingest.sections`) are the common form: a plain-text heading path, the body, and
for PDFs the pages. Headings are what the chunker uses to build each passage's citation
label; every loader's job is to recover them from its format. Markdown, HTML, plain text and
Word go through Markdown and one CommonMark parser (`ingest.markdown_sections`); PDF
structure comes from typography and numbering (`ingest.pdf_lines`, `ingest.pdf_furniture`,
`ingest.pdf_structure`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from ingest.errors import LoadError
from ingest.sections import Section, render_markdown


@dataclass(frozen=True)
class SourceDocument:
    """A loaded document: its sections plus where it came from."""

    path: Path
    sections: tuple[Section, ...]
    title: str
    content_hash: str
    url: str | None = None

    @property
    def markdown(self) -> str:
        """The recovered structure as Markdown, for people (and tests) to read."""
        return render_markdown(self.sections, self.title)


SUPPORTED_SUFFIXES = (".md", ".markdown", ".txt", ".html", ".htm", ".pdf", ".docx")


def content_hash(data: bytes) -> str:
    """sha256 of the raw bytes: what incremental ingest compares."""
    return hashlib.sha256(data).hexdigest()


def title_from_filename(path: Path) -> str:
    """A readable fallback title: 'social-media_policy.md' -> 'Social media policy'."""
    stem = path.stem.replace("_", " ").replace("-", " ").strip()
    return (stem[:1].upper() + stem[1:]) if stem else path.name


def load_document(path: Path, max_bytes: int) -> SourceDocument:
    """Load one file of a supported type, or raise LoadError with the reason."""
    from ingest.loaders import docx_loader, html_loader, pdf_loader, text_loader

    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise LoadError(f"unsupported file type '{suffix or path.name}' (supported: {', '.join(SUPPORTED_SUFFIXES)})")
    try:
        size = path.stat().st_size
    except OSError as err:
        raise LoadError(f"cannot read file: {err.strerror or err}") from None
    if size > max_bytes:
        raise LoadError(f"file too large ({size / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.0f} MB, GUIDEBOT_MAX_FILE_MB)")
    if size == 0:
        raise LoadError("empty file")
    try:
        data = path.read_bytes()
    except OSError as err:
        raise LoadError(f"cannot read file: {err.strerror or err}") from None
    digest = content_hash(data)
    if suffix in (".md", ".markdown"):
        sections, title, url = text_loader.load_markdown(data)
    elif suffix == ".txt":
        sections, title, url = text_loader.load_text(data)
    elif suffix in (".html", ".htm"):
        sections, title, url = html_loader.load_html(data)
    elif suffix == ".pdf":
        sections, title, url = pdf_loader.load_pdf(data)
    else:
        sections, title, url = docx_loader.load_docx(data)
    if not any(section.text.strip() for section in sections):
        raise LoadError("no text found in the document" + (" (a scanned PDF without a text layer?)" if suffix == ".pdf" else ""))
    return SourceDocument(path=path, sections=tuple(sections), title=(title or title_from_filename(path)).strip(),
                          content_hash=digest, url=url)
