"""A build while the server runs: the server switches to the new build whole, or keeps the old one whole.

The server serves a published folder; a real ``ungakg build`` then writes a
smaller corpus into the same folder. Queries, pages and downloads are read all
along: every answer comes from one build or the other, the old build's answers
stop once the new one's start (never alternating), ETags are the new files'
(no stale 304), and the old tree is removed once the server lets it go.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import threading
import time

import httpx

from tests.support.paths import ROOT
from tests.support.servers import copy_published, serve

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?r a <https://w3id.org/ungakg/ontology#Resolution> }"


def test_a_build_while_serving_switches_whole(tmp_path):
    published = copy_published(tmp_path / "published")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("A-RES-57-295.txt", "A-RES-60-252.txt"):
        shutil.copy(ROOT / "corpus" / name, corpus / name)
    old_sums = hashlib.sha256((published / "SHA256SUMS").read_bytes()).hexdigest()
    with serve(published, "--workers", "2") as url, httpx.Client(base_url=url, timeout=30) as client:
        seen: list[tuple[int, int]] = []  # (resolutions counted by SPARQL, resolutions in the VoID page) per round
        stop = threading.Event()

        def watch():
            while not stop.is_set():
                r = client.post("/sparql", content=COUNT, headers={"Content-Type": "application/sparql-query", "Accept": "application/json"})
                n = int(r.json()["results"]["bindings"][0]["n"]["value"])
                sums = client.get("/download/SHA256SUMS").text
                seen.append((n, sums.count("resolutions/")))
                time.sleep(0.02)

        thread = threading.Thread(target=watch)
        thread.start()
        try:
            time.sleep(0.5)
            etag_before = client.get("/download/ungakg.ttl", headers={"Accept-Encoding": "identity"}).headers["etag"]
            build = subprocess.run([sys.executable, "-m", "mapper.cli", "build", "--corpus", str(corpus), "--out", str(published)],
                                   cwd=ROOT, capture_output=True, text=True, timeout=600)
            assert build.returncode == 0, build.stderr
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline and (not seen or seen[-1][0] != 2):
                time.sleep(0.1)
            time.sleep(0.5)
        finally:
            stop.set()
            thread.join(30)
        # every answer from one build; both parts of a round from the same build once switched; no going back
        assert seen[0] == (5, 5) and seen[-1] == (2, 2), seen[-5:]
        counts = [n for n, _ in seen]
        switched = counts.index(2)
        assert all(n == 5 for n in counts[:switched]) and all(n == 2 for n in counts[switched:]), counts
        assert all(a == b for a, b in seen[switched + 1:]), seen
        # the new files, with the new ETags: the old ETag is no longer a match
        r = client.get("/download/ungakg.ttl", headers={"If-None-Match": etag_before, "Accept-Encoding": "identity"})
        assert r.status_code == 200 and r.headers["etag"] != etag_before
        assert r.headers["etag"] == f'"{hashlib.sha256((published / "ungakg.ttl").read_bytes()).hexdigest()}"'
        assert client.get("/resolution/A-RES-78-132", headers={"Accept": "text/html"}).status_code == 404
        assert client.get("/resolution/A-RES-60-252", headers={"Accept": "text/html"}).status_code == 200
        assert hashlib.sha256((published / "SHA256SUMS").read_bytes()).hexdigest() != old_sums
        # the old tree is let go: the next build finds nothing to keep
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and [p for p in tmp_path.iterdir() if p.name.startswith(".published.old")]:
            from mapper.publish.folder import remove_leftovers
            remove_leftovers(published)
            time.sleep(0.2)
        assert not [p for p in tmp_path.iterdir() if p.name.startswith(".published")], list(tmp_path.iterdir())
