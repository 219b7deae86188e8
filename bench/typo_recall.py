"""How many real typos the AS203/AS206 rules catch: slip typos into copies of
real projects and count how many `autoslot typos` reports.

    python bench/typo_recall.py TREE [TREE...] [--per-tree 40] [--seed 1]
        [--autoslot PATH] [--json OUT]

For each tree (a project root, e.g. an unpacked realworld sdist), a copy is
made and, in up to --per-tree classes (one slip per class, so the slips do
not see each other), one `self.NAME` is misspelt the way people misspell:
an inner letter dropped, doubled or replaced by a keyboard neighbour, two
neighbours swapped, a word abbreviated, snake_case written as camelCase or
run together. A store is slipped in the last of at least two stores of the
name in the class (the attribute stays in use, as with a real typo); a read
in a method that reads the name more than once. Then `autoslot typos` runs
on the copy and each slip counts as caught when a finding of the expected
code (AS203 for a store, AS206 for a read) names its line and the slipped
name; any other finding is listed as unexpected (on a tree with no finding
of its own, a false alarm the slips provoked). The original tree is never
written.
"""

from __future__ import annotations

import argparse
import ast
import json
import random
import re
import shutil
import subprocess
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
AUTOSLOT = HERE.parent / ".venv" / "bin" / "autoslot"
NEIGHBOURS = {
    "a": "qs", "b": "vn", "c": "xv", "d": "sf", "e": "wr", "f": "dg", "g": "fh",
    "h": "gj", "i": "uo", "j": "hk", "k": "jl", "l": "k", "m": "n", "n": "bm",
    "o": "ip", "p": "o", "q": "w", "r": "et", "s": "ad", "t": "ry", "u": "yi",
    "v": "cb", "w": "qe", "x": "zc", "y": "tu", "z": "x",
}  # fmt: skip
KINDS = ("drop", "double", "neighbour", "swap", "abbreviate", "camel", "joined")


@dataclass(frozen=True)
class Slip:
    file: str  # relative to the tree
    line: int
    name: str
    slipped: str
    kind: str
    side: str  # "store" or "read"


def _mutate(name: str, kind: str, rng: random.Random) -> str | None:
    core = name.lstrip("_")
    lead = name[: len(name) - len(core)]
    words = core.split("_")
    inner = [i for i in range(1, len(core) - 1) if core[i].isalpha()]
    if kind in ("drop", "double", "neighbour", "swap") and len(core) < 5:
        return None
    if kind == "drop" and inner:
        i = rng.choice(inner)
        return lead + core[:i] + core[i + 1 :]
    if kind == "double" and inner:
        i = rng.choice(inner)
        return lead + core[:i] + core[i] + core[i:]
    if kind == "neighbour" and inner:
        i = rng.choice(inner)
        options = NEIGHBOURS.get(core[i].lower(), "")
        return (
            lead + core[:i] + rng.choice(options) + core[i + 1 :] if options else None
        )
    if kind == "swap":
        pairs = [i for i in inner if i + 1 < len(core) and core[i] != core[i + 1]]
        if pairs:
            i = rng.choice(pairs)
            return lead + core[:i] + core[i + 1] + core[i] + core[i + 2 :]
        return None
    if len(words) < 2:
        return None
    if kind == "abbreviate":
        long = [i for i, w in enumerate(words) if len(w) >= 6]
        if not long:
            return None
        i = rng.choice(long)
        return lead + "_".join([*words[:i], words[i][:3], *words[i + 1 :]])
    if kind == "camel":
        return lead + words[0] + "".join(w.capitalize() for w in words[1:])
    if kind == "joined":
        return lead + "".join(words)
    return None


def _self_uses(cls: ast.ClassDef) -> tuple[dict[str, list[int]], dict[str, list[int]]]:
    stores: dict[str, list[int]] = {}
    reads: dict[str, list[int]] = {}
    for method in cls.body:
        if not isinstance(method, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        if not method.args.args or method.decorator_list:
            continue
        me = method.args.args[0].arg
        for node in ast.walk(method):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id == me
                and not node.attr.startswith("__")
            ):
                table = stores if isinstance(node.ctx, ast.Store) else reads
                table.setdefault(node.attr, []).append(node.lineno)
    return stores, reads


