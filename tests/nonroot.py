"""Running the command line as an unprivileged user, for the permission tests.

The tests run as root, and root may write anything, so a permission test
builds its project as root and runs `python -m autoslot` as `nobody`
(`setpriv`). An interpreter installed under a home directory nobody may not
enter (pyenv's, under /root) is made reachable in a private mount namespace
only (`unshare`): there that directory is an empty one holding just the
interpreter's tree, mounted where it was, so every path stays the same and
nothing changes for the rest of the machine.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

NOBODY = "nobody"
NOGROUP = "nogroup"


@dataclass(frozen=True)
class Ran:
    code: int
    stdout: str
    stderr: str


def ids() -> tuple[int, int] | None:
    try:
        import grp
        import pwd

        return pwd.getpwnam(NOBODY).pw_uid, grp.getgrnam(NOGROUP).gr_gid
    except (ImportError, KeyError):
        return None


def _closed_to_others(directory: Path) -> bool:
    return not directory.stat().st_mode & 0o001


def _hidden_home(python: str) -> tuple[Path, Path] | None:
    """(a directory nobody may not enter, its child on the way to the
    interpreter) when the interpreter lies below one."""
    real = Path(os.path.realpath(python))
    for child in reversed(real.parents):
        if child.parent != child and _closed_to_others(child.parent):
            return child.parent, child
    return None


def why_not(python: str) -> str | None:
    """Why `python` cannot be run as nobody here, or None."""
    if os.name != "posix" or not hasattr(os, "geteuid"):
        return "file permissions are POSIX here"
    if os.geteuid() != 0:
        return "running as another user needs root (the tests run as root)"
    if ids() is None:
        return f"no user {NOBODY} or group {NOGROUP} on this machine"
    if shutil.which("setpriv") is None:
        return "no setpriv (util-linux) on this machine"
    if _hidden_home(python) is not None and shutil.which("unshare") is None:
        return f"{python} lies below a directory nobody may not enter, and no unshare"
    probe = as_nobody(
        python, ["-c", "import autoslot, libcst"], Path("/"), module=False
    )
    if probe.code != 0:
        return f"{python} cannot be run as {NOBODY}: {probe.stderr.strip()[-300:]}"
    return None


def as_nobody(
    python: str, args: list[str], cwd: Path, module: bool = True, timeout: float = 300
) -> Ran:
    """`python -m autoslot ARGS` (or `python ARGS`) in `cwd`, run by nobody."""
    command = [python, *(["-m", "autoslot"] if module else []), *args]
    drop = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOGROUP}", "--clear-groups"]
    hidden = _hidden_home(python)
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env["HOME"] = str(cwd)
    with tempfile.TemporaryDirectory(prefix="autoslot-view-") as view:
        if hidden is None:
            full = [*drop, *command]
        else:
            home, child = hidden
            keep = Path(view) / "keep"
            keep.mkdir()
            steps = " && ".join(
                [
                    f"mount --bind {shlex.quote(str(child))} {shlex.quote(str(keep))}",
                    f"mount -t tmpfs -o mode=755 tmpfs {shlex.quote(str(home))}",
                    f"mkdir {shlex.quote(str(child))}",
                    f"mount --bind {shlex.quote(str(keep))} {shlex.quote(str(child))}",
                    'exec "$@"',
                ]
            )
            full = [
                "unshare",
                "--mount",
                "--propagation",
                "private",
                "sh",
                "-c",
                steps,
                "sh",
                *drop,
                *command,
            ]
        done = subprocess.run(  # noqa: PLW1510 - the return code is inspected
            full,
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    return Ran(done.returncode, done.stdout, done.stderr)


def give_to_nobody(root: Path) -> None:
    found = ids()
    assert found is not None
    for path in [root, *root.rglob("*")]:
        os.chown(path, *found, follow_symlinks=False)
