"""HTML conformance: the W3C Nu HTML Checker (npm vnu-jar, run with Java) on every page of the built
site, its errors and warnings split by whose markup they are about.

A finding is Material's (upstream) when the start tag it points at is written by one of Material's
templates and by none of the site's (overrides/); every other finding is the project's. The aim
(issue 14): no error or warning from the project's templates.

    .venv/bin/python benchmarks/html_conformance.py [--site DIR]

Needs Java 11+ and node_modules/vnu-jar (`npm ci`, as `make bench` does).
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
START_TAG = re.compile(r"<[a-zA-Z][^<>]*>")


@dataclass(frozen=True)
class Finding:
    page: str
    line: int
    kind: str  # error, warning
    message: str
    markup: str  # the start tag the finding points at, as written in the page
    upstream: bool


def ensure_installed() -> None:
    if VNU.exists():
        return
    if shutil.which("npm") is None:
        raise SystemExit("The HTML check needs Node.js with npm (npm ci installs vnu-jar)")
    subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=ROOT, check=True)


def material_templates() -> str:
    import material

    folder = Path(material.__file__).parent / "templates"
    return "\n".join(p.read_text(encoding="utf-8") for p in folder.rglob("*.html"))


def site_templates() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "overrides").rglob("*.html"))


def pointed_tag(extract: str, start: int) -> str:
    """The start tag of `extract` that covers (or follows) the position vnu points at."""
    for match in START_TAG.finditer(extract):
        if match.end() > start:
            return match.group(0)
    return extract.strip()


def written_by(tag: str, templates: str) -> bool:
    """Whether a template writes this start tag: its name and each attribute with a literal value."""
    name = re.match(r"<([a-zA-Z0-9]+)", tag).group(1)
    attributes = re.findall(r'([a-zA-Z_:][-a-zA-Z0-9_:.]*)="([^"{}]*)"', tag)
    literal = [f'{key}="{value}"' for key, value in attributes]
    for candidate in re.finditer(rf"<{name}\b[^<>]*>", templates):
        if all(part in candidate.group(0) for part in literal):
            return True
    return False


def check(site: Path) -> list[Finding]:
    pages = sorted(site.rglob("*.html"))
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--format", "json", "--also-check-svg", *map(str, pages)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    material, ours = material_templates(), site_templates()
    findings = []
    for message in messages:
        kind = "warning" if message.get("subType") == "warning" else message["type"]
        if kind not in ("error", "warning"):
            continue
        extract = message.get("extract", "")
        tag = pointed_tag(extract, message.get("hiliteStart", 0))
        upstream = written_by(tag, material) and not written_by(tag, ours)
        page = Path(message["url"].removeprefix("file:")).relative_to(site.resolve()).as_posix()
        findings.append(Finding(page, message.get("lastLine", 0), kind, message["message"], tag, upstream))
    return findings


def report(findings: list[Finding], pages: int) -> list[str]:
    ours = [f for f in findings if not f.upstream]
    upstream = [f for f in findings if f.upstream]
    lines = [
        "## HTML conformance (W3C Nu HTML Checker)",
        "",
        f"vnu-jar on the {pages} pages of the built site (benchmarks/html_conformance.py). A finding is "
        "Material's when the",
        "start tag it points at is written by Material's templates and by none of overrides/.",
        "",
        f"From this project's templates: {len(ours)} (aim 0: {'met' if not ours else 'missed'}).",
    ]
    for (kind, message, tag), count in Counter((f.kind, f.message, f.markup) for f in ours).most_common():
        lines.append(f"- {kind}, {count} pages: {message} `{tag}`")
    lines += ["", f"From Material upstream: {len(upstream)}."]
    for (kind, message, tag), count in Counter((f.kind, f.message, f.markup) for f in upstream).most_common():
        lines.append(f"- {kind} on {count} pages: {message} `{tag}`")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--site", type=Path)
    args = parser.parse_args()
    ensure_installed()
    from benchmarks.site_build import site_for

    with tempfile.TemporaryDirectory(prefix="vnu-") as tmp:
        site = site_for(args.site, Path(tmp))
        findings = check(site)
        print("\n".join(report(findings, len(list(site.rglob("*.html"))))))


if __name__ == "__main__":
    main()
