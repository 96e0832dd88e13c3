"""A section is two files: `make new-section` writes them, and the build puts the section everywhere.

Through real builds of a copy of the project: the nav, both home pages, the topic index, the dataset,
llms.txt, the PDF link and every count follow from the two pages; adding one redraws only the
link-preview cards that show something new.
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image
from selectolax.lexbor import LexborHTMLParser

from tests.conftest import mkdocs_build
from tests.shared import completed, key, process

SLUG = "knowledge-distillation"
TITLES = {"zh": "语言模型中的知识蒸馏", "en": "Knowledge Distillation"}


def new_section(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "hooks/new_section.py", *args, "--root", str(project)],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=60,
    )


def cards(site: Path) -> dict[str, str]:
    folder = site / "assets" / "images" / "social"
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in folder.rglob("*.png")
    }


def drawn(log: str) -> int:
    return int(re.search(r"Link-preview cards: (\d+) drawn", log).group(1))


def page(site: Path, path: str) -> LexborHTMLParser:
    return LexborHTMLParser((site / path).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def two_builds(builds):
    """The project built, then built again with a 21st section added by `make new-section`."""
    from tests.conftest import copy_project

    def make(base: Path) -> list:
        project = copy_project(base / "project")
        env = {"LLM_QA_CACHE_DIR": str(base / "cache")}
        before = mkdocs_build(project, base / "before", env=env)
        assert before.returncode == 0, before.stderr[-3000:]
        made = new_section(project, SLUG, "--topic", "训练与优化")
        assert made.returncode == 0, made.stderr
        for lang, title in TITLES.items():
            path = project / "docs" / lang / f"{SLUG}.md"
            text = path.read_text(encoding="utf-8")
            path.write_text(re.sub(r"(?m)^# .*$", f"# {title}", text, count=1), encoding="utf-8")
        after = mkdocs_build(project, base / "after", env=env)
        return [str(base), completed(before), completed(after), completed(made)]

    base, before, after, made = builds.once(key("new-section", SLUG, TITLES), make)
    base = Path(base)
    return base / "project", base / "before", process(before), base / "after", process(after), process(made)


def test_new_section_writes_both_files_with_the_next_number(two_builds):
    project, *_, made = two_builds
    assert f"docs/zh/{SLUG}.md" in made.stdout and f"docs/en/{SLUG}.md" in made.stdout
    zh = (project / "docs/zh" / f"{SLUG}.md").read_text(encoding="utf-8")
    en = (project / "docs/en" / f"{SLUG}.md").read_text(encoding="utf-8")
    assert "id: 21\n" in zh and "id: 21\n" in en
    assert "  - 训练与优化\n" in zh and "  - Training & Optimization\n" in en


def test_new_section_refuses_a_bad_name_or_topic(project):
    bad = new_section(project, "Knowledge_Distillation")
    assert bad.returncode != 0 and "lowercase ASCII letters, digits and '-'" in bad.stderr
    assert "Traceback" not in bad.stderr
    unknown = new_section(project, SLUG, "--topic", "蒸馏")
    assert unknown.returncode != 0 and "is not a topic of the nav: use one of 推理与部署" in unknown.stderr
    taken = new_section(project, "overfitting")
    assert taken.returncode != 0 and "docs/zh/overfitting.md exists already" in taken.stderr
    assert not list((project / "docs").rglob(f"{SLUG}.md"))


def test_the_added_section_builds_without_a_warning(two_builds):
    *_, after, _ = two_builds
    assert after.returncode == 0, after.stderr[-3000:]
    assert "WARNING" not in after.stderr, after.stderr[-3000:]


def test_the_section_is_in_its_topic_of_the_nav_in_number_order(two_builds):
    _, _, _, site, _, _ = two_builds
    for folder in ("", "en/"):
        links = [
            a.attributes.get("href")
            for a in page(site, f"{folder}overfitting/index.html").css("a.md-nav__link")
        ]
        ours = [
            href
            for href in links
            if href
            and href.rstrip("/").split("/")[-1]
            in ("overfitting", "training-acceleration", "pretraining-and-fine-tuning", SLUG)
        ]
        assert [href.rstrip("/").split("/")[-1] for href in ours][-2:] == [
            "pretraining-and-fine-tuning",
            SLUG,
        ]
        assert any(SLUG in (href or "") for href in links)


def test_both_home_pages_list_it_under_its_topic_and_count_it(two_builds):
    _, _, _, site, _, _ = two_builds
    for folder, heading, count in (
        ("", "训练与优化", "收录了 21 道"),
        ("en/", "Training & Optimization", "21 questions"),
    ):
        home = page(site, f"{folder}index.html")
        content = home.css_first("article")
        html = content.html
        start = html.index('id="training-optimization"')
        end = html.index("<h2", start)
        assert f'href="{SLUG}/"' in html[start:end], heading
        assert f"21. {TITLES['zh' if not folder else 'en']}" in content.text()
        assert count in content.text()
        title = home.css_first("title").text()
        description = home.css_first('meta[name="description"]').attributes["content"]
        assert "21" in title and "20" not in title, title
        assert description.startswith("21 ") or "21 道" in description, description
        assert "21" in home.css_first(".qa-download__link").text()


def test_the_collection_and_topic_index_have_it(two_builds):
    _, _, _, site, _, _ = two_builds
    for folder, dataset in (("", "llm-qa-zh.jsonl"), ("en/", "llm-qa-en.jsonl")):
        records = [
            json.loads(line) for line in (site / folder / dataset).read_text(encoding="utf-8").splitlines()
        ]
        assert len(records) == 21 and records[-1]["slug"] == SLUG and records[-1]["id"] == 21
        llms = (site / folder / "llms.txt").read_text(encoding="utf-8")
        assert llms.count("/index.md)") == 21 and "21" in llms.split("\n## ")[0]
        assert f'href="../{SLUG}/"' in (site / folder / "tags" / "index.html").read_text(encoding="utf-8")


def test_adding_a_section_redraws_only_the_cards_that_change(two_builds):
    _, before_site, _, after_site, after, _ = two_builds
    old, new = cards(before_site), cards(after_site)
    changed = {name for name, digest in new.items() if old.get(name) != digest}
    assert {f"zh/{SLUG}.png", f"en/{SLUG}.png", "zh/index.png", "en/index.png"} <= changed
    folder = after_site / "assets" / "images" / "social"
    for name in changed - {f"zh/{SLUG}.png", f"en/{SLUG}.png"}:
        with Image.open(folder / name) as image:
            shown = " ".join(image.text.values())
        assert "21" in shown, f"{name} was drawn again but shows nothing new: {shown}"
    assert drawn(after.stderr) == len(changed)


def test_a_section_whose_first_tag_is_no_topic_is_one_clear_error(project):
    for lang, old, new in (("zh", "负责任 AI", "伦理"), ("en", "Responsible AI", "Ethics")):
        path = project / "docs" / lang / "ethics.md"
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace(f"  - {old}\n", f"  - {new}\n", 1), encoding="utf-8")
    result = mkdocs_build(project, project / "site")
    assert result.returncode != 0
    assert "docs/zh/ethics.md:3: the first tag '伦理' is not a topic of the nav" in result.stderr
    assert "add the topic as `  - 伦理: []` to the nav in mkdocs.yml" in result.stderr
    assert "not included in the nav" not in result.stderr and "WARNING" not in result.stderr
    assert "Traceback" not in result.stderr
