"""The layout's rules (scripts/check_layers.py) hold for the code, and the check would see a
breach of each kind."""

from __future__ import annotations

from pathlib import Path

from scripts.check_layers import MAX_LINES, breaches


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def test_the_code_keeps_its_layers() -> None:
    assert [str(breach) for breach in breaches()] == []


def test_an_upward_import_a_cycle_and_a_long_module_are_each_named(tmp_path: Path) -> None:
    root = write(
        tmp_path,
        {
            "app.py": "",
            "lib/__init__.py": "",
            "lib/core.py": "from lib.shell.state import x\n",
            "lib/map/__init__.py": "",
            "lib/map/layer.py": "from lib.views.change import figures\n",
            "lib/views/__init__.py": "",
            "lib/views/change/__init__.py": "",
            "lib/views/change/figures.py": "from lib.views.change.drawing import y\n",
            "lib/views/change/drawing.py": "import lib.views.change.figures\n",
            "lib/shell/__init__.py": "",
            "lib/shell/state.py": "import app\n",
            "lib/long.py": "x = 1\n" * (MAX_LINES + 1),
        },
    )
    found = [str(breach) for breach in breaches(root)]
    assert any(
        text.startswith("lib/core.py:1: lib.core (ground floor) imports lib.shell.state (shell)") for text in found
    )
    assert any("lib.map.layer (map toolkit) imports lib.views.change.figures (views)" in text for text in found)
    assert any("lib.shell.state (shell) imports app (pages)" in text for text in found)
    assert any("import cycle" in text and "lib.views.change.drawing" in text for text in found)
    assert any(text.startswith(f"lib/long.py:1: {MAX_LINES + 1} lines") for text in found)
