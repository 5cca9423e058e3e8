"""Puts the project root on sys.path so tests import `app` like the entry points do."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
