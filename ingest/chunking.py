"""Section-aware chunking: structure first, then size.

Each section a loader recovered becomes one passage when it fits the embedding model;
longer sections are split by size (in the model's own word pieces, so nothing is silently
truncated by all-MiniLM-L6-v2's 256-piece window). Every chunk keeps its heading path,
for paged documents the pages it lies on, and the anchor a link to it lands on (its section's,
shared by every piece of a split section; a PDF passage's first page).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from langchain_text_splitters import RecursiveCharacterTextSplitter

from ingest.anchors import page_anchor
from ingest.loaders import SourceDocument
from ingest.sections import full_path

CHUNKER_VERSION = "6"  # 6: passages keep their section anchor (a re-ingest adds them)
HEADING_SEPARATOR = " > "
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'(\[]?[A-Z0-9])|\n+")


@dataclass(frozen=True)
class Chunk:
    """One passage, ready to embed, with everything needed to cite it."""

    id: str
    text: str
    doc: str
    title: str
    section: str
    position: int
    content_hash: str
    path: str
    url: str | None = None
    headings: tuple[str, ...] = field(default_factory=tuple)
    pages: str = ""  # "12" or "12-13" for paged documents
    anchor: str = ""  # "gifts-and-hospitality", "page=12": the part of the document to link to; '' none

    def embedding_text(self) -> str:
        """What the model sees: the heading path gives context a bare paragraph lacks."""
        return f"{self.section}\n{self.text}"

    def sentences(self) -> list[str]:
        """The passage's sentences (and list items), for sentence-level matching.

        A passage makes several points; its single vector averages them, so a question
        about one point (say, salaries in a privacy passage) can miss it. Each sentence
        gets a vector of its own that points back to the passage. One-sentence passages
        need none.
        """
        parts = [p.strip(" -*•\t") for p in _SENTENCE_END.split(self.text)]
        parts = [p for p in parts if len(p.split()) >= 3]
        return parts if len(parts) > 1 else []

    def metadata(self, kind: str = "passage") -> dict[str, str | int]:
        """Flat metadata for chromadb (scalars only)."""
        return {
            "kind": kind, "parent": self.id, "doc": self.doc, "title": self.title, "section": self.section, "position": self.position,
            "content_hash": self.content_hash, "path": self.path, "url": self.url or "",
            "heading": self.headings[-1] if self.headings else self.title, "pages": self.pages,
            "anchor": self.anchor,
        }


def heading_path(title: str, headings: tuple[str, ...]) -> tuple[str, ...]:
    """Title first, then the section's headings, without repeating the title."""
    return full_path(title, headings)


def stable_id(doc_key: str, position: int, section: str, text: str) -> str:
    """Same document content -> same ids, so unchanged passages are recognised next run."""
    digest = hashlib.sha1(f"{doc_key}\x00{position}\x00{section}\x00{text}".encode()).hexdigest()
    return digest[:24]


class Chunker:
    """Splits loaded documents into passages that fit `max_tokens` of the model's tokenizer."""

    def __init__(self, count_tokens: Callable[[str], int], max_tokens: int = 200, overlap_tokens: int = 30) -> None:
        self._count = count_tokens
        self._max = max_tokens
        self._splitter = RecursiveCharacterTextSplitter(
            chunk_size=max_tokens, chunk_overlap=overlap_tokens, length_function=count_tokens,
            separators=["\n\n", "\n", ". ", "; ", ", ", " ", ""], keep_separator="end",
        )

    def split(self, doc: SourceDocument, doc_key: str) -> list[Chunk]:
        """All passages of one document, in reading order."""
        chunks: list[Chunk] = []
        for part in doc.sections:
            text = part.text
            if not text.strip():
                continue
            headings = heading_path(doc.title, part.headings)
            section = HEADING_SEPARATOR.join(headings)
            budget = max(self._max - min(self._count(section), self._max // 3), 32)
            pieces = [text] if self._count(text) <= budget else self._splitter.split_text(text)
            cursor = 0
            for piece in pieces:
                piece = piece.strip()
                if not piece:
                    continue
                start = text.find(piece, cursor)
                if start < 0:
                    start = cursor
                else:
                    cursor = start + 1  # pieces overlap, so the next one may start before this one ends
                position = len(chunks)
                pages = part.pages_of(start, start + len(piece))
                chunks.append(Chunk(
                    id=stable_id(doc_key, position, section, piece), text=piece, doc=doc.path.name,
                    title=doc.title, section=section, position=position, content_hash=doc.content_hash,
                    path=doc_key, url=doc.url, headings=headings, pages=pages,
                    anchor=(part.anchor or page_anchor(pages)) if doc.url else "",
                ))
        return chunks


def token_counter(model_path: str | Path) -> Callable[[str], int]:
    """Count word pieces with the embedding model's own tokenizer (fast tokenizer file)."""
    from tokenizers import Tokenizer

    tokenizer_file = Path(model_path) / "tokenizer.json"
    if tokenizer_file.exists():
        tokenizer = Tokenizer.from_file(str(tokenizer_file))
        tokenizer.no_truncation()  # the file caps encodings at the model's window; we need true lengths
        tokenizer.no_padding()
        return lambda text: len(tokenizer.encode(text, add_special_tokens=False).ids)
    from transformers import AutoTokenizer

    auto = AutoTokenizer.from_pretrained(str(model_path))
    return lambda text: len(auto.encode(text, add_special_tokens=False))
