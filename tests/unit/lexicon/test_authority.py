"""The authority files load into checked values, and the extraction reads with the ones it is given."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mapper.errors import AuthorityError
from mapper.extract import annotate
from mapper.lexicon.authority import PACKAGED, REQUIRED, authorities, load
from mapper.parse import parse_bytes


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A copy of the packaged authority files, to break one at a time."""
    out = tmp_path / "data"
    out.mkdir()
    for name in ("bodies", "events", "groups", "instruments", "places", "topics"):
        (out / f"{name}.toml").write_bytes(PACKAGED.joinpath(f"{name}.toml").read_bytes())
    return out


def _append(folder: Path, name: str, text: str) -> None:
    """Add ``text`` to a file: at the end if it is a table, else on top (after a table, a key would join that table)."""
    path = folder / f"{name}.toml"
    old = path.read_text(encoding="utf-8")
    path.write_text(old + "\n" + text + "\n" if text.startswith("[") else text + "\n" + old, encoding="utf-8")


def test_the_copy_loads_as_the_packaged_files(folder):
    copy, packaged = load(folder), authorities()
    assert copy.bodies == packaged.bodies and copy.events == packaged.events and copy.topics == packaged.topics
    assert copy is not packaged  # compared by identity: compiled word lists are cached per value


@pytest.mark.parametrize(("file", "entry", "expected"), [
    ("bodies", '[widget-council]\nname = "Widget Council"\ntype = "Body"\nmandate = "widgets"',
     "bodies.toml: [widget-council] has unknown field 'mandate'"),
    ("bodies", '[widget-council]\ntype = "Body"', "bodies.toml: [widget-council] lacks field 'name'"),
    ("bodies", '[widget-council]\nname = "Widget Council"\ntype = "Body"\nparent = "nowhere"',
     "bodies.toml: [widget-council] parent 'nowhere' is not a body"),
    ("events", '[widget-summit]\nname = "Widget Summit"\ntype = "Summit"\nbody = "nobody"',
     "events.toml: [widget-summit] body 'nobody' is not a body"),
    ("instruments", '[widget-agenda]\nname = "Widget Agenda"\ntype = "Agenda"\ntopics = ["widgets"]',
     "instruments.toml: [widget-agenda] topic 'widgets' is not a topic"),
    ("topics", '[widgets]\nlabel = "widgets"\ndefinition = "Widgets."\npatterns = ["widgets?"]\nbroader = "gadgets"',
     "topics.toml: [widgets] broader 'gadgets' is not a topic"),
    ("places", 'stray = 1', "places.toml: unknown section 'stray'"),
    ("places", '[cities.XXWID]\nname = "Geneva"\ncountry = "CHE"', "places.toml: 'Geneva' names both"),
    ("groups", 'loose = "a value, not a table"', "groups.toml: 'loose' is not a table"),
])
def test_a_broken_file_is_refused_naming_the_file_and_the_entry(folder, file, entry, expected):
    _append(folder, file, entry)
    with pytest.raises(AuthorityError) as raised:
        load(folder)
    assert str(raised.value).startswith(expected)


@pytest.mark.parametrize(("file", "key"), [(file, key) for file, keys in REQUIRED.items() for key in keys])
def test_the_keys_the_code_relies_on_must_be_there(folder, file, key):
    path = folder / f"{file}.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(f"[{key}]\n", f"[{key}-renamed]\n"), encoding="utf-8")
    with pytest.raises(AuthorityError, match=rf"{file}\.toml: no entry \[{key}\]"):
        load(folder)


def test_a_place_must_belong_to_a_place_of_the_gazetteer(folder):
    _append(folder, "places", '[territories.XX-1]\nname = "Widgetland"\ncountry = "ATL"')
    with pytest.raises(AuthorityError, match=r"^places\.toml: \[xx-1\] country 'atl' is not a place"):
        load(folder)


def test_a_file_that_is_not_toml_is_refused(folder):
    (folder / "topics.toml").write_text("[broken\n", encoding="utf-8")
    with pytest.raises(AuthorityError, match=r"^topics\.toml: not TOML"):
        load(folder)


def test_the_extraction_reads_with_the_authority_files_it_is_given(folder):
    """A body added to a copy of the files is known to an extraction given the copy, and only to it."""
    _append(folder, "bodies", '[widget-council]\nname = "Widget Council"\nacronyms = ["WiCo"]\ntype = "Body"')
    text = ("Resolution adopted by the General Assembly on 1 December 2025\n\n80/999. Widgets\n\nThe General Assembly,\n\n"
            "Recalling its earlier work,\n\n1. Requests WiCo to report on widgets;\n\n2. Decides to remain seized of the matter.\n\n"
            "60th plenary meeting\n1 December 2025\n")
    parsed = parse_bytes(text.encode(), "A-RES-80-999.txt")
    with_copy = annotate(parsed, load(folder)).operative[0].facts
    with_packaged = annotate(parsed, authorities()).operative[0].facts
    assert [(b.body, b.known) for b in with_copy.bodies] == [("widget-council", True)]
    assert [m.addressees for m in with_copy.mandates] == [("widget-council",)]
    assert all(b.body != "widget-council" or not b.known for b in with_packaged.bodies)
    assert parsed.operative[0].facts.bodies == ()  # the parse alone reads no facts


def test_a_copied_folder_outside_the_package_loads(tmp_path):
    shutil.copytree(Path(str(PACKAGED)), tmp_path / "copy")
    assert set(load(tmp_path / "copy").bodies) == set(authorities().bodies)
