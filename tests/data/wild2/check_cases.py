"""Check an evaluation cases file against its documents, without guidebot.

Why: the wild sets are written by hand before guidebot sees the documents, so a typo in a
`doc` name or a `section` string would silently turn a case into one that can never hit.
This script catches that: the YAML loads, ids are unique, every `doc` exists, every
`section` occurs in that document's text (case-insensitive, whitespace collapsed; HTML with
its tags stripped), and every verdict is one of ok | caution | escalate.

Usage: python tests/data/wild2/check_cases.py CASES.yaml DOCS_DIR [--absent TERM ...]
`--absent` lists key terms of the unanswerable questions; each is reported with the
documents that contain it, so a person can judge whether the question is really unanswered.
"""

from __future__ import annotations

import argparse
import html
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import yaml

VERDICTS = {"ok", "caution", "escalate"}


class _TextOnly(HTMLParser):
    """Collects the character data of an HTML page (tags dropped, entities decoded)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def document_text(path: Path) -> str:
    """Text of a document as a person reads it: HTML tags stripped, whitespace collapsed, lower case."""
    raw = path.read_text(encoding="utf-8")
    if path.suffix.lower() in {".html", ".htm"}:
        parser = _TextOnly()
        parser.feed(raw)
        raw = " ".join(parser.parts)
    return normalise(html.unescape(raw))


def normalise(text: str) -> str:
    """Lower-case and collapse runs of whitespace, the way the eval's `section` match is read."""
    return re.sub(r"\s+", " ", text).strip().lower()


def check(cases_path: Path, docs_dir: Path) -> list[str]:
    """Return one message per problem found in the cases file (empty when it is sound)."""
    data = yaml.safe_load(cases_path.read_text(encoding="utf-8"))
    problems: list[str] = []
    if not isinstance(data, dict) or set(data) - {"questions", "drafts"}:
        return [f"{cases_path}: top level must be a mapping with 'questions' and 'drafts'"]
    texts = {p.name: document_text(p) for p in docs_dir.iterdir() if p.is_file()}
    seen: set[str] = set()
    for kind in ("questions", "drafts"):
        for case in data.get(kind) or []:
            cid = case.get("id")
            if not cid or cid in seen:
                problems.append(f"{kind}: missing or duplicate id {cid!r}")
            seen.add(cid)
            if kind == "questions" and not case.get("ask"):
                problems.append(f"{cid}: no 'ask'")
            if kind == "drafts":
                if not case.get("post"):
                    problems.append(f"{cid}: no 'post'")
                verdict = case.get("verdict")
                allowed = verdict if isinstance(verdict, list) else [verdict]
                if not allowed or any(v not in VERDICTS for v in allowed):
                    problems.append(f"{cid}: bad verdict {verdict!r}")
            expect = case.get("expect", [] if kind == "drafts" else None)
            if expect is None:
                problems.append(f"{cid}: no 'expect' (use [] for unanswerable)")
                continue
            for exp in expect:
                doc, section = exp.get("doc"), exp.get("section")
                if doc not in texts:
                    problems.append(f"{cid}: document {doc!r} not in {docs_dir}")
                elif not section or normalise(section) not in texts[doc]:
                    problems.append(f"{cid}: section {section!r} not found in {doc}")
    return problems


def main() -> int:
    """Print the problems (or the counts when there are none); exit 1 on problems."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases", type=Path)
    parser.add_argument("docs", type=Path)
    parser.add_argument("--absent", nargs="*", default=[], help="terms to look for in every document")
    args = parser.parse_args()
    problems = check(args.cases, args.docs)
    for problem in problems:
        print(problem)
    data = yaml.safe_load(args.cases.read_text(encoding="utf-8"))
    questions, drafts = data.get("questions") or [], data.get("drafts") or []
    unanswerable = sum(1 for q in questions if q.get("expect") == [])
    docs_cited = {e["doc"] for c in questions + drafts for e in c.get("expect") or []}
    print(
        f"{len(questions)} questions ({unanswerable} unanswerable), {len(drafts)} drafts, "
        f"{len(docs_cited)} documents cited, {len(problems)} problems"
    )
    texts = {p.name: document_text(p) for p in args.docs.iterdir() if p.is_file()}
    for term in args.absent:
        found = [name for name, text in texts.items() if normalise(term) in text]
        print(f"term {term!r}: {', '.join(found) if found else 'in no document'}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
