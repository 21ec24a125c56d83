"""Build ``data/wishlist.csv``: the figures most worth asking the Ministerio Público for
(:mod:`lib.views.change.wishlist`), from the bundled data as built by ``build_cases.py``.

About a minute and a half on two cores (``make data`` runs it last and says how long).

Usage::

    python scripts/build_wishlist.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from lib.data import DEFAULT_DATA_DIR, load_dataset  # noqa: E402
from lib.views.change.wishlist import wishlist  # noqa: E402


def main() -> None:
    started = time.perf_counter()
    table = wishlist(load_dataset(DEFAULT_DATA_DIR))
    (DEFAULT_DATA_DIR / "wishlist.csv").write_text(table.to_csv(index=False, lineterminator="\n"), encoding="utf-8")
    print(f"wrote data/wishlist.csv ({len(table)} rows) in {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
