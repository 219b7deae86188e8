"""The pinned corpus: projects nobody wrote for autoslot's tests, and how to test each.

Each project is fetched as the source distribution of one exact version; its
tests run against the unpacked source tree (never an installed copy), so the
same command exercises the pristine tree and the rewritten one.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Deselected:
    """A test left out of both runs, and why: on the pristine tree it fails offline."""

    test: str  # a pytest node id (path::name), or a path to --ignore whole
    why: str


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
    # what `autoslot fix` is given, relative to the sdist root; empty means the
    # package directory, so one project can appear in several modes
    fix_paths: tuple[str, ...] = ()
    deselected: tuple[Deselected, ...] = ()

    def fix_targets(self) -> tuple[str, ...]:
        return self.fix_paths or (f"{self.src}/{self.package}",)

    def test_arguments(self) -> tuple[str, ...]:
        """The test selection, the deselections included (pytest only)."""
        left_out: list[str] = []
        for entry in self.deselected:
            flag = "--deselect" if "::" in entry.test else "--ignore"
            left_out += [flag, entry.test]
        return (*self.tests, *left_out)


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
    Project(
        name="click",
        requirement="click==8.1.7",
        package="click",
        src="src",
        tests=("tests",),
        # its requirements/tests.txt pin: the suite turns warnings into
        # errors, and pytest 8 warns about a parametrize iterator it uses
        deps=("pytest==7.4.0",),
    ),
    Project(
        # the whole sdist tree, tests included: autoslot analyses the tests
        # and must never slot a test class
        name="click-all",
        requirement="click==8.1.7",
        package="click",
        src="src",
        tests=("tests",),
        deps=("pytest==7.4.0",),
        fix_paths=(".",),
    ),
    Project(
        name="requests",
        requirement="requests==2.32.3",
        package="requests",
        src="src",
        tests=("tests",),
        # its runtime deps (the project itself is never installed), the
        # `socks` extra, and requirements-dev.txt's test tools: pytest-httpbin
        # serves httpbin on the loopback interface, trustme makes its
        # certificates, so everything below runs offline
        deps=(
            *("charset_normalizer<4", "idna<4", "urllib3<3", "certifi", "PySocks"),
            *("pytest", "pytest-httpbin==2.0.0", "httpbin~=0.10.0", "trustme"),
        ),
        deselected=(
            Deselected(
                "tests/test_requests.py::TestTimeout::test_connect_timeout",
                "connects to 10.255.255.1 and expects the connect to time out;"
                " with no route off the machine it fails at once instead",
            ),
            Deselected(
                "tests/test_requests.py::TestTimeout::test_total_timeout_connect",
                "the same unroutable address as test_connect_timeout",
            ),
            Deselected(
                "tests/test_requests.py::TestPreparingURLs"
                "::test_different_connection_pool_for_mtls_settings",
                "no network, but the client certificate the sdist ships in"
                " tests/certs/mtls expired on 2026-03-13: the loopback TLS"
                " handshake fails on the pristine tree",
            ),
        ),
    ),
    Project(
        name="humanize",
        requirement="humanize==4.9.0",
        package="humanize",
        src="src",
        tests=("tests",),
        # humanize/__init__.py reads its version with importlib.metadata, so
        # the distribution's metadata must exist; PYTHONPATH still puts the
        # source tree first, and the harness proves the tests import the copy
        deps=("pytest", "freezegun", "humanize==4.9.0"),
    ),
    Project(
        # a compiler: AST nodes, visitors, a runtime with many small classes
        name="jinja2",
        requirement="jinja2==3.1.4",
        package="jinja2",
        src="src",
        tests=("tests",),
        deps=("pytest", "MarkupSafe>=2.0"),
    ),
    Project(
        # a parser's tree nodes (most already slotted), a diff parser, caches
        name="parso",
        requirement="parso==0.8.4",
        package="parso",
        src=".",
        tests=("test",),
        deps=("pytest",),
    ),
    Project(
        # generated AST node classes with __slots__, a PLY lexer and parser;
        # its suite is unittest, collected by pytest
        name="pycparser",
        requirement="pycparser==2.22",
        package="pycparser",
        src=".",
        tests=("tests",),
        deps=("pytest",),
    ),
    Project(
        # an ast visitor with a class per binding kind and per message; the
        # tests live inside the package (pyflakes/test)
        name="pyflakes",
        requirement="pyflakes==3.2.0",
        package="pyflakes",
        src=".",
        tests=("pyflakes/test",),
        deps=("pytest",),
    ),
    Project(
        # token and grouping classes in a deep hierarchy, filters, a lexer
        name="sqlparse",
        requirement="sqlparse==0.5.1",
        package="sqlparse",
        src=".",
        tests=("tests",),
        deps=("pytest",),
    ),
    Project(
        # fields, schemas built by a metaclass, class registries, hooks
        name="marshmallow",
        requirement="marshmallow==3.22.0",
        package="marshmallow",
        src="src",
        tests=("tests",),
        # the `tests` extra and its runtime dep; tests/test_version_attributes.py
        # reads the version through importlib.metadata, hence the pinned
        # distribution itself (PYTHONPATH still puts the tree under test first)
        deps=(
            *("pytest", "pytz", "simplejson", "packaging>=17.0"),
            "marshmallow==3.22.0",
        ),
    ),
    Project(
        # versions, specifiers, markers, metadata: value classes and parsers
        name="packaging",
        requirement="packaging==24.1",
        package="packaging",
        src="src",
        tests=("tests",),
        deps=("pytest", "pretend"),
    ),
    Project(
        # a parser generator: grammar and tree classes, Earley/LALR/CYK
        # parsers, lexers, transformers and visitors, a standalone generator
        name="lark",
        requirement="lark==1.2.2",
        package="lark",
        src=".",
        tests=("tests",),
        # the `regex` and `interegular` extras, so the tests that need them
        # run instead of skipping (js2py only serves the ignored nearley tests)
        deps=("pytest", "regex", "interegular>=0.3.1,<0.4.0"),
        deselected=(
            Deselected(
                "tests/test_nearley",
                "needs nearley.js, a git submodule the sdist does not ship: the"
                " module raises ImportError, which aborts pytest's collection",
            ),
        ),
    ),
    Project(
        # ASN.1 types (a deep hierarchy of value classes, constraints, named
        # types and values) and the BER/CER/DER/native codecs' per-type coders
        name="pyasn1",
        requirement="pyasn1==0.6.1",
        package="pyasn1",
        src=".",
        tests=("tests",),
        # a unittest suite (tests/__main__.py gathers each module's `suite`),
        # collected by pytest: the same 1179 test cases. autoslot at 458cae1
        # breaks 25 of them: it slots the NoValue sentinel, whose __getattr__
        # raises PyAsn1Error for an unset slot that pickling reads
        deps=("pytest",),
    ),
    Project(
        # a style-preserving TOML document model: an item class per TOML
        # value, containers, a parser, a source tracker
        name="tomlkit",
        requirement="tomlkit==0.13.2",
        package="tomlkit",
        src=".",
        # the sdist ships the toml-test and toml-spec-tests suites' data
        tests=("tests",),
        # its dev dependencies: tests/test_toml_spec_tests.py reads YAML
        deps=("pytest", "pyyaml"),
    ),
    Project(
        # a document tree (a node class per element), the reStructuredText
        # parser's state machine, directives and roles, transforms, writers
        name="docutils",
        requirement="docutils==0.21.2",
        package="docutils",
        src=".",
        tests=("test",),
        # its optional syntax highlighter, so the `code` directive's tests
        # run; pinned to a Pygments of its release's time (2.21 no longer
        # emits the whitespace tokens test_code.py and test_code_long.py
        # expect). Its test modules loop over samples in subTests: pytest
        # reports some 400 test ids for about 1700 cases, and a failing
        # subTest fails its test
        deps=("pytest", "pygments==2.17.2"),
    ),
    Project(
        # a lexer class per language (regex lexers built by a metaclass),
        # formatters, filters, styles, token types
        name="pygments",
        requirement="pygments==2.18.0",
        package="pygments",
        src=".",
        # the sdist ships the golden token streams of tests/snippets and
        # tests/examplefiles, which tests/conftest.py collects as tests
        tests=("tests",),
        # its tox.ini's test deps, less pytest-cov and pytest-randomly (a
        # random order would make two runs incomparable)
        deps=("pytest~=8.2", "wcag-contrast-ratio"),
    ),
    Project(
        # rrule and rruleset, relativedelta, the parser and its parserinfo,
        # tzinfo classes for every kind of time zone
        name="dateutil",
        requirement="python-dateutil==2.9.0.post0",
        package="dateutil",
        src="src",
        # as its tox.ini does (docs/exercises holds a *_solution.py test);
        # the suite reads the zoneinfo tarball the package ships and the
        # system's /usr/share/zoneinfo, no network
        tests=("tests", "docs"),
        # its requirements-dev.txt, less coverage, build and attrs. Its
        # setup.cfg turns warnings into errors: pytest-cov registers the
        # no_cover mark tests/conftest.py adds, and a newer pytest (9.2) warns
        # about a parametrize generator in tests/test_isoparser.py (click's pin)
        deps=("pytest==7.4.0", "pytest-cov", "six", "freezegun", "hypothesis"),
    ),
    Project(
        # a YAML scanner, parser, composer and emitter with a class per token,
        # event and node kind, constructors and representers per tag
        name="pyyaml",
        requirement="PyYAML==6.0.2",
        package="yaml",
        # the pure-Python package; the sdist's top-level yaml/ holds only the
        # Cython sources of the optional libyaml binding, which is never
        # built here, so `from yaml import _yaml` fails and every test takes
        # the pure-Python path
        src="lib",
        # its legacy tests, which tests/legacy_tests/conftest.py collects as
        # one pytest item per data file in tests/legacy_tests/data
        tests=("tests/legacy_tests",),
        deps=("pytest",),
    ),
    Project(
        # a prober class per encoding and language family, state machines,
        # the universal detector
        name="chardet",
        requirement="chardet==5.2.0",
        package="chardet",
        src=".",
        # its setup.cfg collects test.py only: a test per sample file in
        # tests/, and two hypothesis tests. A fixed seed gives both runs the
        # same examples: on the pristine tree test_detect_all_and_detect_one_
        # should_agree finds inputs where detect and detect_all disagree (a
        # chardet bug, so it fails there and counts for neither run)
        tests=("test.py", "--hypothesis-seed=0"),
        deps=("pytest", "hypothesis"),
    ),
    Project(
        # some 30 utility modules: caches, ordered multi-dicts, sets, queues,
        # tables, URLs, traceback and function-signature objects
        name="boltons",
        requirement="boltons==24.0.0",
        package="boltons",
        src=".",
        # as its tox.ini does: the modules' doctests and tests/
        tests=("--doctest-modules", "boltons", "tests"),
        # tests/conftest.py's pytest_ignore_collect takes the py.path `path`
        # argument, which pytest 9 no longer passes
        deps=("pytest==7.4.0",),
    ),
    Project(
        # a web framework in one module: request, response, router, route,
        # plugin, template and server adapter classes
        name="bottle",
        requirement="bottle==0.13.2",
        package="bottle",
        src=".",
        tests=("test",),
        # the template engines test/test_jinja2.py and test/test_mako.py
        # exercise, so they run instead of skipping
        deps=("pytest", "jinja2", "mako"),
        # a single module, not a package directory
        fix_paths=("bottle.py",),
    ),
    Project(
        # state machines: states, transitions, events, conditions and the
        # machine, each extended by nesting, locking, async and diagram mixins
        name="transitions",
        requirement="transitions==0.9.2",
        package="transitions",
        src=".",
        # its pytest.ini stops at the first failure (-x): --maxfail=0 lifts
        # that, so a failure after the rewrite leaves the rest of the suite
        # running and comparable
        tests=("tests", "--maxfail=0"),
        # its runtime dep and requirements_test.txt, less pytest-cov,
        # pytest-runner and pytest-xdist. The diagram tests skip: graphviz
        # and pygraphviz need Graphviz's binaries and library
        deps=("six", "pytest", "mock", "dill", "pycodestyle"),
    ),
    Project(
        # a terminal UI toolkit: a document and buffer model, key bindings,
        # a layout of containers and controls, filters, styles, widgets
        name="prompt_toolkit",
        requirement="prompt_toolkit==3.0.48",
        package="prompt_toolkit",
        src="src",
        tests=("tests",),
        # its one runtime dep
        deps=("pytest", "wcwidth"),
    ),
    Project(
        # an HTML sanitizer and linkifier on a vendored html5lib: tokenizer,
        # parser phases, tree builders and walkers, filters, serializer
        name="bleach",
        requirement="bleach==6.1.0",
        package="bleach",
        src=".",
        tests=("tests",),
        # its runtime deps (the vendored html5lib's) and the `css` extra, so
        # tests/test_css.py runs instead of skipping
        deps=("pytest", "six>=1.9.0", "webencodings", "tinycss2>=1.1.0,<1.3"),
    ),
)
