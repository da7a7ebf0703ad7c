"""YASGUI as vendored for the query page: the files VERSION names, shipped by the package, allowed by the page's policy."""

from __future__ import annotations

import base64
import hashlib
import re
import tomllib
from fnmatch import fnmatch

from mapper.server.app import QUERY_PAGE_POLICY, STATIC, YASGUI_STYLE_ATTRIBUTES, YASGUI_STYLES, YASGUI_VERSION
from mapper.server.middleware import POLICY
from tests.support.paths import ROOT
from tools import vendor_yasgui

BUNDLE = STATIC / "yasgui" / "yasgui.min.js"


def _hash(text: str) -> str:
    return base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()


def test_the_vendored_files_are_those_version_names():
    assert vendor_yasgui.check() == []
    version, sums = vendor_yasgui.read_version()
    assert version == YASGUI_VERSION == vendor_yasgui.PINNED
    assert set(sums) == {"yasgui.min.js", "yasgui.min.css", "LICENSE"}
    assert "MIT" in (STATIC / "yasgui" / "LICENSE").read_text(encoding="utf-8")


def test_the_package_ships_every_static_file():
    """pyproject's package data globs match every file under static/ (a glob does not reach into subfolders)."""
    globs = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["package-data"]["mapper.server"]
    files = [p.relative_to(STATIC.parent).as_posix() for p in STATIC.rglob("*") if p.is_file()]
    assert "static/yasgui/yasgui.min.js" in files
    assert [f for f in files if not any(fnmatch(f, g) and f.count("/") == g.count("/") for g in globs)] == []


def test_every_style_the_bundle_writes_is_allowed_by_its_hash_and_nothing_else_is():
    """The inline styles YASGUI inserts are fixed strings; the query page's policy allows exactly those."""
    bundle = BUNDLE.read_text(encoding="utf-8")
    blocks = re.findall(r"createStyle\([^,()]+,`([^`]*)`\)", bundle)  # the column resizer's <style> blocks
    assert len(blocks) == 1
    drag = re.search(r"createStyle\(document\.querySelector\(`head`\),`([^`]*)`\+n\.opt\.dragCursor\+`([^`]*)`\)", bundle)
    assert drag and re.search(r"dragCursor:`col-resize`", bundle)
    blocks.append(drag.group(1) + "col-resize" + drag.group(2))
    assert sorted(_hash(b) for b in blocks) == sorted(YASGUI_STYLES)
    attributes = re.findall(r"style='([^']*)'", bundle)  # YASQE's tooltip on a syntax error
    assert sorted({_hash(a) for a in attributes}) == sorted(YASGUI_STYLE_ATTRIBUTES)
    for h in YASGUI_STYLES + YASGUI_STYLE_ATTRIBUTES:
        assert f"'sha256-{h}'" in QUERY_PAGE_POLICY


def test_the_query_page_policy_is_the_sites_but_for_those_styles():
    directives = dict(d.strip().split(" ", 1) for d in QUERY_PAGE_POLICY.split(";") if d.strip())
    site = dict(d.strip().split(" ", 1) for d in POLICY.split(";") if d.strip())
    assert {k: v for k, v in directives.items() if not k.startswith("style-src")} == {k: v for k, v in site.items() if k != "style-src"}
    assert directives["connect-src"] == "'self'" and directives["script-src"] == "'self'"
    assert "'unsafe-inline'" not in QUERY_PAGE_POLICY and "'unsafe-eval'" not in QUERY_PAGE_POLICY
    assert directives["style-src"].startswith("'self' ") and directives["style-src-attr"].startswith("'unsafe-hashes' ")
