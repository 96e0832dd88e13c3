"""`python -m preview`: the site with live reload, an edited page shown first (make serve).

.venv/bin/python -m preview                              # http://127.0.0.1:8000/llm-qa/
.venv/bin/python -m preview --dev-addr 127.0.0.1:8001
"""

from __future__ import annotations

import argparse
import logging

from mkdocs.__main__ import ColorFormatter
from mkdocs.exceptions import Abort, ConfigurationError

from preview.server import serve


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m preview", description=__doc__.splitlines()[0])
    parser.add_argument("-a", "--dev-addr", metavar="IP:PORT", help="mkdocs.yml's dev_addr by default")
    parser.add_argument("-f", "--config-file", help="mkdocs.yml by default")
    args = parser.parse_args(argv)
    logger = logging.getLogger("mkdocs")
    logger.setLevel(logging.INFO)
    logger.propagate = False
    stream = logging.StreamHandler()
    stream.setFormatter(ColorFormatter())
    logger.addHandler(stream)
    try:
        serve(config_file=args.config_file, dev_addr=args.dev_addr)
    except (Abort, ConfigurationError) as error:
        logger.error(str(error))
        return 1
    except OSError as error:  # the address is taken, or not this machine's
        where = args.dev_addr or "mkdocs.yml's dev_addr"
        logger.error(f"Cannot serve at {where}: {error.strerror or error}")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
