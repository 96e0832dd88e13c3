"""What one process keeps between the builds it runs (plain Python, imported by hooks).

`mkdocs serve` loads the hooks again for every rebuild, but a module imported the usual way (this one)
is loaded once per process, so what it holds lives as long as the server. Nothing is written to disk:
a cache file in the repository could be committed by a pull request and be run by every build.
"""

from __future__ import annotations

import jieba
import jinja2

_compiled_templates: dict[str, bytes] = {}


class TemplateBytecode(jinja2.BytecodeCache):
    """Compiled templates by name and source checksum (Jinja compares the checksum on load)."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = _compiled_templates.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        _compiled_templates[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:
        _compiled_templates.clear()


_stock_jieba: list[jieba.Tokenizer] = []


def stock_jieba() -> jieba.Tokenizer:
    """A tokenizer with jieba's own dictionary only: a copy of the default tokenizer's word counts,
    taken the first time it is asked for, before any build added a user dictionary to them (loading
    the dictionary file again costs about a second)."""
    if not _stock_jieba:
        jieba.dt.check_initialized()
        stock = jieba.Tokenizer()
        stock.FREQ, stock.total, stock.initialized = dict(jieba.dt.FREQ), jieba.dt.total, True
        _stock_jieba.append(stock)
    return _stock_jieba[0]


def reset_jieba() -> None:
    """jieba's default tokenizer back to its own dictionary (a user dictionary of an earlier build of
    the same `mkdocs serve` is not kept when the glossary changes)."""
    stock = stock_jieba()
    jieba.dt.FREQ, jieba.dt.total = dict(stock.FREQ), stock.total
