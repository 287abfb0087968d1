"""The judged audit sheets in tests/data/audit are complete: every finding has a verdict, and
every right finding that offered a replacement says whether it pastes in."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from plainreply import CATEGORIES

SHEETS = sorted((Path(__file__).parent / "data" / "audit").glob("*.jsonl"))


@pytest.mark.parametrize("sheet", SHEETS, ids=lambda p: p.name)
def test_every_line_of_an_audit_sheet_is_judged(sheet):
    rows = [json.loads(line) for line in sheet.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert rows, f"{sheet.name} is empty"
    for row in rows:
        assert row["category"] in CATEGORIES
        assert row["verdict"] in ("TRUE", "FALSE"), row
        assert "[[" in row["context"] and row["span"] in row["context"]
        if row["replacement"] is not None and row["verdict"] == "TRUE":
            assert isinstance(row["paste_ready"], bool), row


def test_there_are_audit_sheets():
    assert len(SHEETS) >= 3
