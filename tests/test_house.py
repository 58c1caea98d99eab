"""The shape of the code: layers import only downwards, and no module grows past a page or two.

Read from the source with ``ast``, so the rules hold for every later change, imports inside
functions included.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LAYERS = ["gcm_review", "sessions_app", "registration", "submissions", "reports"]
TOOLS = ["bench", "scripts"]
MAX_LINES = 450


def _modules(packages):
    for package in packages:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def _imported(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
    return found


def upward_imports() -> list[str]:
    rank = {name: index for index, name in enumerate(LAYERS)}
    upward = []
    for path in _modules(LAYERS):
        own = rank[path.relative_to(ROOT).parts[0]]
        for line, module in _imported(path):
            if rank.get(module.split(".")[0], -1) > own:
                upward.append(f"{path.relative_to(ROOT)}:{line} imports {module}")
    return upward


def test_no_layer_imports_a_higher_one():
    assert upward_imports() == []


def test_the_rule_sees_an_upward_import(tmp_path, monkeypatch):
    package = tmp_path / "sessions_app"
    package.mkdir()
    (package / "helpers.py").write_text("def f():\n    from reports.models import Report\n")
    monkeypatch.setattr(f"{__name__}.ROOT", tmp_path)
    monkeypatch.setattr(f"{__name__}.LAYERS", ["sessions_app"] + ["reports"])
    (tmp_path / "reports").mkdir()
    assert upward_imports() == ["sessions_app/helpers.py:2 imports reports.models"]


def test_no_module_of_the_project_is_over_450_lines():
    long = {
        str(path.relative_to(ROOT)): lines
        for path in _modules(LAYERS + TOOLS)
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}
