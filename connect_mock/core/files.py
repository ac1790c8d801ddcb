"""Reading the JSON files users hand the mock (inventory fixtures, fault rules, source numbers):
one way to say what is wrong with one, whichever kind it is.

A relative path is relative to the current directory (the pytest marker resolves it against
pytest's rootdir first); an unreadable file's error names the absolute path tried."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

__all__ = ["read_documents", "read_json_file"]

Entry = TypeVar("Entry")


def read_json_file(
    source: str | os.PathLike[str], kind: str, error: type[ValueError] = ValueError
) -> Any:
    """The JSON document in ``source``; ``error`` (a ValueError) starting with the path as given
    for a file that cannot be read, is not UTF-8, or is not JSON. ``kind`` names the file in
    the messages ("fixture", "fault")."""
    path = Path(source)
    tried = "" if path.is_absolute() else f" (looked for {Path(os.path.abspath(path))})"
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise error(f"{path}: cannot read {kind} file{tried}: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise error(f"{path}: {kind} file is not UTF-8 text: {exc.reason}") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise error(
            f"{path}: not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
        ) from None
    except RecursionError:
        raise error(f"{path}: not valid JSON: it nests too deeply") from None


def read_documents(
    source: Any, kind: str, unnamed: str, check: Callable[[Any, str], tuple[Entry, ...]]
) -> tuple[Entry, ...]:
    """The entries of an option that takes JSON documents: files, mappings, or lists of both
    (``serve --faults A --faults B``), in order. ``check(document, name)`` validates each file's
    document (named by its path) or the mapping or list itself (named ``unnamed``) and returns
    its entries (the mappings, or what they were parsed into)."""
    if source is None:
        return ()
    if isinstance(source, list | tuple) and any(
        isinstance(item, str | os.PathLike) for item in source
    ):
        return tuple(
            entry for item in source for entry in read_documents(item, kind, unnamed, check)
        )
    if not isinstance(source, str | os.PathLike):
        return check(source, unnamed)
    return check(read_json_file(source, kind), str(source))
