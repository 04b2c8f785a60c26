"""Where the project keeps its data files and its runtime state."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"
TAXONOMY_FILE = DATA_DIR / "taxonomy.toml"
SEED_FILE = DATA_DIR / "seed" / "decisions.csv"
SAMPLES_DIR = DATA_DIR / "samples"


def runtime_dir() -> Path:
    """Folder for the database and stored PDFs (ignored by git); ``RATSRADAR_HOME`` overrides it."""
    return Path(os.environ.get("RATSRADAR_HOME") or DATA_DIR / "runtime")


def files_dir() -> Path:
    """Where uploaded PDFs are stored, one file per sha256."""
    return runtime_dir() / "files"
