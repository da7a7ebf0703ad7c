"""The defects real resolutions showed (issue 15), each on a text that the old rules read wrong, and a variant.

``tests/data/facts/A-RES-68-262.txt`` is written after resolution 68/262 (its instruments, its call not to
recognize, Crimea and Sevastopol), with a chapeau and a decision added in the same grammar.
"""

from __future__ import annotations

import pytest

from mapper.extract import read
from mapper.extract.citations import resolutions
from mapper.extract.instruments import InstrumentFinder
from mapper.lexicon.authority import authorities
from tests.support.paths import DATA

TEXT = (DATA / "facts" / "A-RES-68-262.txt").read_bytes()


@pytest.fixture(scope="module")
def r262():
    return read(TEXT, "A-RES-68-262.txt")


def _mandates(r):
    return {u.id: u.facts.mandates for u in r.units() if u.facts.mandates}


# -- polarity -------------------------------------------------------------------------


def test_a_call_not_to_recognize_keeps_its_not(r262):
    (m,) = _mandates(r262)["para_2"]
    assert m.negated
    assert m.action.startswith("not to recognize any alteration")
    assert m.addressee == "all States, international organizations and specialized agencies"  # no "not" left in it


def test_refrain_from_and_decides_not_to_are_negated(r262):
    assert [m.negated for m in _mandates(r262)["para_3"]] == [True]
    (decision,) = _mandates(r262)["para_5"]
    assert decision.kind == "decision" and decision.negated and decision.action.startswith("not to consider")


def test_a_chapeau_lends_its_addressee_to_each_sub_paragraph(r262):
    mandates = _mandates(r262)
    assert "para_4" not in mandates  # "Calls upon all States:" asks nothing by itself
    (a,), (b,) = mandates["para_4_list_point_a"], mandates["para_4_list_point_b"]
    assert (a.kind, a.addressees, a.negated) == ("call", ("member-states",), True)
    assert (b.kind, b.negated) == ("call", False)


@pytest.mark.parametrize("text, negated", [
    ("1. Urges Member States to immediately cease all attacks.", True),
    ("1. Calls upon all parties to armed conflict never to target civilians.", True),
    ("1. Urges Member States to end impunity.", False),  # an action, not an abstention
    ("1. Requests the Secretary-General not to delay the report.", True),
])
def test_polarity_variants(text, negated):
    r = read(f"80/900. Title\n\nThe General Assembly,\n\nRecalling its resolution 79/1,\n\n{text}\n".encode(), "A-RES-80-900.txt")
    (m,) = r.operative[0].facts.mandates
    assert m.negated is negated


def test_a_renewed_call_is_a_call():
    r = read(b"80/900. Title\n\nThe General Assembly,\n\nRecalling its resolution 79/1,\n\n"
             b"1. Reiterates its call upon the Conference on Disarmament to commence negotiations.\n", "A-RES-80-900.txt")
    (m,) = r.operative[0].facts.mandates
    assert (m.kind, m.addressees) == ("call", ("conference-on-disarmament",))


def test_the_preamble_gives_no_mandate():
    r = read(b"80/900. Title\n\nThe General Assembly,\n\nEncouraging Member States to cooperate,\n\n"
             b"1. Decides to remain seized of the matter.\n", "A-RES-80-900.txt")
    assert r.preamble[0].facts.mandates == ()


# -- instruments ------------------------------------------------------------------------


def test_instruments_are_documents_not_bodies_or_events(r262):
    facts = r262.preamble[0].facts
    cited = {c.target: c for c in facts.citations}
    assert {"helsinki-final-act", "budapest-memorandum", "alma-ata-declaration"} <= set(cited)
    treaty = cited["treaty-on-friendship-cooperation-and-partnership-between-ukraine-and-the-russian-federation"]
    assert treaty.kind == "instrument" and not treaty.known  # by the grammar of titles, flagged
    assert facts.bodies == ()  # "Cooperation and Partnership" is no body
    assert facts.events == ()  # the Helsinki Final Act is no conference


def test_an_article_of_a_treaty_is_its_part(r262):
    (c,) = r262.preamble[1].facts.citations
    assert (c.kind, c.target, c.pinpoint) == ("instrument", "npt", ("article VI",))


def test_a_short_form_refers_back_to_the_instrument_named_last():
    finder = InstrumentFinder(authorities())
    finder.find("Recalling the Treaty on the Non-Proliferation of Nuclear Weapons,", [])
    (again,) = finder.find("Stressing that the Treaty remains the cornerstone,", [])
    assert (again.key, again.anaphoric) == ("npt", True)


