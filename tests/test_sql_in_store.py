"""SQL lives in store/ only: no module outside it runs a statement, opens a connection, reads a
table through sqlite-utils or carries SQL text."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parents[1] / "src" / "evidence_mapper"
STATEMENT_CALLS = {"execute", "executemany", "executescript", "query", "rows_where", "count_where", "delete_where"}
SQL_TEXT = re.compile(r"^\s*(select\s.+\sfrom\s|insert\s+(or\s+\w+\s+)?into\s|update\s+\w+\s+set\s|delete\s+from\s|"
                      r"create\s+(table|index|trigger|view)\s|drop\s+(table|index|trigger)\s|pragma\s)", re.I | re.S)


def _is_db(node: ast.AST) -> bool:
    """``db`` or ``<anything>.db``."""
    return (isinstance(node, ast.Name) and node.id == "db") or (isinstance(node, ast.Attribute) and node.attr == "db")


def sql_sites(tree: ast.AST) -> list[tuple[int, str]]:
    out = []
    for n in ast.walk(tree):
        if isinstance(n, ast.Subscript) and _is_db(n.value):
            out.append((n.lineno, "table access db[...]"))
        elif isinstance(n, ast.Attribute) and n.attr == "conn" and _is_db(n.value):
            out.append((n.lineno, "raw connection db.conn"))
        elif isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr in STATEMENT_CALLS:
            out.append((n.lineno, f".{n.func.attr}(...)"))
        elif isinstance(n, ast.Attribute) and n.attr == "connect" and isinstance(n.value, ast.Name) \
                and n.value.id == "sqlite3":
            out.append((n.lineno, "sqlite3.connect"))
        elif isinstance(n, ast.Constant) and isinstance(n.value, str) and SQL_TEXT.match(n.value):
            out.append((n.lineno, f"SQL text {n.value[:40]!r}"))
    return out


def test_the_check_finds_each_kind_of_sql_site():
    src = '''
ws.db["documents"].get(sha)
db.query("x")
conn = ws.db.conn
cur.execute(q)
t.count_where("a = ?", [1])
sqlite3.connect(p)
q = "select sha256 from documents where x = 1"
s = "UPDATE users SET active = 0"
'''
    kinds = [k for _, k in sql_sites(ast.parse(src))]
    assert len(kinds) == 8, kinds
    assert not sql_sites(ast.parse('label = "select a region"\nrequest.args.get("x")\nd = {"db": 1}["db"]'))


def _modules_outside_store() -> list[Path]:
    return sorted(p for p in PKG.rglob("*.py") if "store" not in p.relative_to(PKG).parts[:1])


def test_the_package_is_scanned():
    mods = {p.relative_to(PKG).as_posix() for p in _modules_outside_store()}
    assert {"batch/run.py", "review/web.py", "review/core.py", "pipeline/runner.py", "cli.py"} <= mods
    assert not any(m.startswith("store/") for m in mods)


@pytest.mark.parametrize("path", _modules_outside_store(), ids=lambda p: p.relative_to(PKG).as_posix())
def test_no_sql_outside_store(path):
    sites = sql_sites(ast.parse(path.read_text(encoding="utf-8")))
    assert not sites, f"{path.relative_to(PKG)}: " + "; ".join(f"line {ln}: {k}" for ln, k in sites)
