"""Formats of the languages Django does not format itself (FORMAT_MODULE_PATH)."""
