"""Word drafts: safe opening, faithful reading with a map back to the XML, formatting, comments."""

from .reader import DocxText, read_docx

__all__ = ["DocxText", "read_docx"]
