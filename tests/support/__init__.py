"""Helpers the tests share: paths, real servers and stores, a faulty proxy, canaries, synthetic texts, gold and golden files."""