def test_two_titles_joined_by_and_the_are_two():
    found = InstrumentFinder(authorities()).find(
        "the Treaty on Mutual Assistance between Ruritania and Freedonia and the Convention on Fishing in the Blue Sea", [])
    assert [f.name for f in found] == ["Treaty on Mutual Assistance between Ruritania and Freedonia",
                                       "Convention on Fishing in the Blue Sea"]
    assert not any(f.known for f in found)


# -- citation grammar ---------------------------------------------------------------------


def test_part_letters_and_a_list_wrapped_onto_a_symbol():
    text = "Recalling its resolutions 36/87 A and B of 9 December 1981,\n37/75 of 9 December 1982, 53/77 AA of 4 December 1998"
    assert [f.target for f in resolutions(text)] == ["A/RES/36/87 A", "A/RES/36/87 B", "A/RES/37/75", "A/RES/53/77 AA"]


def test_a_decision_inside_a_cited_document_is_not_the_assemblys():
    assert list(resolutions("United Nations Environment Programme, document CBD/COP/15/17, decision 15/4, annex.")) == []
    assert [f.target for f in resolutions("See its decision 79/512 of 2 December 2024.")] == ["A/DEC/79/512"]


def test_nothing_is_cited_of_a_later_session():
    r = read(b"78/900. Title\n\nThe General Assembly,\n\nRecalling its resolution 79/1 and its resolution 77/1,\n\n"
             b"Looking forward to the Global Digital Compact,\n\n1. Decides to remain seized of the matter.\n", "A-RES-78-900.txt")
    assert [c.target for c in r.preamble[0].facts.citations] == ["A/RES/77/1"]
    assert any("later session" in w for w in r.warnings)
    (gdc,) = r.preamble[1].facts.citations  # adopted as resolution 79/1: anticipated, not cited
    assert (gdc.target, gdc.relation) == ("global-digital-compact", "anticipates")


def test_a_forthcoming_document_is_anticipated():
    r = read(b"80/900. Title\n\nThe General Assembly,\n\nLooking forward to the forthcoming Declaration on Future Generations,\n\n"
             b"1. Decides to remain seized of the matter.\n", "A-RES-80-900.txt")
    assert [c.relation for c in r.preamble[0].facts.citations] == ["anticipates"]


# -- places -----------------------------------------------------------------------------


def test_places_anywhere_by_their_codes(r262):
    places = {p.place: p for u in r262.units() for p in u.facts.places}
    assert {"ukr", "ua-43", "ua-40"} <= set(places)
    assert (places["ua-43"].kind, places["ua-43"].country) == ("territory", "ukr")


def test_no_place_inside_a_name():
    r = read(b"80/900. Title\n\nThe General Assembly,\n\nRecalling the African Union and the Treaty of Pelindaba,\n\n"
             b"1. Decides to remain seized of the situation in the Middle East and in Latin America and the Caribbean.\n",
             "A-RES-80-900.txt")
    assert r.preamble[0].facts.places == ()
    assert [(p.place, p.kind) for p in r.operative[0].facts.places] == [("middle-east", "region"), ("m49-419", "region")]


# -- bodies of the whole UN system ---------------------------------------------------------


def _bodies(text: str) -> list[tuple[str, bool]]:
    r = read(f"80/900. Title\n\nThe General Assembly,\n\n{text}\n\n1. Decides to remain seized of the matter.\n".encode(), "A-RES-80-900.txt")
    return [(b.body, b.known) for b in r.preamble[0].facts.bodies]


def test_the_ordinary_machinery_of_the_un_is_known():
    found = dict(_bodies("Noting the reports of the Conference on Disarmament, the International Atomic Energy Agency, the "
                         "Organisation for the Prohibition of Chemical Weapons and the Office for Disarmament Affairs,"))
    assert all(found.values()) and len(found) == 4


@pytest.mark.parametrize("text, name", [
    ("Welcoming the work of the open-ended working group on the security of widgets in all its aspects, established by",
     "open-ended-working-group-on-the-security-of-widgets-in-all-its-aspects"),
    ("Deciding to establish an ad hoc committee on widget disarmament in 2027 and to commence",
     "ad-hoc-committee-on-widget-disarmament"),
    ("Noting the report of the 2024–2025 group of governmental experts,", "2024-2025-group-of-governmental-experts"),
    ("Noting the report of the Group of Governmental Experts established pursuant to resolution 61/89,",
     "group-of-governmental-experts-established-pursuant-to-resolution-61-89"),
    ("Noting the report of the Conference of the Parties serving as the Meeting of the Parties to the Widget Protocol,",
     "conference-of-the-parties-serving-as-the-meeting-of-the-parties-to-the-widget-protocol"),
    ("Noting the statement of the Chair of the Peacebuilding Commission,", "chair-of-the-peacebuilding-commission"),
])
def test_bodies_by_the_grammar_of_their_designations(text, name):
    assert (name, False) in _bodies(text)


