"""The settings are the table of `ungakg serve`'s options: defaults and help written once."""

from __future__ import annotations

import dataclasses

from mapper import cli
from mapper.server.config import Settings, cores


def _serve_args(*argv: str):
    return cli._parser().parse_args(["serve", *argv])


def test_every_setting_with_an_option_is_offered_with_its_default():
    args = _serve_args()
    offered = dict(cli._serve_options())
    assert set(offered) == {f.name for f in dataclasses.fields(Settings)} - {"listing"}
    for name, option in offered.items():
        expected = option.cli_default() if option.cli_default else getattr(Settings(), name)
        assert getattr(args, name) == ([] if option.repeated else expected), name
    assert args.workers == cores()


def test_the_help_says_each_default_once():
    text = cli._parser()._subparsers._group_actions[0].choices["serve"].format_help()
    for line in ("(default: 10)", "(default: 10000)", "(default: 32)", "(default: 30)", "(default: none, SERVICE is refused)",
                 "(default: half the workers, at least 1)"):
        assert line in " ".join(text.split()), line


def test_options_become_settings_in_their_units():
    args = _serve_args("--worker-memory", "64", "--allow-service", "http://a.example/sparql", "--allow-service",
                       "http://b.example/sparql", "--timeout", "2.5", "--per-client", "3")
    values = cli._settings(args)
    assert values.worker_memory == 64 << 20 and values.timeout == 2.5 and values.per_client == 3
    assert values.allow_services == frozenset({"http://a.example/sparql", "http://b.example/sparql"})
    assert dataclasses.replace(cli._settings(_serve_args()), workers=2) == Settings()
