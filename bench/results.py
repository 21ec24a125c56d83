"""Keep ``bench/RESULTS.md`` as sections, each rewritten in place by the script that measures it."""

from __future__ import annotations

import os
import platform
import re
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"


def machine() -> str:
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{date.today().isoformat()}, {os.cpu_count()} cores, {memory:.0f} GiB, {platform.platform()}"


def rss_mb(pid: int) -> float:
    """Resident memory of process ``pid`` in MB, from /proc."""
    match = re.search(r"VmRSS:\s+(\d+) kB", Path(f"/proc/{pid}/status").read_text())
    return int(match.group(1)) / 1024 if match else float("nan")


def write_section(name: str, body: str) -> None:
    """Replace the section called ``name`` (or append it) with ``body``."""
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    section = f"{start}\n{body.strip()}\n{end}"
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n"
    if start in text:
        text = text[: text.index(start)] + section + text[text.index(end) + len(end) :]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    RESULTS.write_text(text, encoding="utf-8")


def elapsed_ms(function: Callable[..., object], *args: object, **kwargs: object) -> float:
    """How long ``function(*args, **kwargs)`` takes, in milliseconds."""
    started = time.perf_counter()
    function(*args, **kwargs)
    return (time.perf_counter() - started) * 1000
