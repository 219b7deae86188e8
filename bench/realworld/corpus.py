"""The pinned corpus: projects nobody wrote for autoslot's tests, and how to test each.

Each project is fetched as the source distribution of one exact version; its
tests run against the unpacked source tree (never an installed copy), so the
same command exercises the pristine tree and the rewritten one.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Project:
    name: str  # short name for --only and the report
    requirement: str  # NAME==VERSION as pip downloads it
    package: str  # import name; the directory autoslot rewrites
    src: str  # directory (relative to the sdist root) holding the package
    tests: tuple[str, ...]  # pytest arguments, relative to the sdist root
    deps: tuple[str, ...]  # installed in the project's cached virtualenv
    workload: str = ""  # name of a memory workload in workloads.py, if any
    runner: str = "pytest"  # or "unittest"


CORPUS: tuple[Project, ...] = (
    Project(
        name="chess",
        requirement="chess==1.9.0",
        package="chess",
        src=".",
        # test.py is a unittest module; pytest collects it so every project
        # reports through the same junit XML
        tests=("test.py",),
        deps=("pytest",),
        workload="chess",
    ),
    Project(
        name="simpy",
        requirement="simpy==4.1.2",
        package="simpy",
        src="src",
        tests=("tests",),
        deps=("pytest", "pytest-benchmark"),
        workload="simpy",
    ),
    Project(
        name="pyparsing",
        requirement="pyparsing==3.3.3",
        package="pyparsing",
        src=".",
        tests=("tests",),
        # the `diagrams` extra, so tests/test_diagram.py runs instead of skipping
        deps=("pytest", "railroad-diagrams", "jinja2"),
    ),
    Project(
        name="markdown",
        requirement="Markdown==3.11.3",
        package="markdown",
        src=".",
        tests=("tests",),
        # the `testing` extra (coverage is only its report tool, not needed)
        deps=("pytest", "pyyaml"),
        workload="markdown",
        # as its tox.ini does: `unittest discover tests`
        runner="unittest",
    ),
    Project(
        name="mistune",
        requirement="mistune==3.4.0",
        package="mistune",
        src="src",
        tests=("tests",),
        deps=("pytest",),
        workload="mistune",
    ),
)
