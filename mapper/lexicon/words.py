"""Words of the trade, kept as data: clause verbs, their modifiers, ordinals, months.

The clause verbs follow the UN Editorial Manual's lists of preambular and
operative phrases (see ``shared/notes/domain.md``). Each base verb has a lemma
(the concept later published in the SKOS scheme of clause verbs), a
preambular form and an operative form; either may be missing (adjectives
such as "Aware" open only preambular paragraphs). Modifiers are a separate
facet: "Recalling also" is the verb *recall* with the modifier *also*.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# (lemma, preambular form, operative form). Multi-word forms keep their
# particles ("Calls upon", "Bearing in mind"). Sorted by lemma for review.
CLAUSE_VERBS: tuple[tuple[str, str | None, str | None], ...] = (
    ("accept", "Accepting", "Accepts"),
    ("acknowledge", "Acknowledging", "Acknowledges"),
    ("adopt", "Adopting", "Adopts"),
    ("affirm", "Affirming", "Affirms"),
    ("agree", "Agreeing", "Agrees"),
    ("alarmed", "Alarmed", None),
    ("appeal", "Appealing", "Appeals"),
    ("appoint", "Appointing", "Appoints"),
    ("appreciate", "Appreciating", "Appreciates"),
    ("approve", "Approving", "Approves"),
    ("authorize", "Authorizing", "Authorizes"),
    ("aware", "Aware", None),
    ("bear in mind", "Bearing in mind", "Bears in mind"),
    ("believe", "Believing", "Believes"),
    ("call for", "Calling for", "Calls for"),
    ("call upon", "Calling upon", "Calls upon"),
    ("call upon", "Calling on", "Calls on"),
    ("cognizant", "Cognizant", None),
    ("commend", "Commending", "Commends"),
    ("commit", "Committing", "Commits"),
    ("committed", "Committed", None),
    ("concerned", "Concerned", None),
    ("condemn", "Condemning", "Condemns"),
    ("confirm", "Confirming", "Confirms"),
    ("conscious", "Conscious", None),
    ("consider", "Considering", "Considers"),
    ("convinced", "Convinced", None),
    ("decide", "Deciding", "Decides"),
    ("declare", "Declaring", "Declares"),
    ("demand", "Demanding", "Demands"),
    ("deplore", "Deploring", "Deplores"),
    ("designate", "Designating", "Designates"),
    ("desire", "Desiring", None),
    ("desirous", "Desirous", None),
    ("determine", "Determining", "Determines"),
    ("determined", "Determined", None),
    ("direct", "Directing", "Directs"),
    ("disturbed", "Disturbed", None),
    ("elect", "Electing", "Elects"),
    ("emphasize", "Emphasizing", "Emphasizes"),
    ("encourage", "Encouraging", "Encourages"),
    ("encouraged", "Encouraged", None),
    ("endorse", "Endorsing", "Endorses"),
    ("entrust", "Entrusting", "Entrusts"),
    ("establish", "Establishing", "Establishes"),
    ("exhort", "Exhorting", "Exhorts"),
    ("express", "Expressing", "Expresses"),
    ("extend", "Extending", "Extends"),
    ("guided by", "Guided by", None),
    ("have adopted", "Having adopted", None),
    ("have considered", "Having considered", None),
    ("have examined", "Having examined", None),
    ("have heard", "Having heard", None),
    ("have received", "Having received", None),
    ("have reviewed", "Having reviewed", None),
    ("have studied", "Having studied", None),
    ("highlight", "Highlighting", "Highlights"),
    ("hope", "Hoping", "Hopes"),
    ("inspired by", "Inspired by", None),
    ("insist", "Insisting", "Insists"),
    ("invite", "Inviting", "Invites"),
    ("keep in mind", "Keeping in mind", "Keeps in mind"),
    ("look forward", "Looking forward", "Looks forward"),
    ("mindful", "Mindful", None),
    ("note", "Noting", "Notes"),
    ("observe", "Observing", "Observes"),
    ("pledge", "Pledging", "Pledges"),
    ("proclaim", "Proclaiming", "Proclaims"),
    ("reaffirm", "Reaffirming", "Reaffirms"),
    ("realize", "Realizing", "Realizes"),
    ("recall", "Recalling", "Recalls"),
    ("recognize", "Recognizing", "Recognizes"),
    ("recommend", "Recommending", "Recommends"),
    ("recommit", "Recommitting", "Recommits"),
    ("refer", "Referring", "Refers"),
    ("regret", "Regretting", "Regrets"),
    ("reiterate", "Reiterating", "Reiterates"),
    ("reject", "Rejecting", "Rejects"),
    ("remind", "Reminding", "Reminds"),
    ("renew", "Renewing", "Renews"),
    ("request", "Requesting", "Requests"),
    ("resolve", "Resolving", "Resolves"),
    ("seek", "Seeking", "Seeks"),
    ("share", "Sharing", "Shares"),
    ("stress", "Stressing", "Stresses"),
    ("support", "Supporting", "Supports"),
    ("take into account", "Taking into account", "Takes into account"),
    ("take into consideration", "Taking into consideration", "Takes into consideration"),
    ("take note", "Taking note", "Takes note"),
    ("underline", "Underlining", "Underlines"),
    ("underscore", "Underscoring", "Underscores"),
    ("urge", "Urging", "Urges"),
    ("welcome", "Welcoming", "Welcomes"),
    ("wish", "Wishing", "Wishes"),
)

# Adverbs printed before the verb: "Also requests", "Deeply concerned",
# "Once again urges", "Further strongly encourages".
PRE_MODIFIERS: tuple[str, ...] = (
    "also", "further", "again", "once again", "once more", "strongly", "firmly", "fully",
    "deeply", "gravely", "seriously", "profoundly", "greatly", "solemnly", "particularly",
    "especially", "most", "urgently", "warmly", "duly", "equally",
)

# Objects that belong to the verb as printed: "Expresses its deep concern",
# "Expressing appreciation". Applied to the verbs in OBJECT_VERBS only.
OBJECT_VERBS = ("express",)
OBJECTS: tuple[str, ...] = (
    "appreciation", "gratitude", "concern", "satisfaction", "support", "regret",
    "condolences", "hope", "solidarity", "thanks", "sympathy", "alarm", "outrage",
)
OBJECT_ADJECTIVES: tuple[str, ...] = (
    "deep", "deepest", "sincere", "profound", "grave", "serious", "great", "full",
    "strong", "firm", "continued", "utmost", "particular", "warm", "heartfelt",
)

# Modifiers printed after the verb: "Recalling also", "Noting with great
# concern also", "Takes note with appreciation".
POST_MODIFIERS: tuple[str, ...] = ("also", "further", "again", "in particular", "moreover")
MANNERS: tuple[str, ...] = (
    "appreciation", "concern", "satisfaction", "regret", "interest", "alarm",
    "deep concern", "great concern", "grave concern", "serious concern", "deep regret",
    "great satisfaction", "particular concern", "profound concern", "great interest",
    "deep appreciation", "great appreciation",
)


@dataclass(frozen=True, slots=True)
class VerbForm:
    lemma: str
    form: str  # as in the table, e.g. "Recalling"
    operative: bool


def _alternation(words) -> str:
    """A regex alternation, longest first so that "once again" beats "once"."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


