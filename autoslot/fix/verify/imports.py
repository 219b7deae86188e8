"""The import check: compile and import changed modules in a fresh interpreter
of the target environment.

One probe process per check imports the modules one after the other, as a
program would (a module imported by an earlier one is not run twice); each
import has its own time limit. Results go to a file rather than stdout, so
whatever the modules print cannot corrupt them. The probe is plain Python
that any interpreter >= 3.6 runs, since the target may be older than ours.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from autoslot.fix.verify.command import failure_lines, run_process
from autoslot.index.modules import package_chain_name, source_roots

# importing these runs a program rather than defining a module
COMPILE_ONLY = frozenset({"__main__.py", "setup.py"})

PROBE = r"""
import importlib, json, os, signal, sys

with open(sys.argv[1]) as handle:
    spec = json.load(handle)
results = open(sys.argv[2], "w")
limit = spec["timeout"]


class ProbeTimeout(BaseException):
    pass


def on_alarm(signum, frame):
    raise ProbeTimeout()


alarm = hasattr(signal, "setitimer")
if alarm:
    signal.signal(signal.SIGALRM, on_alarm)


def describe(error):
    text = str(error).strip()
    first = text.splitlines()[0] if text else ""
    return (type(error).__name__ + (": " + first if first else ""))[:300]


base_path = list(sys.path)
for module in spec["modules"]:
    error = None
    try:
        with open(module["path"], "rb") as handle:
            compile(handle.read(), module["path"], "exec", dont_inherit=True)
    except Exception as exc:
        error = "does not compile: " + describe(exc)
    if error is None and module["name"]:
        sys.path[:] = [module["entry"]] + spec["roots"] + base_path
        try:
            if alarm:
                signal.setitimer(signal.ITIMER_REAL, limit)
            try:
                importlib.import_module(module["name"])
            finally:
                if alarm:
                    signal.setitimer(signal.ITIMER_REAL, 0)
        except ProbeTimeout:
            error = "the import did not finish within %g seconds" % limit
        except KeyboardInterrupt:
            raise
        except BaseException as exc:
            error = describe(exc)
        sys.path[:] = base_path
    results.write(json.dumps({"path": module["path"], "error": error}) + "\n")
    results.flush()
results.close()
sys.stdout.flush()
sys.stderr.flush()
# threads or atexit handlers a module started must not keep the probe alive
os._exit(0)
"""


@dataclass(frozen=True, slots=True)
class ModuleSpec:
    path: str  # absolute file
    name: str  # dotted name to import; empty: compile only
    entry: str  # the directory the name is relative to, first on sys.path


def module_spec(path: Path) -> ModuleSpec:
    """How to import a file: its package chain name, relative to the directory
    above its top package (a file outside packages: relative to its own)."""
    if path.name in COMPILE_ONLY:
        return ModuleSpec(str(path), "", str(path.parent))
    name = package_chain_name(path)
    parts = name.split(".") if name else []
    if not parts or not all(p.isidentifier() for p in parts):
        return ModuleSpec(str(path), "", str(path.parent))
    depth = len(parts) if path.name == "__init__.py" else len(parts) - 1
    return ModuleSpec(str(path), name, str(path.parents[depth]))


def import_errors(
    python: str,
    modules: Sequence[ModuleSpec],
    project_root: Path,
    timeout: float,
) -> dict[str, str | None]:
    """Import each module in a fresh interpreter: path -> error, or None.

    A module whose import ends the process (`os._exit`, a crash, a hang past
    the limit) gets that as its error, and the modules after it are imported
    in a new process: one module's behaviour never hides another's."""
    errors: dict[str, str | None] = {}
    remaining = list(modules)
    while remaining:
        reported, stopped = _probe(python, remaining, project_root, timeout)
        errors.update(reported)
        missing = [m for m in remaining if m.path not in reported]
        if not missing:
            break
        # imported one after the other: the first without a result ended it
        errors[missing[0].path] = stopped
        remaining = missing[1:]
    return {m.path: errors.get(m.path) for m in modules}


def _probe(
    python: str, modules: Sequence[ModuleSpec], project_root: Path, timeout: float
) -> tuple[dict[str, str | None], str]:
    """One probe process: the results it wrote, and why it stopped early (if it did)."""
    roots = [str(r) for r in source_roots(project_root)]
    with tempfile.TemporaryDirectory(prefix="autoslot-import-") as scratch:
        spec_file = Path(scratch) / "spec.json"
        results_file = Path(scratch) / "results.jsonl"
        spec = {
            "timeout": timeout,
            "roots": roots,
            "modules": [
                {"path": m.path, "name": m.name, "entry": m.entry} for m in modules
            ],
        }
        spec_file.write_text(json.dumps(spec), encoding="utf-8")
        results_file.touch()
        env = dict(os.environ)
        # leave no __pycache__ behind in the user's tree
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        finished = run_process(
            [python, "-c", PROBE, str(spec_file), str(results_file)],
            cwd=project_root,
            timeout=timeout * len(modules) + 30,
            env=env,
        )
        reported: dict[str, str | None] = {}
        for line in results_file.read_text(encoding="utf-8").splitlines():
            try:
                item = json.loads(line)
            except ValueError:
                continue  # the last line, cut by a kill
            reported[str(item["path"])] = item["error"]
    why = "; ".join(failure_lines(finished.output, 2)) or "no output"
    stopped = (
        f"the import ended the process (exit code {finished.returncode}: {why})"
        if not finished.timed_out
        else f"the import did not finish within {timeout:g} seconds"
    )
    return reported, stopped
