"""A run's decisions do not depend on the directory autoslot runs from: they
hold the project's paths, and only the report shows them relative to the
working directory (report/sites.py). So checking a project from its root
and from its parent gives the same result, the same report but for the
path prefix, and the run cache answers both.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from autoslot.config.settings import Settings
from autoslot.pipeline import analysis, verdicts
from autoslot.pipeline.project_files import read_project
from autoslot.pipeline.runner import run
from tests.helpers import autoslot, project

# every way a reason or a finding names a place in another file
FILES = {
    "shop/__init__.py": "",
    "shop/camera.py": """\
        from dataclasses import dataclass


        class Camera:
            def __init__(self):
                self.exposure_time = 0.01

            def describe(self):
                return f"{self.exposure_time}s"


        @dataclass
        class Point:
            x: int
        """,
    "shop/pets.py": """\
        class Cat:
            lives = 9

            def __init__(self, name):
                self.name = name


        class Dog:
            def __init__(self, name, breed):
                self.name, self.breed = name, breed


        class Item:
            def __init__(self):
                self.price = 3


        def make():
            return Item()
        """,
    "shop/app.py": """\
        import sys

        from shop.camera import Camera, Point
        from shop.pets import Cat, Dog

        cam = Camera()
        cam.exp_time = 0.5  # AS203 here, AS127 on Camera
        pet = Cat("tom")
        pet.__class__ = Dog  # AS108 on Cat and Dog
        point = Point(1)
        point.z = 2  # AS118 on Point


        def mark(thing):
            thing.flag = True  # AS114 here, and on Item (made in pets.py)


        mark(sys.modules)
        """,
}
# the reasons above, as the report from the project's root shows them
EXPECTED = (
    "shop/camera.py:4: AS127 Camera left alone: 'exp_time' (shop/app.py:7)",
    "shop/pets.py:1: AS108 Cat left alone: shop/app.py:9 assigns pet.__class__",
    "shop/camera.py:13: AS118 Point left alone: 'z' is stored (shop/app.py:11,",
    "shop/pets.py:13: AS114 Item left alone: shop/app.py:15 stores 'flag' on "
    "thing, which may be an instance of this class: its instances reach code "
    "autoslot cannot see (shop/pets.py:18)",
    "shop/app.py:7: AS203 Camera: 'exp_time' is written",
    "shop/app.py:15: AS114 stores 'flag' on thing",
)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return project(tmp_path / "proj", FILES)


def test_the_result_is_the_same_from_the_root_and_from_its_parent(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(root)
    inside = run([Path()], Settings(cache=False))
    monkeypatch.chdir(root.parent)
    outside = run([Path("proj")], Settings(cache=False))
    assert inside == outside
    assert {c.decision.code for c in inside.classes} >= {"AS108", "AS114", "AS127"}


def test_the_report_differs_only_in_the_path_prefix(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(root)
    text = autoslot("check", "-v", "--no-cache", ".").stderr
    document = autoslot("check", "--no-cache", "--output-format", "json", ".").stdout
    for line in EXPECTED:
        assert line in text
    monkeypatch.chdir(root.parent)
    assert autoslot("check", "-v", "--no-cache", "proj").stderr == text.replace(
        "shop/", "proj/shop/"
    )
    from_parent = autoslot("check", "--no-cache", "--output-format", "json", "proj")
    assert json.loads(from_parent.stdout) == json.loads(
        document.replace("shop/", "proj/shop/")
    )


def test_the_run_cache_key_does_not_depend_on_the_working_directory(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = Settings()

    def key() -> bytes:
        files = read_project([root], settings)
        files.read_all()
        context = verdicts.context_key(list(files.failures), files.targets, settings)
        return verdicts.content_key(context, files.digests)

    monkeypatch.chdir(root)
    from_root = key()
    monkeypatch.chdir(root.parent)
    assert key() == from_root


def test_a_result_stored_from_the_root_answers_a_check_from_its_parent(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(root.parent)
    fresh = autoslot("check", "-v", "--no-cache", "proj")
    monkeypatch.chdir(root)
    autoslot("check", "-v", ".")  # stores the result

    def not_again(*args: object) -> None:
        raise AssertionError("the stored result was not reused")

    monkeypatch.setattr(analysis, "analyse_files", not_again)
    monkeypatch.chdir(root.parent)
    assert autoslot("check", "-v", "proj") == fresh