VERB_FORMS: dict[str, VerbForm] = {}
for _lemma, _pre, _op in CLAUSE_VERBS:
    for _form, _operative in ((_pre, False), (_op, True)):
        if _form:
            VERB_FORMS[_form.lower()] = VerbForm(_lemma, _form, _operative)

# The lead phrase at the start of a paragraph. Verbs match in any case, since
# a modifier before them takes the capital ("Also requests"); only the verbs
# of OBJECT_VERBS take an object ("Expresses its deep concern").
_OBJECT_FORMS = [f for f, v in VERB_FORMS.items() if v.lemma in OBJECT_VERBS]
_PLAIN_FORMS = [f for f, v in VERB_FORMS.items() if v.lemma not in OBJECT_VERBS]
LEAD_PHRASE = re.compile(
    rf"""
    (?P<pre>(?:(?:{_alternation(PRE_MODIFIERS)})\s+)*)
    (?:
      (?P<verb>{_alternation(_PLAIN_FORMS)})
    | (?P<xverb>{_alternation(_OBJECT_FORMS)})
      (?P<object>\s+(?:(?:its|their)\s+)?(?:(?:{_alternation(OBJECT_ADJECTIVES)})\s+)*(?:{_alternation(OBJECTS)}))?
    )
    (?P<post>(?:\s+(?:(?:{_alternation(POST_MODIFIERS)})|with\s+(?:{_alternation(MANNERS)})))*)
    (?=[\s,;:.]|$)
    """,
    re.X | re.I,
)


