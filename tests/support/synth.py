"""Synthetic resolutions: a random resolution, rendered in each layout, with the
parse it must give. The property tests check that the parser recovers every
paragraph, phrase, sub-paragraph, footnote and marker from each rendering.

The texts follow UN typography (lead phrases, numbering, footnote markers
after punctuation or a word, references as footnote texts) but their words
are random and full of traps: decimals, "G20", "COVID-19", symbols with
"Add.1", dates, numbers after words.
"""

from __future__ import annotations

import random
import textwrap
from dataclasses import dataclass, field

from mapper.lexicon.words import CLAUSE_VERBS, MONTHS

PROSE = (
    "development", "cooperation", "capacity", "access", "stakeholders", "countries", "digital",
    "divide", "policies", "implementation", "promote", "ensure", "support", "effective",
    "sustainable", "inclusive", "resources", "technologies", "broadband", "innovation",
    "governance", "participation", "infrastructure", "knowledge", "services", "regional",
    "national", "international", "efforts", "progress", "challenges", "opportunities",
    "women", "girls", "education", "health", "data", "security", "trade", "investment",
)
CONNECTORS = ("and", "of", "the", "in", "for", "to", "with", "by", "on", "including", "through")
NAMES = (
    "Member States", "the Secretary-General", "the Economic and Social Council", "Geneva", "Tunis",
    "the Internet Governance Forum", "the International Telecommunication Union", "Africa",
    "the Commission on Science and Technology for Development", "Governments",
)
# Tokens that look like markers or labels but are not.
TRAPS = (
    "24.4 per cent", "the G20", "COVID-19", "WSIS+10", "resolution 57/270 B", "A/64/64-E/2009/10",
    "1,000 participants", "document A/60/687/Add.1", "the 2030 Agenda", "paragraph 35", "17 May",
    "from 15 to 18 November 2009", "section 3", "page 2", "resolution 2625 (XXV)", "2.5 billion",
)
REFERENCES = (
    "See resolution {s}/{n}.", "Resolution {s}/{n}.", "A/{s}/{n}.", "See A/{s}/{n}, annex.",
    "A/{s}/{n}-E/20{y}/{k}.", "See Official Records of the General Assembly, Sixtieth Session, Supplement No. 1 (A/60/1), chap. II.",
    "Resolution {s}/{n}, annex.", "See E/CN.16/20{y}/CRP.{k}.",
)
PRE_MODS = ("", "", "", " also", " further")
OP_MODS = ("", "", "", "Also ", "Further ")

# Verbs that take an object are printed with one, as in the texts.
PREAMBULAR = [p for lemma, p, _ in CLAUSE_VERBS if p and lemma != "express"] + ["Expressing concern", "Expressing its appreciation"]
OPERATIVE = [o for lemma, _, o in CLAUSE_VERBS if o and lemma != "express"] + ["Expresses its deep concern", "Expresses its gratitude"]


@dataclass
class Para:
    phrase: str
    words: list[str]  # the text after the phrase, as tokens; markers are ("#", n)
    end: str  # "," ";" "." ":"
    label: str | None = None  # "1" or "a"
    subs: list[Para] = field(default_factory=list)

    def tokens(self) -> list:
        return [self.phrase] + self.words

    def text(self) -> str:
        """The clean text the parser must give: no markers."""
        return _join([t for t in self.tokens() if not isinstance(t, tuple)]) + self.end


def _join(tokens: list[str]) -> str:
    out = ""
    for t in tokens:
        if t == ",":
            out += ","
        else:
            out += (" " if out else "") + t
    return out


@dataclass
class Spec:
    session: int
    number: int
    title: str
    day: int
    month: str
    year: int
    meeting: int
    committee: str | None
    preamble: list[Para]
    operative: list[Para]
    footnotes: dict[int, str]  # number -> text
    first_marker: dict[int, str]  # number -> paragraph id

    @property
    def symbol(self) -> str:
        return f"A/RES/{self.session}/{self.number}"


def _words(rng: random.Random, n: int) -> list[str]:
    out: list[str] = []
    for _ in range(n):
        r = rng.random()
        if r < 0.55:
            out.append(rng.choice(PROSE))
        elif r < 0.75:
            out.append(rng.choice(CONNECTORS))
        elif r < 0.87:
            out.append(rng.choice(NAMES))
        elif r < 0.95:
            out.append(rng.choice(TRAPS))
        elif out and out[-1] != ",":
            out.append(",")
    while out and out[-1] in (",",) + CONNECTORS:
        out.pop()
    return out or ["development"]


