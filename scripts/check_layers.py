"""The house rules of the code's layout, checked by ``make lint``.

Layers, lowest first; a module may import its own layer and the ones below, never above:

1. the ground floor, ``lib/*.py``: data, filters, the model and its solver, vocabulary, labels;
2. the map toolkit, ``lib/map/``: the Leaflet frame, choropleth layers, legend, places, publish;
3. the views, ``lib/views/<view>/``: each view's figures, drawing and view state;
4. the shell, ``lib/shell/``: the only lib code that imports Streamlit;
5. the pages: ``app.py`` and ``app_pages/``.

Also: no import cycle anywhere in ``lib/`` and no module in ``lib/`` over
:data:`MAX_LINES` lines. Prints each breach with its file and line; exits 1 on any.
"""

from __future__ import annotations

import ast
import sys
from dataclasses import dataclass
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MAX_LINES = 350
LAYERS = ("ground floor", "map toolkit", "views", "shell", "pages")


@dataclass(frozen=True)
class Breach:
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


def module_name(path: Path, root: Path) -> str:
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer_of(module: str) -> int:
    """The layer of a module of this project (see the module docstring)."""
    if module == "app" or module.startswith("app_pages"):
        return 4
    for prefix, layer in (("lib.shell", 3), ("lib.views", 2), ("lib.map", 1)):
        if module == prefix or module.startswith(prefix + "."):
            return layer
    return 0


def imports_of(path: Path, known: set[str]) -> list[tuple[str, int]]:
    """The project modules ``path`` imports, with the line of each import (``from lib.x
    import y`` counts as ``lib.x.y`` when that is a module)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names if alias.name in known]
        elif isinstance(node, ast.ImportFrom) and node.module in known:
            found.append((node.module, node.lineno))
            submodules = (f"{node.module}.{alias.name}" for alias in node.names)
            found += [(name, node.lineno) for name in submodules if name in known]
    return found


def breaches(root: Path = ROOT) -> list[Breach]:
    paths = [*root.glob("lib/**/*.py"), *root.glob("app_pages/*.py"), *[root / "app.py"]]
    paths = [path for path in paths if path.is_file()]
    modules = {module_name(path, root): path for path in paths}
    known = set(modules)
    found: list[Breach] = []
    graph: dict[str, set[str]] = {}
    for module, path in sorted(modules.items()):
        file = str(path.relative_to(root))
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if module.startswith("lib") and lines > MAX_LINES:
            found.append(Breach(file, 1, f"{lines} lines, over {MAX_LINES}: split it by what its parts do"))
        for imported, line in imports_of(path, known):
            if imported in (module, "lib"):
                continue
            if layer_of(imported) > layer_of(module):
                found.append(
                    Breach(
                        file,
                        line,
                        f"{module} ({LAYERS[layer_of(module)]}) imports {imported} ({LAYERS[layer_of(imported)]}), "
                        "a layer above it: move the shared part down",
                    )
                )
            if module.startswith("lib") and imported.startswith("lib"):
                graph.setdefault(module, set()).add(imported)
    try:
        TopologicalSorter(graph).prepare()
    except CycleError as error:
        cycle = " -> ".join(error.args[1])
        found.append(Breach(str(modules[error.args[1][0]].relative_to(root)), 1, f"import cycle: {cycle}"))
    return found


def main() -> int:
    found = breaches()
    for breach in found:
        print(breach)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
