"""JSON documents given as options: files, mappings, or lists of both (``serve --faults A
--faults B``), read in order."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

__all__ = ["read_documents"]

Entries = tuple[Mapping[str, Any], ...]


def read_documents(
    source: Any, what: str, unnamed: str, check: Callable[[Any, str], Entries]
) -> Entries:
    """The entries of ``source``: ``check(document, name)`` of each file's JSON (named by its
    path) or of the mapping or list itself (named ``unnamed``). ValueError for a file that cannot
    be read or is not JSON, naming it and ``what`` it should hold."""
    if source is None:
        return ()
    if isinstance(source, list | tuple) and any(
        isinstance(item, str | os.PathLike) for item in source
    ):
        return tuple(
            entry for item in source for entry in read_documents(item, what, unnamed, check)
        )
    if not isinstance(source, str | os.PathLike):
        return check(source, unnamed)
    name = str(source)
    try:
        document = json.loads(Path(source).read_text(encoding="utf-8"))
    except OSError as exc:
        raise ValueError(f"{name}: cannot read {what} file: {exc.strerror}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ValueError(f"{name}: not valid JSON: {exc}") from None
    return check(document, name)
