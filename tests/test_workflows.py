"""CI hygiene: the workflows pass actionlint and zizmor, every action is pinned by SHA at its current
major, deploy runs what a pull request runs, Dependabot watches every pinned ecosystem, the locks follow
their .in files, and the issue forms and pull-request template have what the site's links fill in."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT

GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
USES = re.compile(r"^\s*(?:-\s*)?uses:\s*(?P<action>[^@\s]+)@(?P<ref>\S+)(?:\s*#\s*(?P<comment>.*))?$", re.M)
# The major of each action the workflows use, current on 2026-11-29.
CURRENT_MAJOR = {
    "actions/checkout": "v6",
    "actions/setup-python": "v6",
    "actions/upload-artifact": "v7",
    "actions/configure-pages": "v6",
    "actions/upload-pages-artifact": "v5",
    "actions/deploy-pages": "v5",
}


def tool(name: str) -> str:
    path = Path(sys.executable).parent / name
    return str(path) if path.exists() else (shutil.which(name) or pytest.skip(f"{name} is not installed"))


def test_actionlint_finds_nothing():
    result = subprocess.run([tool("actionlint"), *map(str, WORKFLOWS)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_finds_nothing_even_pedantic():
    result = subprocess.run(
        [tool("zizmor"), "--offline", "--persona", "pedantic", str(GITHUB)], capture_output=True, text=True
    )
    assert result.returncode == 0 and "No findings" in result.stdout, result.stdout + result.stderr


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda path: path.name)
def test_actions_are_pinned_by_sha_at_their_current_major(workflow):
    text = workflow.read_text(encoding="utf-8")
    found = list(USES.finditer(text))
    assert found
    for use in found:
        assert re.fullmatch(r"[0-9a-f]{40}", use["ref"]), f"{use['action']} is not pinned by SHA"
        assert use["comment"], f"{use['action']}: say the version in a comment"
        assert use["comment"].split(".")[0] == CURRENT_MAJOR[use["action"]], use.group()
    assert "pull_request_target" not in yaml.safe_load(text)[True]  # the `on:` key, read by YAML 1.1 as True
    assert "persist-credentials: false" in text
    assert yaml.safe_load(text)["permissions"] == {"contents": "read"}


def test_deploy_runs_what_a_pull_request_runs_before_it_publishes():
    jobs = yaml.safe_load((GITHUB / "workflows" / "deploy.yml").read_text(encoding="utf-8"))["jobs"]
    runs = [step.get("run", "") for step in jobs["build"]["steps"]]
    assert runs.index("make check") < runs.index("make test") < runs.index("make pdf")  # make pdf builds too
    assert jobs["deploy"]["needs"] == "build"
    for name in ("deploy.yml", "pull-request.yml"):
        steps = yaml.safe_load((GITHUB / "workflows" / name).read_text(encoding="utf-8"))["jobs"]
        checkout = next(s for job in steps.values() for s in job["steps"] if "checkout" in s.get("uses", ""))
        assert checkout["with"]["fetch-depth"] == 0, (
            f"{name}: history gives the translation and last-changed dates"
        )


def test_pull_requests_get_annotations_a_summary_and_the_built_site():
    steps = yaml.safe_load((GITHUB / "workflows" / "pull-request.yml").read_text(encoding="utf-8"))["jobs"][
        "test"
    ]["steps"]
    runs = "\n".join(step.get("run", "") for step in steps)
    assert "--github" in runs and '--summary "$GITHUB_STEP_SUMMARY"' in runs and "make test" in runs
    upload = next(step for step in steps if "upload-artifact" in step.get("uses", ""))
    assert (
        upload["with"]["name"] == "pages-built-by-the-base-branch"
        and upload["with"]["path"] == "review-site/"
    )
    review = next(step for step in steps if step.get("id") == "review")
    assert "origin/$BASE_REF" in review["run"] and "cp -R docs data" in review["run"]


def test_dependabot_watches_every_pinned_ecosystem_with_a_cooldown():
    config = yaml.safe_load((GITHUB / "dependabot.yml").read_text(encoding="utf-8"))
    updates = {update["package-ecosystem"]: update for update in config["updates"]}
    assert set(updates) == {"github-actions", "pip", "npm"}
    assert updates["pip"]["directory"] == "/requirements"
    for update in updates.values():
        assert update["cooldown"]["default-days"] >= 7


@pytest.mark.parametrize("name", ["pip", "site", "test"])
def test_each_lock_pins_what_its_in_file_pins(name):
    """Dependabot bumps the .in files; a bump without `make lock` fails here."""
    pins = re.findall(
        r"(?m)^([A-Za-z0-9_.-]+)==([^\s;#]+)", (ROOT / "requirements" / f"{name}.in").read_text("utf-8")
    )
    lock = (ROOT / "requirements" / f"{name}.lock").read_text(encoding="utf-8")
    assert pins
    for package, version in pins:
        assert re.search(rf"(?mi)^{re.escape(package)}=={re.escape(version)} ", lock), (
            f"{package}=={version} in {name}.lock"
        )


def test_the_pip_that_installs_everything_is_pinned():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "--upgrade pip" not in makefile
    assert "pip install --quiet --require-hashes -r requirements/pip.lock" in makefile


def form(name: str) -> dict:
    return yaml.safe_load((GITHUB / "ISSUE_TEMPLATE" / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", ["correction.yml", "translation.yml"])
def test_issue_forms_have_the_fields_the_report_links_fill_in(name):
    data = form(name)
    ids = {item.get("id") for item in data["body"]}
    assert {"page", "anchor", "language", "section", "problem"} <= ids
    for item in data["body"]:
        if item["type"] != "markdown":
            label = item["attributes"]["label"]
            assert " · " in label and re.search(r"[\u4e00-\u9fff]", label) and re.search(r"[A-Za-z]", label)


def test_questions_go_elsewhere_and_pull_requests_have_a_checklist():
    config = form("config.yml")
    assert config["blank_issues_enabled"] is False
    assert any("discussions" in link["url"] for link in config["contact_links"])
    template = (GITHUB / "pull_request_template.md").read_text(encoding="utf-8")
    assert template.count("- [ ]") == 3
    for words in ("出处", "source", "make check", "Both languages", "两种语言"):
        assert words in template
