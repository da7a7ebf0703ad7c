"""Clauses: a paragraph often carries more than one verb.

"Acknowledges that a gender divide exists ..., and encourages all stakeholders
to ensure ..." is two clauses; a citation or mandate belongs to the clause it
sits in and takes that clause's verb. A new clause starts after a comma or
semicolon, optionally "and" and connectives ("in this regard", "also"), at a
clause verb in the form of the paragraph's kind: a third-person verb in an
operative paragraph ("and requests"), a participle in a preambular one
("and noting also"). Participles inside operative paragraphs ("..., taking
note of") stay inside their clause: they qualify it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mapper.lexicon.words import CLAUSE_VERBS, POST_MODIFIERS, PRE_MODIFIERS

# Words that may stand between the punctuation and the next clause's verb.
CONNECTIVES = (
    "in this regard", "in that regard", "in this respect", "in that respect", "in this context",
    "in that context", "to that end", "to this end", "accordingly", "therefore", "thus", "moreover",
)


def _alternation(words) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


def _forms(operative: bool) -> dict[str, str]:
    forms: dict[str, str] = {}
    for lemma, pre, op in CLAUSE_VERBS:
        form = op if operative else pre
        # Adjectives ("concerned", "aware") and past participles open preambular
        # paragraphs but are ordinary words mid-sentence.
        if form and (operative or form.split()[0].endswith("ing")):
            forms[form.lower()] = lemma
    return forms


_FORMS = {True: _forms(True), False: _forms(False)}
_BOUNDARY = {
    operative: re.compile(
        rf"""[,;]\s+(?:and\s+)?
        (?:(?:{_alternation(CONNECTIVES + PRE_MODIFIERS)}),?\s+)*
        (?P<verb>{_alternation(forms)})
        (?:\s+(?:{_alternation(POST_MODIFIERS)}))*
        (?=[\s,;:]|$)""",
        re.X,
    )
    for operative, forms in _FORMS.items()
}


@dataclass(frozen=True, slots=True)
class Clause:
    start: int
    end: int
    verb: str | None  # the lemma, None when the lead phrase is not in the lexicon
    verb_end: int  # where the verb phrase (with its modifiers) ends and its object begins


def clauses(text: str, verb: str | None, operative: bool, lead: int = 0) -> tuple[Clause, ...]:
    """Split a paragraph's text; the first clause takes the lead phrase's verb, ``lead`` characters long."""
    cuts: list[tuple[int, str | None, int]] = [(0, verb, lead)]
    for m in _BOUNDARY[operative].finditer(text, lead):
        cuts.append((m.start("verb"), _FORMS[operative][" ".join(m.group("verb").split()).lower()], m.end()))
    ends = [c[0] for c in cuts[1:]] + [len(text)]
    return tuple(Clause(start, end, lemma, verb_end) for (start, lemma, verb_end), end in zip(cuts, ends, strict=True))


def clause_at(clauses_: tuple[Clause, ...], offset: int) -> Clause:
    for c in clauses_:
        if c.start <= offset < c.end:
            return c
    return clauses_[-1]
