"""Where plg keeps its things on this machine."""

from __future__ import annotations

import os
from pathlib import Path


def data_dir() -> Path:
    """The user's plg data folder (the default database and the `methods/` folder live here)."""
    import platformdirs

    return Path(platformdirs.user_data_dir("plg"))


def method_folders() -> list[Path]:
    """Folders searched for definition files: `methods/` in the data folder, PLG_METHODS_PATH."""
    extra = os.environ.get("PLG_METHODS_PATH", "")
    return [data_dir() / "methods", *(Path(p) for p in extra.split(os.pathsep) if p)]
