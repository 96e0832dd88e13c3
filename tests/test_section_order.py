"""A section's previous and next pages follow the section numbers, in both languages (the nav groups the
sections by topic: in its order §3's previous page was §8)."""

from __future__ import annotations

import re

import pytest

FOOTER = re.compile(r'class="md-footer__link md-footer__link--(prev|next)" aria-label="[^:]+: ([^"]+)"')


@pytest.mark.parametrize("folder", ["", "en/"])
def test_previous_and_next_follow_the_section_numbers(built_site, folder):
    numbers = []
    for path in sorted((built_site / folder).glob("*/index.html")):
        page = path.read_text(encoding="utf-8")
        title = re.search(r"<title>(\d+)\. ", page)
        if title is None:
            continue
        number = int(title.group(1))
        links = dict(FOOTER.findall(page))
        if number > 1:
            assert links["prev"].startswith(f"{number - 1}. "), (path, links)
        if number < 20:
            assert links["next"].startswith(f"{number + 1}. "), (path, links)
        numbers.append(number)
    assert sorted(numbers) == list(range(1, 21))
