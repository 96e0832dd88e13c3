"""What one process keeps between the builds it runs (plain Python, imported by hooks).

`mkdocs serve` loads the hooks again for every rebuild, but a module imported the usual way (this one)
is loaded once per process, so what it holds lives as long as the server. Nothing is written to disk:
a cache file in the repository could be committed by a pull request and be run by every build.
"""

from __future__ import annotations

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
