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

    def __init__(self, groups: list[list[str]], dense_for: frozenset[str] | None = None) -> None:
        # the document file names whose wording the groups were written against (None: not declared)
        self.dense_for = dense_for
        self.groups: list[list[tuple[str, ...]]] = []
        self.raw: list[list[str]] = []  # the written form of each term, aligned with `groups`
        self._by_first: dict[str, list[int]] = {}  # first analysed token -> groups holding a term that starts so
        for group in groups:
            # a term made only of stopwords ("take down") analyses to nothing: dropped with its written form,
            # so every term stays paired with its own words (they used to shift by one after such a term)
            pairs = [(tuple(tokens), str(word)) for tokens, word in zip(tokenize([str(t) for t in group]), group,
                                                                         strict=True) if tokens]
            if len(pairs) > 1:
                for term, _ in pairs:
                    self._by_first.setdefault(term[0], []).append(len(self.groups))
                self.groups.append([term for term, _ in pairs])
                self.raw.append([word for _, word in pairs])

    def expand(self, tokens: list[str]) -> tuple[list[str], list[str]]:
        """(extra analysed tokens, extra words for the dense query) for a question's tokens.

        Only groups with a term starting with one of the question's tokens are looked at (the
        full scan was 5 ms of a 40 ms question), in the thesaurus' order as before.
        """
        extra_tokens: list[str] = []
        extra_words: list[str] = []
        present = set(tokens)
        candidates = sorted({g for tok in present for g in self._by_first.get(tok, ())})
        for terms, words in ((self.groups[g], self.raw[g]) for g in candidates):
            matched = [t for t in terms if _contains(tokens, t)]
            if not matched:
                continue
            for term, word in zip(terms, words, strict=True):
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
    dense_for = data.get("dense_for")
    if dense_for is not None and not (isinstance(dense_for, list) and all(isinstance(d, str) for d in dense_for)):
        raise ConfigError(f"GUIDEBOT_SYNONYMS_FILE: {source}: 'dense_for' must be a list of document file names")
    return Thesaurus(groups, frozenset(dense_for) if dense_for is not None else None)
