"""The thesaurus adds the other words of a group, each with its own written form."""

from __future__ import annotations

from bot.expansion import Thesaurus, load_thesaurus
from bot.passages import tokenize


def _expand(thesaurus: Thesaurus, question: str) -> tuple[list[str], list[str]]:
    return thesaurus.expand(tokenize([question])[0])


def test_words_stay_paired_after_a_stopword_only_term():
    # "take down" is all stopwords: it is dropped, and "remove" must not be written as "take down"
    thesaurus = Thesaurus([["delete", "take down", "remove", "erase"]])
    tokens, words = _expand(thesaurus, "can I erase an old post?")
    assert words == ["delete", "remove"]
    assert tokens == tokenize(["delete remove"])[0]


def test_bundled_thesaurus_bridges_everyday_words():
    thesaurus = load_thesaurus(None)
    tokens, words = _expand(thesaurus, "Can I talk about the job cuts?")
    assert "layoffs" in words and "redundancies" in words
    assert "job cuts" not in words  # the person's own words are not added again
    assert _expand(thesaurus, "What is the weather like today?") == ([], [])


def test_multi_word_terms_match_only_as_a_phrase():
    thesaurus = Thesaurus([["job cuts", "layoffs"]])
    assert _expand(thesaurus, "cuts to my job title")[1] == []
    assert _expand(thesaurus, "are there job cuts coming")[1] == ["layoffs"]
