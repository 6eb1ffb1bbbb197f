"""What every benchmark shares: percentiles, the machine it ran on, and plain-text tables."""

from __future__ import annotations

import contextlib
import os
import platform
import re
import statistics
import subprocess
import time
from collections.abc import Sequence
from pathlib import Path


def percentile(values: Sequence[float], share: float) -> float:
    """The value at `share` (0.95 for p95) of the sorted values, nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def machine() -> str:
    """One line: date, cores, memory, CPU model, Python, and how busy the machine was."""
    cpu = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        found = re.search(r"^model name\s*:\s*(.+)$", cpuinfo.read_text(), re.MULTILINE)
        cpu = found.group(1).strip() if found else cpu
    memory = "?"
    with contextlib.suppress(OSError, subprocess.SubprocessError, IndexError):
        memory = subprocess.run(["free", "-h"], capture_output=True, text=True, check=True,
                                timeout=5).stdout.splitlines()[1].split()[1]
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (f"{time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} cores (nproc), {memory} memory, "
            f"{cpu}, Python {platform.python_version()}, load average {load:.1f} at the start")


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A table in plain text: numbers right-aligned with thousands separators (floats without
    decimals unless below 10), text left-aligned."""
    def cell(value: object) -> str:
        if isinstance(value, float):
            return f"{value:,.1f}" if abs(value) < 10 else f"{value:,.0f}"
        if isinstance(value, int):
            return f"{value:,}"
        return str(value)

    cells = [[cell(value) for value in row] for row in rows]
    widths = [max(len(str(h)), *(len(row[i]) for row in cells)) for i, h in enumerate(headers)]
    numeric = [all(isinstance(row[i], int | float) for row in rows) for i in range(len(headers))]

    def line(values: Sequence[str]) -> str:
        return "  ".join(v.rjust(w) if right else v.ljust(w)
                         for v, w, right in zip(values, widths, numeric, strict=True)).rstrip()

    return "\n".join([line(list(headers)), line(["-" * w for w in widths]), *map(line, cells)])
