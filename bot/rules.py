"""The draft-check rules file: loading and validating what a company may edit.

Rules are data: categories with severity, patterns, lexicons, example phrasings and the
query used to cite guideline passages. A broken rules file fails at start-up with the
category and field named, not with a regex traceback in the middle of a check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from bot.datafiles import read_yaml
from ingest.errors import ConfigError

SEVERITIES = ("caution", "escalate")
KNOWN_DETECTORS = ("secrets", "phone", "email")


@dataclass(frozen=True)
class Category:
    """One thing a draft can get wrong."""

    id: str
    label: str
    severity: str
    message: str
    query: str
    patterns: tuple[re.Pattern, ...] = ()
    examples: tuple[str, ...] = ()
    threshold: float = 0.62
    unless: tuple[re.Pattern, ...] = ()
    # (when, next): a sentence matching `when` is not flagged if the sentence after it matches `next`
    # ("Q2 numbers are out. Official release from investor relations: <link>")
    unless_next: tuple[tuple[re.Pattern, ...], tuple[re.Pattern, ...]] = ((), ())
    requires_absent: tuple[re.Pattern, ...] = ()
    detector: str | None = None


@dataclass(frozen=True)
class RuleSet:
    """All categories, in file order."""

    categories: tuple[Category, ...] = field(default_factory=tuple)
    source: str = "bundled rules"

    def by_id(self, category_id: str) -> Category:
        return next(c for c in self.categories if c.id == category_id)


def _flat(patterns: list | None) -> list:
    """Patterns, with lists of patterns (YAML anchors such as `[*official_share, *elsewhere]`) spread out."""
    out: list = []
    for raw in patterns or []:
        out += _flat(raw) if isinstance(raw, list) else [raw]
    return out


def _compile(patterns: list, where: str, company: str) -> tuple[re.Pattern, ...]:
    out = []
    for raw in _flat(patterns):
        text = str(raw).replace("{company}", company)
        try:
            out.append(re.compile(text, re.IGNORECASE))
        except re.error as err:
            raise ConfigError(f"rules: {where}: bad regular expression {raw!r}: {err}") from None
    return tuple(out)


def _lexicon(words: list, where: str, company: str) -> tuple[re.Pattern, ...]:
    if not words:
        return ()
    alternatives = "|".join(re.escape(str(w).strip()) for w in words if str(w).strip())
    return _compile([rf"(?<![\w-])({alternatives})(?![\w-])"], where, company)


def _unless_next(raw: object, where: str, company: str, source: str) -> tuple[tuple[re.Pattern, ...], tuple[re.Pattern, ...]]:
    if raw is None:
        return (), ()
    if not isinstance(raw, dict) or not raw.get("when") or not raw.get("next"):
        raise ConfigError(f"rules ({source}): {where}: 'unless_next' needs 'when' and 'next' patterns")
    return _compile([raw["when"]], where, company), _compile([raw["next"]], where, company)  # _flat spreads lists


def company_alternation(names: list[str]) -> str:
    """A regex alternative for the company's names; a never-matching one when unknown."""
    cleaned = [re.escape(n.strip()) for n in names if n and n.strip()]
    return "(?:" + "|".join(cleaned) + ")" if cleaned else "(?!x)x"


def load_rules(path: Path | None = None, company_names: list[str] | None = None) -> RuleSet:
    """Parse and validate a rules file (the bundled one by default)."""
    data, source = read_yaml(path, "rules.yaml", "GUIDEBOT_RULES_FILE")
    if not isinstance(data, dict) or not isinstance(data.get("categories"), list) or not data["categories"]:
        raise ConfigError(f"rules ({source}): expected a mapping with a non-empty 'categories' list")
    company = company_alternation(company_names or [])
    default_threshold = float(data.get("default_threshold", 0.62))
    categories = []
    seen: set[str] = set()
    for n, raw in enumerate(data["categories"], 1):
        if not isinstance(raw, dict) or not raw.get("id"):
            raise ConfigError(f"rules ({source}): category #{n} needs an 'id'")
        cid = str(raw["id"])
        where = f"category '{cid}'"
        if cid in seen:
            raise ConfigError(f"rules ({source}): {where} appears twice")
        seen.add(cid)
        severity = str(raw.get("severity", "")).lower()
        if severity not in SEVERITIES:
            raise ConfigError(f"rules ({source}): {where}: severity must be one of {', '.join(SEVERITIES)}")
        detector = raw.get("detector")
        if detector is not None and detector not in KNOWN_DETECTORS:
            raise ConfigError(f"rules ({source}): {where}: unknown detector {detector!r} (known: {', '.join(KNOWN_DETECTORS)})")
        patterns = _compile(raw.get("patterns"), where, company) + _lexicon(raw.get("lexicon"), where, company)
        examples = tuple(str(e) for e in raw.get("examples") or [])
        if not patterns and not examples and not detector:
            raise ConfigError(f"rules ({source}): {where} has no patterns, lexicon, examples or detector")
        if not raw.get("query"):
            raise ConfigError(f"rules ({source}): {where} needs a 'query' to find the passages to cite")
        categories.append(Category(
            id=cid, label=str(raw.get("label") or cid), severity=severity, message=str(raw.get("message") or ""),
            query=str(raw["query"]), patterns=patterns, examples=examples,
            threshold=float(raw.get("threshold", default_threshold)),
            unless=_compile(raw.get("unless"), where, company),
            unless_next=_unless_next(raw.get("unless_next"), where, company, source),
            requires_absent=_compile(raw.get("requires_absent"), where, company), detector=detector,
        ))
    return RuleSet(categories=tuple(categories), source=source)
