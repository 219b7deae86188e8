"""`--introspect`: look at third-party base classes in the target environment.

Only the modules that define the external bases are imported, in a fresh
subprocess of the target interpreter started in an empty directory with `-I`
(so the project's own modules cannot be imported by accident), with a timeout.
Answers are cached per interpreter in the project's `.autoslot_cache/`.
"""

from __future__ import annotations

import inspect
import json
import subprocess
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from autoslot.index import classfacts
from autoslot.index.external import ExternalClass, from_facts, unknown

TIMEOUT_SECONDS = 30
CACHE_NAME = "introspect.json"

# Runs in the target interpreter after the source of `classfacts`.
DRIVER = r"""
import importlib, json, sys

def load(name):
    parts = name.split(".")
    for split in range(len(parts) - 1, 0, -1):
        try:
            found = importlib.import_module(".".join(parts[:split]))
        except ImportError:
            continue
        for attribute in parts[split:]:
            found = getattr(found, attribute)
        return found
    raise ImportError(f"no module for {name}")

answers = {}
for name in json.loads(sys.argv[1]):
    try:
        cls = load(name)
        if not isinstance(cls, type):
            answers[name] = {"error": "not a class"}
            continue
        answers[name] = {"self": describe(cls), "mro": [describe(k) for k in cls.__mro__[1:]]}
    except Exception as error:
        answers[name] = {"error": f"{type(error).__name__}: {error}"}
print(json.dumps(answers))
"""


class Introspector:
    """Facts about third-party classes, read from the target environment and cached."""

    def __init__(self, python: str, cache_dir: Path | None) -> None:
        self.python = python
        self.cache_file = cache_dir / CACHE_NAME if cache_dir is not None else None
        self.known: dict[str, ExternalClass] = {}
        self.failures: dict[str, str] = {}
        self._cache = self._load_cache()

    def _cache_key(self) -> str:
        try:
            stamp = Path(self.python).stat().st_mtime_ns
        except OSError:
            stamp = 0
        return f"{self.python}@{stamp}"

    def _load_cache(self) -> dict[str, Any]:
        if self.cache_file is None or not self.cache_file.is_file():
            return {}
        try:
            data = json.loads(self.cache_file.read_text())
        except (OSError, ValueError):
            return {}  # a corrupt cache is ignored, never fatal
        entry = data.get(self._cache_key()) if isinstance(data, dict) else None
        return entry if isinstance(entry, dict) else {}

    def _store_cache(self) -> None:
        if self.cache_file is None:
            return
        try:
            self.cache_file.parent.mkdir(parents=True, exist_ok=True)
            data: dict[str, Any] = {}
            if self.cache_file.is_file():
                try:
                    loaded = json.loads(self.cache_file.read_text())
                    data = loaded if isinstance(loaded, dict) else {}
                except ValueError:
                    data = {}
            data[self._cache_key()] = self._cache
            self.cache_file.write_text(json.dumps(data))
        except OSError:
            pass  # caching is an optimisation only

    def inspect(self, names: Iterable[str]) -> None:
        wanted = sorted(
            {n for n in names if n not in self.known and n not in self.failures}
        )
        missing = [n for n in wanted if n not in self._cache]
        if missing:
            answers = self._run(missing)
            self._cache.update(answers)
            # a failure to run may be fixed by the next run: cache only real answers
            if not any(
                a.get("error", "").startswith("introspection") for a in answers.values()
            ):
                self._store_cache()
        for name in wanted:
            answer = self._cache.get(name, {"error": "no answer"})
            if "error" in answer:
                self.failures[name] = answer["error"]
                continue
            self.known[name] = from_facts(answer["self"])
            for entry in answer["mro"]:
                self.known.setdefault(entry["dotted"], from_facts(entry))

    def _run(self, names: list[str]) -> dict[str, Any]:
        with tempfile.TemporaryDirectory(prefix="autoslot-introspect-") as empty:
            try:
                done = subprocess.run(
                    [
                        self.python,
                        "-I",
                        "-c",
                        inspect.getsource(classfacts) + DRIVER,
                        json.dumps(names),
                    ],
                    cwd=empty,
                    capture_output=True,
                    text=True,
                    timeout=TIMEOUT_SECONDS,
                    check=False,
                )
            except (OSError, subprocess.TimeoutExpired) as error:
                return {n: {"error": f"introspection failed: {error}"} for n in names}
        if done.returncode != 0:
            why = (done.stderr.strip().splitlines() or ["no output"])[-1]
            return {n: {"error": f"introspection failed: {why}"} for n in names}
        try:
            answers: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
        except (ValueError, IndexError):
            return {n: {"error": "introspection printed no answer"} for n in names}
        return answers

    def lookup(self, dotted: str, fallback: ExternalClass) -> ExternalClass:
        found = self.known.get(dotted)
        if found is not None:
            return found
        if dotted in self.failures:
            return unknown(dotted, f"not inspectable ({self.failures[dotted]})")
        return fallback
