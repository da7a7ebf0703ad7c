"""The README stays true to the code: its two opening commands and the CLI reference."""

import re

import pytest

from tests.support.paths import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_opens_with_the_two_commands():
    block = re.search(r"```sh\n(.*?)```", README, re.S).group(1).strip().splitlines()
    assert block == [
        "python3 -m pip install . && ungakg build && ungakg serve",
        ".ci/run",
    ]
    ci = (ROOT / ".ci" / "run").read_text()
    assert "pip install --quiet -e '.[test]'" in ci and "python3 -m pytest" in ci and "npm ci --prefix tests/support/clients" in ci


@pytest.mark.parametrize("command", ["parse", "build", "serve", "push", "query", "diff"])
def test_cli_reference_is_the_help(ungakg, command):
    documented = re.search(rf"<!-- generated from `ungakg {command} --help`.*?-->\n```text\n(.*?)```", README, re.S).group(1)
    shown = ungakg(command, "--help")  # 100 columns wide, as the README's copy was made
    assert shown.returncode == 0
    assert documented == shown.stdout


def test_every_json_key_is_documented():
    from mapper.extract import read
    from mapper.parse.json import resolution_to_json

    r = resolution_to_json(read((ROOT / "corpus" / "A-RES-57-295.txt").read_bytes(), "A-RES-57-295.txt"))
    for key in r:
        assert f"`{key}`" in README, key
