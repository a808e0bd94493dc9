"""``python -m academy``: the same command line as ``academy``."""

import sys

from academy.cli import main

sys.exit(main())
