"""Places in the project's source as the user sees them.

A decision's reason and a finding's message name their places as sites
(decide/model.py): here each becomes `path:line`, the path relative to the
working directory, when the report is written.
"""

from __future__ import annotations

from autoslot.decide.model import SITE, Decision, Finding, Site
from autoslot.paths import display_path


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
    return display_path(finding.path) if finding.path else file
