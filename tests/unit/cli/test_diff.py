"""``ungakg diff OLD NEW``: what changed between two resolutions of a series, for people and for programs."""

from __future__ import annotations

import json

from tests.support.paths import CORPUS, DATA

OLD, NEW = str(CORPUS / "A-RES-78-132.txt"), str(DATA / "lineage" / "A_RES_79_904.md")


def test_the_changes_in_words(ungakg):
    r = ungakg("diff", OLD, NEW)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0] == "A/RES/79/904 since A/RES/78/132: 77 kept, 32 revised, 7 new, 6 dropped"
    assert "preamble_1: revised from preamble_1 (0.88): Recalling its resolution [-77/150-] {+78/132+} of" in r.stdout
    assert sum(": dropped: " in line for line in lines) == 6


def test_the_changes_as_json(ungakg):
    r = ungakg("diff", OLD, NEW, "--json")
    data = json.loads(r.stdout)
    assert data["counts"] == {"kept": 77, "revised": 32, "new": 7, "dropped": 6}
    assert {"eId": "preamble_3", "lineage": "kept", "predecessor": "preamble_3", "similarity": 1.0} in data["paragraphs"]


def test_a_file_that_cannot_be_read_is_one_line_and_status_1(ungakg, tmp_path):
    bad = tmp_path / "A-RES-1-1.txt"
    bad.write_text("not a resolution at all\n")
    for args in ((OLD, str(tmp_path / "missing.txt")), (str(bad), NEW)):
        r = ungakg("diff", *args)
        assert r.returncode == 1 and r.stdout == "" and len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr
