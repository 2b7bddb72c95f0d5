"""Regenerate every committed build artefact: template, JSON Schemas and examples.

Tests compare the committed files with fresh builds, so run this after
changing the model, the layout spec or the examples. A file whose content is unchanged is left alone:
a workbook counts as unchanged when its parts are (the zip entries' dates and the save time openpyxl
writes into ``docProps/core.xml`` do not count), so git sees only what really changed.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from forankring_xl.io.archive import archive_schema, plan_schema  # noqa: E402
from forankring_xl.io.atomic import atomic_write_bytes  # noqa: E402
from forankring_xl.io.template import write_template  # noqa: E402

import make_examples  # noqa: E402

TEMPLATE = Path("workbook_templates") / "forankringsplan.xlsx"
SCHEMAS = {
    ROOT / "schema" / "forankringsplan.schema.json": plan_schema,
    ROOT / "schema" / "arkiv.schema.json": archive_schema,
}
EXAMPLES = Path("examples")
_SAVE_TIME = re.compile(rb"<dcterms:modified\b[^>]*>[^<]*</dcterms:modified>")


def schema_text(make) -> str:
    return json.dumps(make(), ensure_ascii=False, indent=2) + "\n"


def package_content(data: bytes) -> dict[str, bytes] | None:
    """A workbook's parts by name, without the save time; None when ``data`` is no zip package."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            parts = {name: package.read(name) for name in package.namelist()}
    except (zipfile.BadZipFile, KeyError, OSError):
        return None
    if "docProps/core.xml" in parts:
        parts["docProps/core.xml"] = _SAVE_TIME.sub(b"", parts["docProps/core.xml"])
    return parts


def same_content(path: Path, data: bytes) -> bool:
    if not path.is_file():
        return False
    old = path.read_bytes()
    if old == data:
        return True
    if path.suffix == ".xlsx":
        new_parts = package_content(data)
        return new_parts is not None and package_content(old) == new_parts
    return False


def put(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` (atomically) unless the content there is the same. True when written."""
    if same_content(path, data):
        print(f"{path} (unchanged)")
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(path, data)
    print(path)
    return True


def main(root: Path = ROOT) -> list[Path]:
    """Regenerate into ``root``; returns the files that were written."""
    written = []
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp)
        write_template(fresh / TEMPLATE.name)
        with contextlib.redirect_stdout(io.StringIO()):  # it names the temporary files
            make_examples.main(fresh / "examples")
        builds = {root / TEMPLATE: (fresh / TEMPLATE.name).read_bytes()}
        builds |= {root / EXAMPLES / p.name: p.read_bytes() for p in sorted((fresh / "examples").glob("*.xlsx"))}
        builds |= {root / path.relative_to(ROOT): schema_text(make).encode("utf-8") for path, make in SCHEMAS.items()}
        for path, data in builds.items():
            if put(path, data):
                written.append(path)
    return written


if __name__ == "__main__":
    main()