def make_spec(seed: int, max_pre: int = 8, max_op: int = 10) -> Spec:
    rng = random.Random(seed)
    preamble = []
    for _ in range(rng.randint(1, max_pre)):
        phrase = rng.choice(PREAMBULAR)
        mod = rng.choice(PRE_MODS) if " " not in phrase else ""
        preamble.append(Para(phrase + mod, _words(rng, rng.randint(4, 30)), ","))
    operative = []
    n_op = rng.randint(1, max_op)
    for i in range(n_op):
        phrase = rng.choice(OPERATIVE)
        mod = rng.choice(OP_MODS)
        phrase = mod + (phrase[0].lower() + phrase[1:] if mod else phrase)
        last = i == n_op - 1
        p = Para(phrase, _words(rng, rng.randint(4, 30)), "." if last else ";", label=str(i + 1))
        if rng.random() < 0.2:
            p.end = ":"
            k = rng.randint(2, 5)
            for j in range(k):
                end = ("." if last else ";") if j == k - 1 else ";"
                p.subs.append(Para(rng.choice(PROSE).capitalize(), _words(rng, rng.randint(3, 15)), end, label="abcdefgh"[j]))
        operative.append(p)
    spec = Spec(
        session=rng.randint(31, 80), number=rng.randint(1, 350),
        title=" ".join(rng.choice(PROSE) for _ in range(rng.randint(2, 7))).capitalize(),
        day=rng.randint(1, 28), month=rng.choice(MONTHS), year=rng.randint(1977, 2025),
        meeting=rng.randint(40, 120), committee=rng.choice(("Second Committee", "Third Committee", None)),
        preamble=preamble, operative=operative, footnotes={}, first_marker={},
    )
    _place_markers(rng, spec)
    return spec


def _paragraph_ids(spec: Spec) -> list[tuple[str, Para]]:
    out = [(f"preamble_{i}", p) for i, p in enumerate(spec.preamble, 1)]
    for p in spec.operative:
        out.append((f"para_{p.label}", p))
        out += [(f"para_{p.label}_list_point_{s.label}", s) for s in p.subs]
    return out


def _place_markers(rng: random.Random, spec: Spec) -> None:
    """Markers after a word of two or more letters, in footnote order; some point back."""
    count = 0
    for _, para in _paragraph_ids(spec):
        if rng.random() < 0.6:
            continue
        slots = [i for i, w in enumerate(para.words) if _markable(para.words, i)]
        for i in sorted(rng.sample(slots, min(len(slots), rng.randint(1, 2))), reverse=True):
            if count and rng.random() < 0.2:
                n = rng.randint(1, count)  # a marker pointing back
            else:
                count += 1
                n = count
            para.words.insert(i + 1, ("#", n))
    # Number footnotes in order of first appearance, as the UN does.
    order: dict[int, int] = {}
    for pid, para in _paragraph_ids(spec):
        for j, w in enumerate(para.words):
            if isinstance(w, tuple):
                if w[1] not in order:
                    order[w[1]] = len(order) + 1
                    spec.first_marker[order[w[1]]] = pid
                para.words[j] = ("#", order[w[1]])
    for n in order.values():
        tmpl = rng.choice(REFERENCES)
        spec.footnotes[n] = tmpl.format(s=rng.randint(40, 78), n=rng.randint(1, 300), y=rng.randint(10, 23), k=rng.randint(1, 60))


def _markable(words: list, i: int) -> bool:
    w = words[i]
    nxt = words[i + 1] if i + 1 < len(words) else None
    if isinstance(w, tuple) or isinstance(nxt, tuple) or w in TRAPS or w in CONNECTORS:
        return False
    # The word after a marker opens running prose (what follows a footnote pasted inline).
    return w == "," or (w[-1].isalpha() and w[-1].islower() and nxt in PROSE)


# -- renderers ---------------------------------------------------------------------------

def _body_text(para: Para, marker) -> str:
    out = ""
    for t in para.tokens():
        if isinstance(t, tuple):
            out += marker(t[1])
        elif t == ",":
            out += ","
        else:
            out += (" " if out else "") + t
    return out + para.end


def _heading_lines(spec: Spec) -> list[str]:
    ref = (
        f"[on the report of the {spec.committee} (A/{spec.session}/{spec.number + 400})]"
        if spec.committee else f"[without reference to a Main Committee (A/{spec.session}/L.{spec.number % 90 + 1} and Add.1)]"
    )
    return [f"Resolution adopted by the General Assembly on {spec.day} {spec.month} {spec.year}", ref]


def render_ods(spec: Spec, rng: random.Random) -> str:
    def line(text: str) -> list[str]:
        # Sometimes break a long paragraph line as ODS exports do; the rest has no tab.
        if len(text) > 80 and rng.random() < 0.3:
            cut = text.rfind(" ", 40, len(text) - 10)
            if cut > 0:
                return [text[: cut + 1], text[cut + 1 :]]
        return [text]

    mark = str
    out = ["[DU1]"] + _heading_lines(spec) + [f"{spec.session}/{spec.number}.\t{spec.title}", "", "", "\tThe General Assembly,"]
    for p in spec.preamble:
        out += line("\t" + _body_text(p, mark))
    for p in spec.operative:
        out += line(f"\t{p.label}.\t" + _body_text(p, mark))
        for s in p.subs:
            out += line(f"\t({s.label})\t" + _body_text(s, mark))
    out += ["", f"{spec.meeting}th plenary meeting", f"{spec.day} {spec.month} {spec.year}"]
    out += [f"{n} {t}" for n, t in sorted(spec.footnotes.items())]
    out += [
        "[DU1]<<ODS JOB NO>>N0000000E<<ODS JOB NO>>",
        f"<<ODS DOC SYMBOL1>>{spec.symbol}<<ODS DOC SYMBOL1>>",
        "_______________", "", "United Nations" + spec.symbol + "General AssemblyDistr.: General",
        f"1 {spec.month} {spec.year + 1}Fifty-seventh session", "Agenda item 32", "",
    ]
    return "\n".join(out)


