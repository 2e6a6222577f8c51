"""The thesaurus adds the other words of a group, each with its own written form."""

from __future__ import annotations

import pytest

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


def test_dense_expansion_setting_keeps_the_thesaurus_out_of_the_dense_query(bundled_engine, monkeypatch):
    """GUIDEBOT_DENSE_EXPANSION=false: the dense ranker embeds the question as asked; BM25 still gets the words."""
    from bot.engine import Engine
    from bot.settings import Settings

    question = "Can I talk about the job cuts?"
    on = bundled_engine.retriever.analyse(question)  # auto, and the bundled guidelines are in dense_for
    assert on.dense_text != question and "layoffs" in on.dense_text
    monkeypatch.setenv("GUIDEBOT_DENSE_EXPANSION", "false")
    settings = Settings(data_dir=bundled_engine.settings.data_dir, _env_file=None)
    assert settings.dense_expansion is False
    off = Engine(settings, embeddings=bundled_engine.embeddings).retriever.analyse(question)
    assert off.dense_text == question
    assert off.extra_tokens == on.extra_tokens  # the lexical ranker still reads the thesaurus' words
    assert Engine(settings, embeddings=bundled_engine.embeddings).retriever.search(question)


def test_auto_dense_expansion_follows_the_documents_the_thesaurus_was_written_for(settings, embeddings, tmp_path):
    """Unset: thesaurus words go into the dense query only on an index holding a `dense_for` document."""
    from bot.engine import Engine
    from ingest.pipeline import Ingestor

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "press-policy.md").write_text("# Press\n\nRefer every journalist to the communications office.\n"
                                          "Layoffs are announced by the company only.\n")
    assert Ingestor(settings, embeddings).run([docs]).ok
    engine = Engine(settings, embeddings=embeddings)
    assert settings.dense_expansion is None
    question = "Can I talk about the job cuts?"
    assert engine.retriever.analyse(question).dense_text == question  # not a bundled document
    (docs / "social-computing-guidelines.md").write_text("# Social\n\nSpeak for yourself.\n")
    assert Ingestor(settings, embeddings).run([docs]).ok
    assert "layoffs" in Engine(settings, embeddings=embeddings).retriever.analyse(question).dense_text
    custom = Thesaurus([["job cuts", "layoffs"]])  # a company's own file, no dense_for: always
    assert custom.dense_for is None


def test_dense_for_must_be_a_list_of_names(tmp_path):
    from ingest.errors import ConfigError

    path = tmp_path / "syn.yaml"
    path.write_text("dense_for: social.md\ngroups:\n  - [a, b]\n")
    with pytest.raises(ConfigError, match="dense_for"):
        load_thesaurus(str(path))
