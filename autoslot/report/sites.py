"""Places in the project's source as the user sees them.

A run's result holds the project's paths (results.py), and a decision's
reason and a finding's message name their places as sites (decide/model.py):
here each becomes text, the path relative to the working directory, when the
report is written.
"""

from __future__ import annotations

from autoslot.decide.model import SITE, Decision, Finding, Site
from autoslot.results import FileError, FileResult, RunResult
from autoslot.util.paths import display_path


def site_text(site: Site) -> str:
    return f"{display_path(site.path)}:{site.line}"


def with_sites(text: str, sites: tuple[Site, ...]) -> str:
    """The text with each SITE in it replaced by its site, in order."""
    if not sites:
        return text
    first, *rest = text.split(SITE)
    pieces = [first]
    for site, piece in zip(sites, rest, strict=True):
        pieces += [site_text(site), piece]
    return "".join(pieces)


def reason_text(decision: Decision) -> str:
    return with_sites(decision.reason, decision.sites)


def message_text(finding: Finding) -> str:
    return with_sites(finding.message, finding.sites)


def finding_file(finding: Finding, file: str) -> str:
    """The file a finding is in, as shown: its own, or the class's (`file`)."""
    return display_path(finding.path or file)


def error_text(file: FileResult) -> str:
    """A failed file's error the way compilers write one: `path:line:col: message`."""
    error = file.error or FileError("failed")
    if error.line is not None:
        return f"{display_path(file.path)}:{error.line}:{error.column}: {error.message}"
    return f"{display_path(file.path)}: {error.message}"


def unreadable_notes(result: RunResult) -> list[str]:
    return [
        f"warning: cannot read the directory {display_path(d)}; "
        "the files in it were not analysed"
        for d in result.unreadable_directories
    ]
