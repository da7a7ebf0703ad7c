"""Figures: statistics stated in the text, as observations.

"only 24.4 per cent of the population in developing countries used the
Internet in 2011, compared with 70.2 per cent in developed countries" gives two:
(24.4 percent, "the population in developing countries", "used the Internet",
2011) and (70.2 percent, "developed countries", the same measure and year).
Fractions in words ("a third of the world's population", "two thirds of
people") are kept as fractions. Counts of things ("all 17 Sustainable
Development Goals") are not statistics and are left alone.
"""

from __future__ import annotations

import re

from mapper.core.facts import Figure, Span

_FRACTIONS = {"half": 0.5, "third": 1 / 3, "thirds": 1 / 3, "quarter": 0.25, "quarters": 0.25, "fifth": 0.2, "fifths": 0.2}
_COUNT = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4}
_VALUE = re.compile(
    r"(?P<percent>\d+(?:\.\d+)?)\s+(?:per\s+cent|percent|%)"
    r"|\b(?P<count>a|one|two|three|four)\s+(?P<fraction>half|thirds?|quarters?|fifths?)\b(?=\s+of\b)"
)
_VERB = r"(?:use|used|uses|is|are|was|were|do|does|did|have|has|had|lack|lacks|remain|remains)"
_POPULATION = re.compile(rf"\s+(?:of\s+|in\s+)?(?P<pop>(?:(?!\s{_VERB}\b|\scompared\b|\swhile\b)[^,;])+)")
_MEASURE = re.compile(rf"\s+(?P<measure>{_VERB}\b(?:(?!\scompared\b|\swhile\b)[^,;])*)")
_YEAR = re.compile(r"\bin\s+((?:19|20)\d\d)\b")


def figures(text: str) -> tuple[Figure, ...]:
    out: list[Figure] = []
    last_measure: str | None = None
    last_year: int | None = None
    for m in _VALUE.finditer(text):
        if m.group("percent"):
            value, unit = float(m.group("percent")), "percent"
        else:
            value, unit = round(_COUNT[m.group("count")] * _FRACTIONS[m.group("fraction")], 4), "fraction"
        pos = m.end()
        population = None
        p = _POPULATION.match(text, pos)
        if p:
            population, pos = p.group("pop").strip(), p.end()
        measure, year = None, None
        mm = _MEASURE.match(text, pos)
        if mm:
            measure, pos = mm.group("measure").strip(), mm.end()
            y = _YEAR.search(measure)
            if y:
                year = int(y.group(1))
                measure = measure[: y.start()].strip()
        elif text[max(0, m.start() - 20):m.start()].rstrip().endswith(("compared with", "compared to")):
            measure, year = last_measure, last_year
        last_measure, last_year = measure or last_measure, year or last_year
        out.append(Figure(value, unit, Span(m.start(), pos), text[m.start():pos], population, measure, year))
    return tuple(out)
