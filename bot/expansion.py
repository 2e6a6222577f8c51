"""Query expansion from a domain thesaurus (data file, editable by a company).

The lexical ranker only matches words that are actually written in a passage, so "job
cuts" never finds "layoffs". Expansion adds the other members of a thesaurus group to
the query; the retriever counts them at a lower weight than the person's own words.
"""

from __future__ import annotations

from functools import lru_cache

from bot.datafiles import read_yaml
from bot.passages import tokenize
from ingest.errors import ConfigError


class Thesaurus:
    """Groups of interchangeable terms, matched on analysed (stemmed) tokens."""

    def __init__(self, groups: list[list[str]]) -> None:
        self.groups: list[list[tuple[str, ...]]] = []
        self.raw: list[list[str]] = []
        for group in groups:
            terms = [tuple(tokens) for tokens in tokenize([str(t) for t in group]) if tokens]
            if len(terms) > 1:
                self.groups.append(terms)
                self.raw.append([str(t) for t in group])

    def expand(self, tokens: list[str]) -> tuple[list[str], list[str]]:
        """(extra analysed tokens, extra words for the dense query) for a question's tokens."""
        extra_tokens: list[str] = []
        extra_words: list[str] = []
        present = set(tokens)
        for terms, words in zip(self.groups, self.raw, strict=True):
            matched = [t for t in terms if _contains(tokens, t)]
            if not matched:
                continue
            for term, word in zip(terms, words, strict=False):
                if term in matched:
                    continue
                new = [tok for tok in term if tok not in present]
                if new:
                    extra_tokens += new
                    present.update(new)
                    extra_words.append(word)
        return extra_tokens, extra_words


def _contains(tokens: list[str], term: tuple[str, ...]) -> bool:
    n = len(term)
    return any(tuple(tokens[i:i + n]) == term for i in range(len(tokens) - n + 1))


@lru_cache(maxsize=4)
def load_thesaurus(path: str | None = None) -> Thesaurus:
    """The bundled thesaurus, or a company's own file."""
    data, source = read_yaml(path, "synonyms.yaml", "GUIDEBOT_SYNONYMS_FILE")
    groups = data.get("groups") if isinstance(data, dict) else None
    if not isinstance(groups, list) or not all(isinstance(g, list) for g in groups):
        raise ConfigError(f"GUIDEBOT_SYNONYMS_FILE: {source} needs a 'groups' list of lists")
    return Thesaurus(groups)
