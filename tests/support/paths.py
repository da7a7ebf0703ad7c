"""Where things are: the project's folders and the tests' data, for every tier."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
PUBLISHED = ROOT / "published"
QUERIES = ROOT / "queries"
ONTOLOGY = ROOT / "ontology" / "ungakg.ttl"
SHAPES = ROOT / "shapes" / "ungakg-shapes.ttl"

DATA = ROOT / "tests" / "data"
GOLD = DATA / "gold"  # hand-written gold annotations of the facts
GOLDEN = DATA / "golden"  # golden files per stage, rewritten by pytest --update-goldens
W3C = DATA / "w3c"  # the W3C protocol manifests, copied unchanged
CLIENTS = ROOT / "tests" / "support" / "clients"  # the npm package of the Node clients (Comunica)