def verb_form(match: re.Match[str]) -> VerbForm:
    """The verb form of a LEAD_PHRASE match."""
    return VERB_FORMS[" ".join((match.group("verb") or match.group("xverb")).lower().split())]


# Words no sentence and no title ends on: text ending in one was cut ("... weapons of", "... in its").
OPEN_WORDS = frozenset((
    "a", "an", "and", "as", "at", "between", "by", "for", "from", "in", "into", "its", "of", "on", "or", "our", "the",
    "their", "to", "towards", "under", "upon", "with", "without",
))

MONTHS = (
    "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December",
)
MONTH_NUMBER = {m.lower(): i for i, m in enumerate(MONTHS, 1)}

_UNITS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth")
_TEENS = (
    "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth",
    "sixteenth", "seventeenth", "eighteenth", "nineteenth",
)
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_TENTHS = ("twentieth", "thirtieth", "fortieth", "fiftieth", "sixtieth", "seventieth", "eightieth", "ninetieth")


def _ordinal_words() -> dict[str, int]:
    words = {w: i for i, w in enumerate(_UNITS, 1)}
    words.update({w: i for i, w in enumerate(_TEENS, 10)})
    for i, (tens, tenth) in enumerate(zip(_TENS, _TENTHS, strict=True), 2):
        words[tenth] = i * 10
        for j, unit in enumerate(_UNITS, 1):
            words[f"{tens}-{unit}"] = i * 10 + j
    words["hundredth"] = 100
    for w, n in list(words.items()):
        if n < 100:
            words[f"hundred and {w}"] = words[f"hundred {w}"] = 100 + n
            words[f"one hundred and {w}"] = words[f"one hundred {w}"] = 100 + n
    return words


ORDINALS: dict[str, int] = _ordinal_words()
# The name of each number, as labels print it: 57 -> "fifty-seventh", 101 -> "one hundred and first".
ORDINAL_NAMES: dict[int, str] = {
    n: w for w, n in ORDINALS.items() if (n <= 100 and "hundred " not in w) or w.startswith("one hundred and ")
}
ORDINAL_WORD = _alternation(ORDINALS)
# The same words as a compact regex (a 40-word alternation instead of 300), for
# scanning long texts: "fifty-seventh", "one hundred and first", "hundredth".
ORDINAL_PATTERN = (
    rf"(?:(?:one\s+)?hundred(?:\s+and)?\s+)?"
    rf"(?:(?:{'|'.join(_TENS)})-(?:{'|'.join(_UNITS)})|{'|'.join(_UNITS + _TEENS + _TENTHS)}|hundredth)"
)


def ordinal_value(word: str) -> int | None:
    """``"Fifty-seventh"`` -> 57; None for anything else."""
    word = re.sub(r"[\u2010-\u2014]", "-", word.strip().lower())
    return ORDINALS.get(re.sub(r"\s+", " ", word))


# -- names of the instances of a series ---------------------------------------------

def instance_name(ordinal: int, noun: str, body_name: str) -> str:
    """"fourth meeting of the Internet Governance Forum": the label of a series' instance."""
    return f"{ORDINAL_NAMES.get(ordinal, str(ordinal))} {noun} of the {body_name}"


def series_label(noun: str, body_name: str) -> str:
    """"meetings of the Internet Governance Forum"."""
    return f"{noun}s of the {body_name}"
