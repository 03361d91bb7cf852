"""``python -m provenance`` is the ``provenance`` command."""

from __future__ import annotations

import sys

from provenance.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