def plan(tree: Path, per_tree: int, rng: random.Random) -> list[Slip]:
    files = sorted(
        p
        for p in tree.rglob("*.py")
        if not any(part.startswith("test") for part in p.relative_to(tree).parts)
    )
    text = "\n".join(p.read_text(errors="replace") for p in files)
    candidates: list[Slip] = []
    for path in files:
        try:
            module = ast.parse(path.read_text(errors="replace"))
        except SyntaxError:
            continue
        for cls in (n for n in ast.walk(module) if isinstance(n, ast.ClassDef)):
            stores, reads = _self_uses(cls)
            options: list[tuple[str, str, int]] = []
            for name, lines in stores.items():
                if len(set(lines)) >= 2 and len(name) >= 4:
                    options.append(("store", name, max(lines)))
            for name, lines in reads.items():
                if len(set(lines)) >= 2 and name in stores and len(name) >= 4:
                    options.append(("read", name, max(lines)))
            if not options:
                continue
            side, name, line = rng.choice(options)
            kinds = list(KINDS)
            rng.shuffle(kinds)
            for kind in kinds:
                slipped = _mutate(name, kind, rng)
                if (
                    slipped
                    and slipped != name
                    and not re.search(rf"\b{slipped}\b", text)
                ):
                    rel = path.relative_to(tree).as_posix()
                    candidates.append(Slip(rel, line, name, slipped, kind, side))
                    break
    rng.shuffle(candidates)
    return sorted(candidates[:per_tree], key=lambda s: (s.file, s.line))


def apply(copy: Path, slips: list[Slip]) -> list[Slip]:
    """Slip each typo into its line; the slips whose line held the name."""
    done: list[Slip] = []
    for slip in slips:
        path = copy / slip.file
        lines = path.read_text().splitlines(keepends=True)
        line = lines[slip.line - 1]
        pattern = rf"(\bself\.){re.escape(slip.name)}\b"
        if slip.side == "store":
            pattern += r"(?=\s*(?:[-+*/|&%]|//|\*\*)?=[^=])"
        else:
            pattern += r"(?!\s*(?:[-+*/|&%]|//|\*\*)?=[^=])"
        new, count = re.subn(pattern, rf"\g<1>{slip.slipped}", line, count=1)
        if count:
            lines[slip.line - 1] = new
            path.write_text("".join(lines))
            done.append(slip)
    return done


def _matches(typo: dict[str, object], copy: Path, slip: Slip) -> bool:
    code = "AS203" if slip.side == "store" else "AS206"
    shown = Path(str(typo["file"]))
    where = shown if shown.is_absolute() else copy / shown
    return (
        typo["code"] == code
        and typo["line"] == slip.line
        and where.resolve() == (copy / slip.file).resolve()
        and repr(slip.slipped) in str(typo["message"])
    )


def caught(report: dict[str, object], copy: Path, slip: Slip) -> bool:
    typos = report["typos"]
    assert isinstance(typos, list)
    return any(_matches(typo, copy, slip) for typo in typos)


def unexpected(
    report: dict[str, object], copy: Path, slips: list[Slip]
) -> list[dict[str, object]]:
    typos = report["typos"]
    assert isinstance(typos, list)
    return [t for t in typos if not any(_matches(t, copy, s) for s in slips)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("trees", nargs="+", type=Path)
    parser.add_argument("--per-tree", type=int, default=40)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--autoslot", type=Path, default=AUTOSLOT)
    parser.add_argument("--json", type=Path)
    options = parser.parse_args()
    rng = random.Random(options.seed)
    results: list[dict[str, object]] = []
    extra: list[dict[str, object]] = []
    for tree in options.trees:
        slips = plan(tree, options.per_tree, rng)
        with tempfile.TemporaryDirectory(prefix="typo-recall-") as scratch:
            copy = Path(scratch) / tree.name
            shutil.copytree(
                tree, copy, ignore=shutil.ignore_patterns(".autoslot_cache")
            )
            slips = apply(copy, slips)
            command = [str(options.autoslot), "typos", "--no-cache", "-q"]
            done = subprocess.run(  # noqa: PLW1510 - exit 1 means typos found
                [*command, "--output-format", "json", "."],
                cwd=copy,
                capture_output=True,
                text=True,
            )
            report = json.loads(done.stdout)
            for other in unexpected(report, copy, slips):
                extra.append({"tree": tree.name, **other})
                print(
                    f"unexpected  {tree.name}/{other['file']}:{other['line']}  "
                    f"{other['code']}  {other['message']}"
                )
            for slip in slips:
                hit = caught(report, copy, slip)
                results.append({"tree": tree.name, **slip.__dict__, "caught": hit})
                mark = "caught" if hit else "missed"
                print(
                    f"{mark}  {tree.name}/{slip.file}:{slip.line}  {slip.side:5}  "
                    f"{slip.kind:10}  {slip.name} -> {slip.slipped}"
                )
    by_kind: Counter[tuple[str, str, bool]] = Counter(
        (str(r["side"]), str(r["kind"]), bool(r["caught"])) for r in results
    )
    print("\nside   kind        caught / slipped")
    for side in ("store", "read"):
        for kind in KINDS:
            hit, miss = by_kind[(side, kind, True)], by_kind[(side, kind, False)]
            if hit + miss:
                print(f"{side:6} {kind:10}  {hit:3} / {hit + miss}")
    total = sum(1 for r in results if r["caught"])
    print(f"all: {total} / {len(results)}; unexpected findings: {len(extra)}")
    if options.json:
        options.json.parent.mkdir(parents=True, exist_ok=True)
        document = {"slips": results, "unexpected": extra}
        options.json.write_text(json.dumps(document, indent=2) + "\n")


if __name__ == "__main__":
    main()