@pytest.mark.parametrize("text", [
    "Recalling the 2026 Review Conference of the Parties to the Treaty on the Non-Proliferation of Nuclear Weapons,",
    "Recalling the third Meeting of States Parties to the Treaty on the Prohibition of Nuclear Weapons,",
    "Recalling resolutions 65/7 and Council resolution 1947 (2010),",
    "Welcoming the meeting of Commonwealth countries,",
    "Welcoming the United Nations-African Union partnership,",
    "Recalling the item entitled “Report of the Widget Commission on Global Gadgets”,",
])
def test_no_body_from_an_occurrence_a_symbol_or_a_qualifier(text):
    assert not [key for key, known in _bodies(text) if not known or key == "commonwealth"]


def test_an_organ_of_a_body_is_named_with_its_owner():
    found = dict(_bodies("Welcoming the Regional Forum of the Association of Southeast Asian Nations and the Office for "
                         "Disarmament Affairs of the Secretariat,"))
    assert "regional-forum-of-the-association-of-southeast-asian-nations" in found
    assert {"secretariat", "oda"} <= set(found)  # "... of the Secretariat" names the Secretariat too


# -- instruments and places ---------------------------------------------------------------


def test_a_non_breaking_hyphen_is_a_hyphen():
    (c,) = read("80/900. Title\n\nThe General Assembly,\n\nRecalling the Treaty on the Non\u2011Proliferation of Nuclear Weapons,\n\n"
                "1. Decides to remain seized of the matter.\n".encode(), "A-RES-80-900.txt").preamble[0].facts.citations
    assert (c.target, c.known) == ("npt", True)


def test_treaties_named_by_their_cities():
    r = read(b"80/900. Title\n\nThe General Assembly,\n\nRecalling the Treaties of Tlatelolco, Rarotonga, Bangkok and Pelindaba,\n\n"
             b"1. Decides to remain seized of the matter.\n", "A-RES-80-900.txt")
    facts = r.preamble[0].facts
    assert len({c.target for c in facts.citations}) == 4 and all(c.known for c in facts.citations)
    assert facts.places == ()  # Bangkok names the treaty here


def test_a_reports_title_keeps_its_place():
    r = read(b"80/900. Title\n\nThe General Assembly,\n\nRecalling the Beijing Declaration,1\n\n1. Decides to remain seized of the matter.\n\n"
             b"1 Report of the Fourth World Conference on Women, Beijing, 4-15 September 1995.\n", "A-RES-80-900.txt")
    assert all(f.facts.places == () for f in r.footnotes)


# -- topics, subjects, confidence ---------------------------------------------------------


def test_goals_by_number_and_target_not_millennium_goals():
    r = read(b"80/900. Title\n\nThe General Assembly,\n\nRecalling Goal 16 and target 4.7 of the 2030 Agenda, and Millennium "
             b"Development Goal 8,\n\n1. Decides to remain seized of the matter.\n", "A-RES-80-900.txt")
    assert {t.topic for t in r.preamble[0].facts.topics if t.topic.startswith("sdg-")} == {"sdg-16", "sdg-4"}


def test_a_resolution_on_disarmament_has_a_subject(r262):
    r = read(b"80/900. Nuclear disarmament\n\nThe General Assembly,\n\nRecalling the Treaty on the Non-Proliferation of Nuclear Weapons,\n\n"
             b"1. Urges all nuclear-weapon States to pursue nuclear disarmament.\n", "A-RES-80-900.txt")
    assert r.subjects[0] == "disarmament"
    assert "peace-and-security" in r262.subjects  # territorial integrity: what 68/262 is about


def test_facts_read_through_a_repair_say_so():
    text = (DATA / "realworld" / "A_RES_80_1.md").read_bytes()
    r = read(text, "A_RES_80_1.md")
    repaired = [u.id for u in r.units() if u.repaired]
    assert repaired == ["para_1_list_point_a"]  # a running header cut it in two
    assert any(c.kind == "running-header" for c in r.corrections)
