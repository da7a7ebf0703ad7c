"""Vendor YASGUI into the package: the built files the query page serves, from npm, at a pinned version.

    python tools/vendor_yasgui.py            # install @zazuko/yasgui@VERSION with npm in a temporary folder, copy its files
    python tools/vendor_yasgui.py --check    # the vendored files are those VERSION names, byte for byte (no network)
    python tools/vendor_yasgui.py --version 4.6.3   # move to another release (then test the query page)

What lands in ``mapper/server/static/yasgui/``, and nothing else:

* ``yasgui.min.js`` and ``yasgui.min.css``, exactly as the npm package builds them (YASQE, YASR,
  CodeMirror and the rest are bundled in them);
* ``LICENSE``: the package declares MIT but ships no licence file, so this script writes one: the
  MIT terms for YASGUI's authors, then the licence file of every npm package bundled into
  ``yasgui.min.js`` (read from its source map), as npm installed them;
* ``VERSION``: the package, its version, the npm tarball's integrity, and the SHA-256 of each file
  above; ``--check`` (and the tests) compare the files with it.

npm runs with ``--ignore-scripts``: no install script of any package runs here.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "mapper" / "server" / "static" / "yasgui"
PACKAGE = "@zazuko/yasgui"
PINNED = "4.6.2"
BUILT = ("yasgui.min.js", "yasgui.min.css")  # from the package's build/ folder
FILES = (*BUILT, "LICENSE")
MIT = """Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
"""


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_version(folder: Path = TARGET) -> tuple[str, dict[str, str]]:
    """The vendored version and the SHA-256 of each file, as VERSION records them."""
    version, sums = "", {}
    for line in (folder / "VERSION").read_text(encoding="utf-8").splitlines():
        if line.startswith(f"{PACKAGE} "):
            version = line.split()[1]
        elif m := re.fullmatch(r"([0-9a-f]{64})  (\S+)", line):
            sums[m.group(2)] = m.group(1)
    return version, sums


def check(folder: Path = TARGET) -> list[str]:
    """What differs between the vendored files and VERSION (nothing: an empty list)."""
    version, sums = read_version(folder)
    problems = [] if version else ["VERSION names no version"]
    for name in FILES:
        if name not in sums:
            problems.append(f"VERSION has no SHA-256 for {name}")
        elif not (folder / name).is_file():
            problems.append(f"{name} is missing")
        elif sha256(folder / name) != sums[name]:
            problems.append(f"{name} is not the file VERSION names (SHA-256 differs)")
    extra = sorted(p.name for p in folder.iterdir() if p.name not in (*FILES, "VERSION"))
    problems += [f"{name} is not a vendored file" for name in extra]
    return problems


def bundled_packages(source_map: Path) -> list[str]:
    """The npm packages whose code the minified bundle holds, from its source map's list of sources."""
    sources = json.loads(source_map.read_text(encoding="utf-8"))["sources"]
    names = {m.group(1) for s in sources if (m := re.search(r"node_modules/((?:@[^/]+/)?[^/]+)/", s))}
    return sorted(names)


def licence_text(modules: Path, name: str) -> str:
    folder = modules / name
    meta = json.loads((folder / "package.json").read_text(encoding="utf-8"))
    declared = meta.get("license") or "(none declared)"
    head = f"{name} {meta.get('version', '?')} — {declared}"
    files = sorted(p for p in folder.iterdir() if re.match(r"(?i)licen[cs]e(\.(md|txt))?$", p.name))
    if files:
        body = "\n".join(p.read_text(encoding="utf-8", errors="replace").strip() + "\n" for p in files)
    else:
        author = meta.get("author")
        author = author.get("name") if isinstance(author, dict) else author
        body = f"The package ships no licence file; its package.json declares {declared}" + (f", author {author}" if author else "") + ".\n"
    return f"{'-' * 78}\n{head}\n{'-' * 78}\n\n{body}"


def write_licence(modules: Path, package: dict, bundled: list[str], out: Path) -> None:
    authors = [package.get("author", "")] + [c.get("name", "") for c in package.get("contributors", [])]
    authors = [a if isinstance(a, str) else a.get("name", "") for a in authors]
    parts = [
        f"YASGUI ({PACKAGE} {package['version']}, {package.get('homepage', '')})\n\n"
        f"The npm package declares the {package.get('license')} licence and ships no licence file; these are its terms.\n\n"
        f"Copyright (c) {' and '.join(a for a in authors if a)}\n\n{MIT}",
        f"\nThird-party code bundled into yasgui.min.js and yasgui.min.css, with the licence each package ships\n"
        f"(the versions npm installed beside {PACKAGE} {package['version']}):\n",
    ]
    parts += [licence_text(modules, name) for name in bundled]
    out.write_text("\n".join(parts), encoding="utf-8")


def vendor(version: str) -> None:
    npm = shutil.which("npm")
    if npm is None:
        sys.exit("npm is not installed (apt-get install npm)")
    with tempfile.TemporaryDirectory(prefix="vendor-yasgui-") as tmp:
        work = Path(tmp)
        (work / "package.json").write_text('{"private": true}\n', encoding="utf-8")
        subprocess.run([npm, "install", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error", "--save-exact",
                        f"{PACKAGE}@{version}"], cwd=work, check=True)
        modules = work / "node_modules"
        installed = modules / PACKAGE
        package = json.loads((installed / "package.json").read_text(encoding="utf-8"))
        if package["version"] != version:
            sys.exit(f"npm installed {PACKAGE} {package['version']}, not {version}")
        lock = json.loads((work / "package-lock.json").read_text(encoding="utf-8"))
        integrity = lock["packages"][f"node_modules/{PACKAGE}"]["integrity"]
        staged = work / "staged"
        staged.mkdir()
        for name in BUILT:
            shutil.copyfile(installed / "build" / name, staged / name)
        write_licence(modules, package, bundled_packages(installed / "build" / "yasgui.min.js.map"), staged / "LICENSE")
        lines = [f"{PACKAGE} {version}", f"npm tarball integrity {integrity}",
                 "vendored by tools/vendor_yasgui.py (python tools/vendor_yasgui.py --check verifies these files)", ""]
        lines += [f"{sha256(staged / name)}  {name}" for name in FILES]
        (staged / "VERSION").write_text("\n".join(lines) + "\n", encoding="utf-8")
        if TARGET.exists():
            shutil.rmtree(TARGET)
        shutil.copytree(staged, TARGET)
    for name in (*FILES, "VERSION"):
        print(f"{(TARGET / name).stat().st_size:>9,}  {(TARGET / name).relative_to(ROOT)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--version", default=PINNED, help=f"the {PACKAGE} release to vendor (default {PINNED})")
    parser.add_argument("--check", action="store_true", help="compare the vendored files with VERSION; no network")
    args = parser.parse_args(argv)
    if args.check:
        problems = check()
        for p in problems:
            print(f"error: {p}", file=sys.stderr)
        if not problems:
            print(f"{PACKAGE} {read_version()[0]}: {', '.join(FILES)} as VERSION records them")
        return 1 if problems else 0
    vendor(args.version)
    return 0


if __name__ == "__main__":
    sys.exit(main())
