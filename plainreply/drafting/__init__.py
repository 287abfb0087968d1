"""Drafting replies: data + templates → letter → DOCX; addressing and deadlines."""
