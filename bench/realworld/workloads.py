"""Memory workloads, run by memory.py in a project's virtualenv with its tree on sys.path.

    python workloads.py NAME time|memory

Prints one JSON line: where the package was imported from (`origin`), what was
done (`work`), the wall time of the work in seconds, and, in `memory` mode,
the peak traced memory (tracemalloc starts after the input is built, so only
the work counts). Everything the work produces is kept alive until the peak
is read, as a program holding parsed documents would. Stdlib plus the project.
"""

from __future__ import annotations

import importlib
import json
import random
import sys
import time
import tracemalloc
from collections.abc import Callable
from typing import Any

Work = Callable[[], Any]


def chess_workload() -> tuple[str, Work]:
    """Parse many PGN games (generated here from seeded random play) and keep them."""
    import chess
    import chess.pgn

    rng = random.Random(8)
    games = []
    for number in range(300):
        board = chess.Board()
        for _ in range(rng.randrange(40, 100)):
            moves = list(board.legal_moves)
            if not moves or board.is_game_over():
                break
            board.push(rng.choice(moves))
        game = chess.pgn.Game.from_board(board)
        game.headers["Event"] = f"autoslot {number}"
        games.append(str(game))
    text = "\n\n".join(games) + "\n"

    def work() -> Any:
        import io

        handle = io.StringIO(text)
        parsed = []
        while (game := chess.pgn.read_game(handle)) is not None:
            parsed.append(game)
        # also keep every position of every game, as an analysis tool would
        boards = [list(g.mainline()) for g in parsed]
        return parsed, boards

    return f"parse {len(games)} generated PGN games, keep every node", work


def simpy_workload() -> tuple[str, Work]:
    """Run a shop of many customers and a shared resource; keep the events."""
    import simpy

    def work() -> Any:
        env = simpy.Environment()
        counter = simpy.Resource(env, capacity=5)
        kept: list[Any] = []

        def customer(env: Any, number: int) -> Any:
            with counter.request() as request:
                kept.append(request)
                yield request
                timeout = env.timeout(1 + number % 7)
                kept.append(timeout)
                yield timeout

        for number in range(20000):
            kept.append(env.process(customer(env, number)))
        env.run()
        return kept

    return "20000 processes sharing one resource, every event kept", work


def _document(sections: int) -> str:
    rng = random.Random(8)
    words = [
        "alpha",
        "beta",
        "gamma",
        "delta",
        "epsilon",
        "zeta",
        "eta",
        "theta",
        "iota",
        "kappa",
    ]
    parts = []
    for n in range(sections):
        text = " ".join(rng.choice(words) for _ in range(40))
        parts.append(
            f"## Section {n}\n\n{text} *emph* **strong** `code` "
            f"[link {n}](http://example.com/{n}).\n\n"
            f"- item one {n}\n- item two with _more_ text\n    - nested {n}\n\n"
            f"> quoted {text[:60]}\n\n"
            f"    indented code {n}\n\n"
            f"1. first\n2. second\n\n"
        )
    return "".join(parts)


def markdown_workload() -> tuple[str, Work]:
    import markdown

    text = _document(1500)

    def work() -> Any:
        md = markdown.Markdown(extensions=["extra", "toc"])
        html = md.convert(text)
        # the element tree the converter built stays alive with `md`
        return md, html

    return f"render a generated {len(text) // 1024} KiB document (extra, toc)", work


def mistune_workload() -> tuple[str, Work]:
    import mistune

    text = _document(1500)

    def work() -> Any:
        ast = mistune.create_markdown(renderer=None)(text)
        html = mistune.html(text)
        return ast, html

    return f"parse to AST and render a generated {len(text) // 1024} KiB document", work


WORKLOADS = {
    "chess": ("chess", chess_workload),
    "simpy": ("simpy", simpy_workload),
    "markdown": ("markdown", markdown_workload),
    "mistune": ("mistune", mistune_workload),
}


def main() -> None:
    name, mode = sys.argv[1], sys.argv[2]
    package, build = WORKLOADS[name]
    origin = importlib.import_module(package).__file__
    description, work = build()
    if mode == "memory":
        tracemalloc.start()
    started = time.perf_counter()
    kept = work()
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1] if mode == "memory" else 0
    del kept
    result = {"origin": origin, "work": description, "seconds": seconds, "peak": peak}
    print(json.dumps(result))


if __name__ == "__main__":
    main()
