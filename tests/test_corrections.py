"""The corrections are themselves correct (issue 11): each corrected claim, pinned by a phrase, is gone
from the built page in both languages and the corrected one is there; notes that answer a sentence
in another block stand in that block; the English keeps the source's hedges and one spelling.

Read from the real build (`built_site`): the text of a correction note is the text of the element with
its id, and a block is everything between its heading and the next block heading."""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.test_site_build import SECTION_SLUGS

LANG_DIRS = {"zh": "", "en": "en/"}
BLOCKS = ("question", "answer", "example", "analysis")
VOID = {"br", "hr", "img", "input", "meta", "link", "wbr", "col", "source", "area", "base", "embed"}


class _Texts(HTMLParser):
    """The text of every element that has an id, and the text of each block of a section page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, str | None]] = []
        self.by_id: dict[str, list[str]] = {}
        self.block: str | None = None
        self.blocks: dict[str, list[str]] = {}
        self.in_article = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "article":
            self.in_article = True
        if tag == "h2" and attributes.get("id") in BLOCKS:
            self.block = attributes["id"]
        if tag in VOID:
            return
        element_id = attributes.get("id")
        if element_id:
            self.by_id.setdefault(element_id, [])
        self.open.append((tag, element_id))

    def handle_endtag(self, tag):
        if tag == "article":
            self.in_article = False
            self.block = None
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index][0] == tag:
                del self.open[index:]
                break

    def handle_data(self, data):
        for _, element_id in self.open:
            if element_id:
                self.by_id[element_id].append(data)
        if self.in_article and self.block:
            self.blocks.setdefault(self.block, []).append(data)


class Page:
    def __init__(self, html: str) -> None:
        parser = _Texts()
        parser.feed(html)
        self.html = html
        self._ids = {k: _squash("".join(v)) for k, v in parser.by_id.items()}
        self.blocks = {k: _squash("".join(v)) for k, v in parser.blocks.items()}

    def note(self, item: str) -> str:
        text = self._ids.get(f"erratum-{item}")
        assert text is not None, f"no correction note #erratum-{item}"
        return text

    def block_of(self, item: str) -> str:
        """The block a correction note stands in."""
        position = self.html.index(f'id="erratum-{item}"')
        headings = [(self.html.index(f'id="{b}"'), b) for b in BLOCKS if f'id="{b}"' in self.html]
        return max((p, b) for p, b in headings if p < position)[1]


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", unescape(text)).strip()


@pytest.fixture(scope="module")
def pages(built_site):
    cache: dict[tuple[str, str], Page] = {}

    def get(lang: str, slug: str) -> Page:
        if (lang, slug) not in cache:
            path = Path(built_site) / LANG_DIRS[lang] / slug / "index.html"
            cache[lang, slug] = Page(path.read_text(encoding="utf-8"))
        return cache[lang, slug]

    return get


# (section slug, note id, {language: (phrases that must be gone, phrases that must be there)})
CORRECTED_NOTES = [
    (
        "computational-efficiency",
        "8b",
        {
            "zh": (["真正降低计算开销的"], ["一般也不减少训练所需的浮点运算总量"]),
            "en": (["actually lower the cost of computation"], ["generally do not reduce the total"]),
        },
    ),
    (
        "training-acceleration",
        "4a",
        {
            "zh": (["与 GPU 无关", "不靠多线程加速"], ["target", "主要是 CPU", "并不通过 OpenMP 驱动 GPU"]),
            "en": (["nothing to do with GPUs", "not sped up by multithreading"], ["target", "mainly an API"]),
        },
    ),
    (
        "training-acceleration",
        "4b",
        {
            "zh": (
                ["并不减半", "主要用于提速"],
                ["16 字节", "与 FP32 训练相同", "一样多", "提速和减少激活内存"],
            ),
            "en": (
                ["not halved", "mainly buys speed"],
                [
                    "16 bytes",
                    "the same as in FP32 training",
                    "as much as in plain FP32",
                    "smaller activations",
                ],
            ),
        },
    ),
    (
        "training-acceleration",
        "4c",
        {
            "zh": (
                ["训练总成本反而增加"],
                ["若教师模型只为蒸馏而训练", "最多少 40 倍", "并不是让训练本身变快"],
            ),
            "en": (
                ["which adds to the total training cost"],
                [
                    "if the teacher is trained only for this",
                    "up to 40× fewer",
                    "does not make training itself faster",
                ],
            ),
        },
    ),
    (
        "generative-vs-discriminative",
        "16a",
        {
            "zh": (["扩散模型"], ["条件生成模型"]),
            "en": (["diffusion"], ["conditional generative models"]),
        },
    ),
    (
        "generative-vs-discriminative",
        "16b",
        {
            "zh": (
                ["只有端到端语音识别才", "主流方法都是判别式的"],
                ["MMI", "MPE", "DNN-HMM", "CTC", "RNN-T", "并不矛盾", "逐步成为主流", "模型形式不变"],
            ),
            "en": (
                [
                    "only end-to-end speech recognition",
                    "The mainstream methods since then are discriminative",
                ],
                ["MMI", "MPE", "DNN-HMM", "CTC", "RNN-T", "gradually took over", "(the same models,"],
            ),
        },
    ),
    (
        "generative-vs-discriminative",
        "16d",
        {
            "zh": ([], ["较窄的意义上存在：例如"]),
            "en": (["narrower senses: discriminative"], ["narrower senses, for example discriminative"]),
        },
    ),
    (
        "long-range-dependencies",
        "6a",
        {
            "zh": (["梯度消失和梯度爆炸主要出现在"], ["梯度爆炸则在 LSTM 中同样会出现"]),
            "en": (["Vanishing and exploding gradients mainly"], ["occur in LSTMs as well"]),
        },
    ),
    (
        "long-range-dependencies",
        "6b",
        {
            "zh": (
                ["RoPE、ALiBi 等", "不能用于从左到右的文本生成", "例如 ALiBi 和"],
                [
                    "位置插值",
                    "外推",
                    "不能充当从左到右逐词生成文本的语言模型",
                    "为输入编码",
                    "见勘误 6a",
                    "长度外推方法",
                    "不算解决长距离依赖的方法",
                ],
            ),
            "en": (
                ["such as RoPE and ALiBi", "so it cannot generate text left to right", "such as ALiBi and"],
                [
                    "length-extrapolation method",
                    "not a remedy for long-range dependencies",
                    "position interpolation",
                    "extrapolates poorly",
                    "cannot serve as a left-to-right language model",
                    "encode the input of an encoder-decoder model",
                    "see Erratum 6a",
                ],
            ),
        },
    ),
    (
        "interpretability",
        "9a",
        {
            "zh": (["研究发现，常能构造"], ["Wiegreffe & Pinter 对这一结论作了限定"]),
            "en": (["studies have found"], ["Wiegreffe & Pinter qualified"]),
        },
    ),
    (
        "interpretability",
        "9b",
        {
            "zh": (
                ["正确用法", "训练线性分类器"],
                ["在这里的用处是充当解释工具", "简单的（常常是线性的）分类器"],
            ),
            "en": (["trains linear classifiers"], ["useful as tools", "simple (often linear) classifiers"]),
        },
    ),
    (
        "interpretability",
        "9c",
        {
            "zh": (["的行为由训练得到的"], ["主要由训练得到的"]),
            "en": (["is determined by billions"], ["determined mainly by"]),
        },
    ),
    (
        "pretraining-and-fine-tuning",
        "17a",
        {
            "zh": (
                ["微调更新的是预训练模型本身的权重", "只更新一小部分新增参数", "它冻结预训练权重"],
                ["通常更新", "冻结绝大部分预训练权重", "多为新增的参数", "层归一化参数和任务输出层"],
            ),
            "en": (
                [
                    "fine-tuning updates the pre-trained",
                    "(such as LoRA or adapters) trains",
                    "it freezes the pre-trained weights",
                ],
                [
                    "usually updates",
                    "almost all of the pre-trained weights",
                    "mostly newly added",
                    "layer-normalization",
                ],
            ),
        },
    ),
    (
        "reinforcement-learning",
        "19c",
        {
            "zh": (["游戏 AI 是强化学习的应用"], ["DQN、AlphaGo 这类游戏 AI", "CICERO"]),
            "en": (["game AI is an application of"], ["such as DQN and AlphaGo", "CICERO"]),
        },
    ),
    (
        "reinforcement-learning",
        "19d",
        {
            "zh": (
                ["（中立），是一个三分类", "两者无关"],
                ["通常是一个三分类", "RTE", "两者皆非（中立：由前提无法判断假设是否成立）"],
            ),
            "en": (["It is a three-way"], ["usually a three-way", "RTE"]),
        },
    ),
    (
        "reinforcement-learning",
        "19a",
        {"zh": (["材料"], ["组成部分"]), "en": (["ingredients"], ["components"])},
    ),
    (
        "data-privacy",
        "7b",
        {
            "zh": (
                ["让模型输出的分布", "损失越大"],
                ["通常要以一定的模型性能为代价", "训练算法输出", "精度下降越多"],
            ),
            "en": (
                ["the model's outputs", "the larger the loss"],
                [
                    "usually comes at some cost",
                    "the training algorithm's output",
                    "the larger the accuracy drop",
                ],
            ),
        },
    ),
    (
        "data-privacy",
        "7c",
        {
            "zh": (
                ["也应这样理解", "同样不准确", "实践中要配合"],
                ["也容易误读", "不把它们集中起来", "通常还要配合", "Bonawitz et al., 2017"],
            ),
            "en": (
                ["read the same way", "is inaccurate", "learning is combined with"],
                [
                    "easy to misread",
                    "keep it from being centralized",
                    "is usually combined with",
                    "Bonawitz et al., 2017",
                ],
            ),
        },
    ),
    (
        "data-privacy",
        "7d",
        {
            "zh": (["损失越大"], ["强隐私保护（如差分隐私）", "精度下降越多"]),
            "en": (
                ["the larger the loss"],
                ["such as differential privacy usually costs", "the larger the accuracy drop"],
            ),
        },
    ),
    (
        "inference-optimization",
        "2d",
        {
            "zh": (["不可信"], ["提速 5 倍", "很可疑"]),
            "en": (["not credible"], ["a 5× speed-up", "doubtful"]),
        },
    ),
    (
        "inference-optimization",
        "2c",
        {
            "zh": (["每层都要做一次卡间通信"], ["两次 all-reduce"]),
            "en": (["inter-GPU communication in every layer"], ["two all-reduce operations"]),
        },
    ),
    (
        "inference-optimization",
        "2a",
        {"zh": (["最确定的收益"], ["最可靠的收益"]), "en": (["dependable gain"], ["most reliable gain"])},
    ),
    (
        "computational-efficiency",
        "8a",
        {"zh": (["最确定的收益"], ["最可靠的收益"]), "en": (["dependable gain"], ["most reliable gain"])},
    ),
    (
        "energy-consumption",
        "11a",
        {
            "zh": (["真正能降低能耗的是"], ["减少计算量本身", "稀疏激活的模型"]),
            "en": (
                ["cut energy use is more efficient hardware"],
                ["less computation", "sparsely activated models"],
            ),
        },
    ),
    (
        "energy-consumption",
        "11b",
        {
            "zh": (["学生模型，训练能耗反而增加"], ["若教师模型只为蒸馏而训练", "最多少 40 倍"]),
            "en": (
                ["even adds training energy"],
                ["if the teacher is trained only for this", "up to 40× fewer"],
            ),
        },
    ),
    (
        "knowledge-representation",
        "12a",
        {
            "zh": (
                ["也应这样理解", "一行同样有误"],
                ["清华大学", "不是百度的同名模型", "沿用了上面的说法", "应按本条的更正来理解"],
            ),
            "en": (
                ["read the same way", "in one of two ways"],
                ["Tsinghua University", "not Baidu's", "Two common ways", "should be read as corrected here"],
            ),
        },
    ),
    (
        "self-supervised-learning",
        "18a",
        {
            "zh": (["也应这样理解"], ["四行同样有误"]),
            "en": (["read the same way"], ["are wrong for the same reason"]),
        },
    ),
    (
        "multilingual-processing",
        "14a",
        {
            "zh": (["只能评估翻译输出的质量"], ["主要用于评估机器翻译", "图像描述"]),
            "en": (
                ["measure only the quality of translation output"],
                ["mainly used to evaluate", "captioning"],
            ),
        },
    ),
    (
        "multilingual-processing",
        "14c",
        {
            "zh": (["而不是把单语种模型"], ["通常不是把单语种模型"]),
            "en": (["not because a monolingual"], ["usually not a matter of"]),
        },
    ),
    (
        "zero-shot-learning",
        "15c",
        {
            "zh": ([], ["Prototypical Networks"]),
            "en": (["The method's established name"], ["Chinese original"]),
        },
    ),
    (
        "inference-bottlenecks",
        "1c",
        {
            "zh": (["（INT8 量化）", "按同样的算法"], ["例如 INT8 量化", "照此推算"]),
            "en": (["(INT8 quantization)"], ["for example, INT8 quantization"]),
        },
    ),
    (
        "inference-bottlenecks",
        "1b",
        {
            "zh": (["增加 10 倍", "增加 4 倍"], ["变为原来的 10 倍", "变为原来的 4 倍"]),
            "en": (["10× increase"], ["multiplied by 10"]),
        },
    ),
    (
        "evaluation-metrics",
        "5b",
        {"zh": (["BLEU 计算机器译文"], ["BLEU 计算的是机器译文"]), "en": ([], ["clipped n-gram precisions"])},
    ),
    (
        "evaluation-metrics",
        "5c",
        {
            "zh": (["只在相同分词器下可比"], ["分词器和测试集都相同时才能直接比较"]),
            "en": (
                ["only comparable with the same tokenizer"],
                ["only with the same tokenizer and test set"],
            ),
        },
    ),
    (
        "evaluation-metrics",
        "5d",
        {
            "zh": (
                ["都是分类指标，无法用来评估译文"],
                ["作为分类指标列出", "不能直接给译文打分", "字符 n-gram"],
            ),
            "en": (
                ["are classification metrics and cannot score"],
                [
                    "listed as classification metrics",
                    "cannot score a translation directly",
                    "not over class labels",
                ],
            ),
        },
    ),
    (
        "transfer-learning-challenges",
        "20b",
        {
            "zh": (
                ["分词方式", "只适合评估", "相同时才能相互比较"],
                ["分词器（词表）", "只能评估语言建模本身", "2025", "和测试集都相同时才能直接比较"],
            ),
            "en": (
                ["suits the evaluation of", "comparable only between models"],
                ["tokenizer (vocabulary)", "2025", "and the test set are the same"],
            ),
        },
    ),
    (
        "overfitting",
        "3b",
        {
            "zh": (["无法重复训练"], ["通常只用一个固定的留出验证集", "难以重复训练", "而不是交叉验证本身"]),
            "en": (
                ["far too expensive to repeat"],
                [
                    "usually uses a single fixed held-out",
                    "rarely feasible",
                    "not from cross-validation itself",
                ],
            ),
        },
    ),
    (
        "overfitting",
        "3c",
        {
            "zh": (["自身也会过拟合"], ["自身也可能过拟合"]),
            "en": (["will itself overfit"], ["can itself overfit"]),
        },
    ),
]


@pytest.mark.parametrize("lang", LANG_DIRS)
@pytest.mark.parametrize(
    ("slug", "item", "phrases"), CORRECTED_NOTES, ids=lambda v: v if isinstance(v, str) else ""
)
def test_a_corrected_claim_is_gone_and_the_correction_is_there(pages, lang, slug, item, phrases):
    note = pages(lang, slug).note(item)
    gone, there = phrases[lang]
    for phrase in gone:
        assert phrase not in note, f"{lang}/{slug} #erratum-{item} still says {phrase!r}:\n{note}"
    for phrase in there:
        assert phrase in note, f"{lang}/{slug} #erratum-{item} lacks {phrase!r}:\n{note}"


# A note that answers a sentence of another block stands in that block, and links the note it leans on.
NOTES_IN_THEIR_BLOCK = [
    ("inference-optimization", "2d", "example", ()),
    ("inference-optimization", "2e", "analysis", ("#erratum-2d",)),
    ("data-privacy", "7d", "analysis", ("#erratum-7b",)),
    ("generative-vs-discriminative", "16a", "answer", ("#erratum-16b",)),
    ("generative-vs-discriminative", "16d", "example", ("#erratum-16a",)),
    ("generative-vs-discriminative", "16e", "analysis", ("#erratum-16a",)),
    ("energy-consumption", "11b", "example", ("training-acceleration/#erratum-4c",)),
    ("computational-efficiency", "8b", "analysis", ("/#erratum-4b", "/#erratum-4c", "/#erratum-4d")),
]


@pytest.mark.parametrize("lang", LANG_DIRS)
@pytest.mark.parametrize(("slug", "item", "block", "links"), NOTES_IN_THEIR_BLOCK)
def test_a_note_stands_in_the_block_of_the_sentence_it_corrects(pages, lang, slug, item, block, links):
    page = pages(lang, slug)
    page.note(item)
    assert page.block_of(item) == block, f"{lang}/{slug}: #erratum-{item} is in {page.block_of(item)}"
    start = page.html.index(f'id="erratum-{item}"')
    note_html = page.html[start : page.html.index("</div>", start)]
    hrefs = re.findall(r'href="([^"]+)"', note_html)
    for link in links:
        assert any(href.endswith(link) for href in hrefs), (
            f"{lang}/{slug}: #erratum-{item} lacks a link to {link}"
        )


def test_the_lead_in_of_section_16_is_corrected_before_its_first_claim(pages):
    """16a answers the lead-in ("differ in model structure") before the list that follows it."""
    for lang in LANG_DIRS:
        html = pages(lang, "generative-vs-discriminative").html
        assert html.index('id="erratum-16a"') < html.index("<ul>", html.index('id="answer"'))


def test_4b_titles_say_the_same_in_both_languages(pages):
    titles = {}
    for lang in LANG_DIRS:
        note = pages(lang, "training-acceleration").note("4b")
        titles[lang] = note.split("来源" if lang == "zh" else "Source", 1)[0]
    assert "FP32" in titles["zh"][:40] and "FP32" in titles["en"][:110], titles
    assert "括号" not in titles["zh"][:40]


# Hedges of the source (可以, 通常) that the English keeps: (slug, gone, there).
ENGLISH_HEDGES = [
    ("inference-optimization", "This lightens the load", "This can lighten the load"),
    ("inference-optimization", "the different optimization methods improve", "can all be improved"),
    ("inference-optimization", "It lowers memory consumption", "It can lower memory consumption"),
    ("training-acceleration", "This shortens training and", "This can shorten training time"),
    ("long-range-dependencies", "methods improves the language", "can improve the language model"),
    ("data-privacy", "methods ensures that", "can ensure that the model keeps"),
    ("interpretability", "methods helps users", "can help users better understand"),
    ("ethics", "LLMs ensures that", "can ensure that the model is used"),
    ("evaluation-metrics", "metrics shows its performance", "can show its performance"),
    ("energy-consumption", "lowers its environmental impact", "can lower the environmental impact"),
    ("reinforcement-learning", "learning gives a language model", "can give a language model"),
    ("computational-efficiency", "The following methods improve", "can be used to improve"),
]


@pytest.mark.parametrize(("slug", "gone", "there"), ENGLISH_HEDGES)
def test_the_english_keeps_the_hedges_of_the_source(pages, slug, gone, there):
    text = " ".join(pages("en", slug).blocks.values())
    assert gone not in text, f"en/{slug} drops a hedge: {gone!r}"
    assert there in text, f"en/{slug} lacks {there!r}"


def test_english_ethics_translates_pian_cha_as_bias_and_keeps_ke_neng(pages):
    text = pages("en", "ethics").blocks["answer"]
    assert "to avoid bias and misleading output" in text
    assert "to avoid errors and misleading" not in text
    assert "any harm the model may cause" in text
    assert "any harm the model causes" not in text


def test_energy_section_says_training_and_inference(pages, built_site):
    page = pages("en", "energy-consumption")
    assert "training and inference" in page.blocks["question"]
    assert "running" not in page.blocks["question"] + page.blocks["analysis"]


BRITISH = re.compile(
    r"\b(behaviour|favour\w*|modelling|modelled|(?:un)?labelled|labelling|centres?|analyse[sd]?|analysing|"
    r"maths|judgement|colour\w*|\w+isation|optimis\w+|generalis\w+|recognis\w+)\b",
    re.IGNORECASE,
)
# Titles of cited works keep their own spelling.
CITED_TITLES = re.compile(r"<em>[^<]*</em>")


def _english_pages(built_site: Path) -> list[Path]:
    return [built_site / "en" / slug / "index.html" for slug in ("", "tags", *SECTION_SLUGS)]


def test_the_english_uses_american_spelling(built_site):
    problems = []
    for path in _english_pages(Path(built_site)):
        html = path.read_text(encoding="utf-8")
        article = CITED_TITLES.sub("", html[html.index("<article") : html.index("</article>")])
        text = re.sub(r"<[^>]+>", " ", article)
        problems += [f"{path.relative_to(built_site)}: {m.group(0)}" for m in BRITISH.finditer(text)]
    assert not problems, "\n".join(problems)


SMALL_WORDS = {"a", "an", "and", "as", "at", "but", "by", "for", "in", "of", "on", "or", "the", "to", "vs."}


def _title_case_problems(title: str) -> list[str]:
    words = [part for word in title.split() for part in word.split("-")]
    return [
        word
        for index, word in enumerate(words)
        if word[:1].isalpha() and word[:1].islower() and not (index and word in SMALL_WORDS)
    ]


def test_english_titles_and_topic_headings_are_in_title_case(built_site):
    site = Path(built_site)
    titles = []
    for path in _english_pages(site):
        html = path.read_text(encoding="utf-8")
        titles += [re.sub(r"<[^>]+>", "", h) for h in re.findall(r"<h1[^>]*>(.*?)</h1>", html, re.S)]
        if path.parent.name in ("en", "tags"):
            titles += [re.sub(r"<[^>]+>", "", h) for h in re.findall(r"<h2[^>]*>(.*?)</h2>", html, re.S)]
    titles = [unescape(t).replace("¶", "").strip() for t in titles]
    problems = {t: p for t in titles if (p := _title_case_problems(t))}
    assert not problems, problems


def test_performance_effect_header_has_one_english_rendering(built_site):
    """性能影响 heads the tables of §3, §4 and §5; the English gives it one name."""
    headers = set()
    for slug in ("overfitting", "training-acceleration", "evaluation-metrics"):
        zh = (Path(built_site) / slug / "index.html").read_text(encoding="utf-8")
        en = (Path(built_site) / "en" / slug / "index.html").read_text(encoding="utf-8")
        assert "<th>性能影响</th>" in zh
        headers.add(re.findall(r"<th>([^<]*)</th>", en)[1])
    assert headers == {"Effect on performance"}, headers


CITATION = re.compile(r"<p>\s*(?:来源：|Source: )(.*?)</p>", re.S)


def test_every_cited_paper_or_book_gives_its_year(built_site):
    """A reference to authors ("et al.", "&") names its year, in every note of every page."""
    problems = []
    for lang, prefix in LANG_DIRS.items():
        for slug in SECTION_SLUGS:
            html = (Path(built_site) / prefix / slug / "index.html").read_text(encoding="utf-8")
            for match in CITATION.finditer(html):
                for reference in re.split(r"[；;] ?", _squash(re.sub(r"<[^>]+>", "", match.group(1)))):
                    if ("et al." in reference or "&" in reference) and not re.search(
                        r"\b(19|20)\d\d\b", reference
                    ):
                        problems.append(f"{lang}/{slug}: {reference[:90]}")
    assert not problems, "\n".join(problems)
