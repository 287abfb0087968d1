from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


@pytest.fixture(autouse=True)
def _no_user_config(monkeypatch, tmp_path_factory):
    """Run every test from an empty folder so no plainreply.toml around the repo leaks in."""
    monkeypatch.chdir(tmp_path_factory.mktemp("cwd"))
    monkeypatch.setenv("NO_COLOR", "1")
    # The compiled-rules cache goes to the session's temporary folder, not the user's ~/.cache.
    monkeypatch.setenv("PLAINREPLY_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "rule-cache"))


def shared_path(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: the shared data sets live beside the repository")
    return path


def env_without_colour() -> dict[str, str]:
    env = dict(os.environ)
    env["NO_COLOR"] = "1"
    return env
