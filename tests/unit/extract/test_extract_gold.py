"""Extraction quality: precision and recall of each kind of fact against hand-written gold.

The corpus gold (tests/data/gold/facts/) covers every unit of the five resolutions;
the unseen gold (tests/data/gold/unseen/) two resolutions on other subjects that
the rules and authority files were not written from. Both floors are the
acceptance criteria of issue 4; the exact misses are printed on failure.
"""

from __future__ import annotations

import pytest

from mapper.extract import annotate
from mapper.lexicon.authority import authorities
from mapper.parse import parse_bytes
from tests.support import paths
from tests.support.gold_facts import GOLD, KINDS, extracted, read_gold, report, score

UNSEEN = paths.GOLD / "unseen"


def _scores(pairs):
    out = []
    for gold_path, text_path in pairs:
        r = annotate(parse_bytes(text_path.read_bytes(), str(text_path)), authorities())
        out.append((text_path.stem, read_gold(gold_path), extracted(r)))
    return score(out)


@pytest.fixture(scope="module")
def corpus_scores():
    return _scores([(g, paths.CORPUS / g.name) for g in sorted(GOLD.glob("A-RES-*.txt"))])


@pytest.fixture(scope="module")
def unseen_scores():
    return _scores([(g, g.with_suffix(".txt")) for g in sorted(UNSEEN.glob("*.gold"))])


def test_gold_covers_every_resolution_of_the_corpus():
    assert sorted(g.name for g in GOLD.glob("A-RES-*.txt")) == sorted(p.name for p in (paths.CORPUS).glob("A-RES-*.txt"))


@pytest.mark.parametrize("kind", [*KINDS, "mandate-detail"])
def test_corpus_precision_and_recall(corpus_scores, kind):
    s = corpus_scores[kind]
    assert s.tp > 0
    assert s.precision >= 0.95 and s.recall >= 0.95, f"{report(corpus_scores)}\nfalse positives: {s.fp}\nmissed: {s.fn}"


@pytest.mark.parametrize("kind", [*KINDS, "mandate-detail"])
def test_unseen_precision_and_recall(unseen_scores, kind):
    s = unseen_scores[kind]
    assert s.tp > 0
    assert s.precision >= 0.9 and s.recall >= 0.9, f"{report(unseen_scores)}\nfalse positives: {s.fp}\nmissed: {s.fn}"


def test_gold_reader_rejects_unknown_kinds(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("para_1  bodies ecosoc\n")
    with pytest.raises(ValueError, match="unknown kind 'bodies'"):
        read_gold(bad)