def render_plain(spec: Spec, rng: random.Random, inline: bool, wrap: bool = False) -> str:
    """Plain text, one paragraph per line, or hard-wrapped with blank lines
    between paragraphs; footnotes inline or listed at the end."""
    seen: set[int] = set()

    def mark(n: int) -> str:
        if inline and n not in seen:
            seen.add(n)
            return f"{n}{spec.footnotes[n]}"
        return str(n)

    blank = "\n" if wrap or rng.random() < 0.5 else ""
    out = [f"UNGA Resolution {spec.session}/{spec.number}", ""] + _heading_lines(spec) + ["", f"{spec.session}/{spec.number}. {spec.title}", "", "The General Assembly,", ""]
    body = [_body_text(p, mark) for p in spec.preamble]
    for p in spec.operative:
        body.append(f"  {p.label}. " + _body_text(p, mark))
        body += [f"  ({s.label}) " + _body_text(s, mark) for s in p.subs]
    if wrap:
        width = rng.randint(50, 90)
        body = [textwrap.fill(b, width, break_long_words=False, break_on_hyphens=False) for b in body]
    out.append(("\n" + blank).join(body))
    if not inline:
        out += ["", f"{spec.meeting}th plenary meeting", f"{spec.day} {spec.month} {spec.year}", ""]
        out += [f"{n} {t}" for n, t in sorted(spec.footnotes.items())]
    return "\n".join(out) + "\n"


def render_markdown(spec: Spec, rng: random.Random) -> str:
    """Markdown as converted from the PDF: italics, <sup>, links, page breaks mid-paragraph."""
    pending: list[int] = []
    seen: set[int] = set()
    out = ["", "---", "", f"**{_ordinal(spec.session)} session**", "", "Agenda item 15", ""]
    out.append(
        f"**{spec.title}****Resolution adopted by the General Assembly  \non {spec.day} {spec.month} {spec.year}***"
        + _heading_lines(spec)[1] + f"***{spec.session}/{spec.number}. {spec.title}***The General Assembly,*"
    )

    def mark(n: int) -> str:
        if n not in seen:
            seen.add(n)
            pending.append(n)
        return f"<sup>{n}</sup>"

    def emit(lead: str, para: Para) -> None:
        tokens = para.tokens()
        words = [f"*{para.phrase}*"] + [
            ("resolution [" + t.split(" ", 1)[1] + "](#)" if isinstance(t, str) and t.startswith("resolution ") and "/" in t else t) for t in tokens[1:]
        ]
        text = lead + _body_text(Para(words[0], words[1:], para.end), mark)
        # A page break in the middle of the paragraph, its footnotes, then the rest.
        if rng.random() < 0.25 and len(text) > 60:
            cut = text.find(" ", rng.randint(20, len(text) - 20))
            inside_link = text.rfind("[", 0, cut) > text.rfind("]", 0, cut)
            if cut > 0 and not inside_link and "*" not in text[cut:cut + 2] and not text[cut + 1:].startswith(("(", "<")):
                out.extend(["", text[:cut], "", "---", ""])
                flush()
                out.extend(["", text[cut + 1 :]])
                return
        out.extend(["", text])

    def flush() -> None:
        for n in pending:
            out.extend([f"<sup>{n}</sup> {spec.footnotes[n]}", ""])
        pending.clear()

    for p in spec.preamble:
        emit("", p)
    for p in spec.operative:
        emit(f"{p.label}. ", p)
        for s in p.subs:
            out.extend(["", f"({s.label}) " + _body_text(s, mark)])
    out.extend(["", f"*{spec.meeting}th plenary meeting  ", f"{spec.day} {spec.month} {spec.year}*", "", "---", ""])
    flush()
    return "\n".join(out) + "\n"


def _ordinal(n: int) -> str:
    from mapper.lexicon.words import ORDINALS

    return next(w for w, v in ORDINALS.items() if v == n and "hundred" not in w).capitalize()


def render(spec: Spec, layout: str, seed: int) -> str:
    rng = random.Random(seed)
    if layout == "ods":
        return render_ods(spec, rng)
    if layout == "plain":
        return render_plain(spec, rng, inline=False)
    if layout == "plain-wrapped":
        return render_plain(spec, rng, inline=False, wrap=True)
    if layout == "plain-inline-footnotes":
        return render_plain(spec, rng, inline=True)
    if layout == "markdown":
        return render_markdown(spec, rng)
    raise ValueError(layout)


LAYOUTS = ("ods", "plain", "plain-wrapped", "plain-inline-footnotes", "markdown")
