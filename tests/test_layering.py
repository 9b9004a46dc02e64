"""Imports run one way (STYLE.md, "Lessons from our own code"): no two modules of
the project import each other, directly or round a circle, not even from inside
a function; and `home`, the site's shell, never imports `stories` or `search`."""

import ast
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
PACKAGES = ("home", "interreg", "search", "stories")


def module_name(path):
    parts = list(path.relative_to(PROJECT_DIR).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def project_modules():
    for package in PACKAGES:
        for path in (PROJECT_DIR / package).rglob("*.py"):
            if "migrations" not in path.parts:
                yield module_name(path), path


def imports_of(name, path, known):
    """The project modules `name` imports, anywhere in the file."""
    found = set()
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            targets = [base] + [f"{base}.{alias.name}" for alias in node.names]
        else:
            continue
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def graph():
    modules = dict(project_modules())
    return {name: imports_of(name, path, modules) for name, path in modules.items()}


def circles(edges):
    """Strongly connected components with more than one module (Tarjan)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in edges.get(node, ()):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in edges:
        if node not in index:
            visit(node)
    return found


def without_packages(edges):
    """A package's __init__ re-exporting its modules is not a circle."""
    return {
        name: {
            other
            for other in targets
            if not (other.startswith(name + ".") or name.startswith(other + "."))
        }
        for name, targets in edges.items()
    }


def test_no_two_modules_import_each_other_round_a_circle():
    assert circles(without_packages(graph())) == []


def test_the_site_shell_never_imports_the_content_apps():
    offending = {
        name: sorted(t for t in targets if t.startswith(("stories", "search")))
        for name, targets in graph().items()
        if name.startswith("home")
    }
    assert {name: targets for name, targets in offending.items() if targets} == {}


def test_the_models_import_nothing_that_builds_pages():
    builders = (
        "stories.listing",
        "stories.feeds",
        "stories.forms",
        "stories.api.views",
    )
    edges = graph()
    for name, targets in edges.items():
        if name.startswith(("stories.models", "home.models")):
            assert not [t for t in targets if t.startswith(builders)], name
