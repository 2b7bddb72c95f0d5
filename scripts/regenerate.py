"""Regenerate every committed build artefact: template, JSON Schemas and examples.

Tests compare the committed files with fresh builds, so run this after
changing the model, the layout spec or the examples.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from forankring_xl.io.archive import archive_schema, plan_schema  # noqa: E402
from forankring_xl.io.template import write_template  # noqa: E402

import make_examples  # noqa: E402

TEMPLATE = ROOT / "workbook_templates" / "forankringsplan.xlsx"
SCHEMAS = {
    ROOT / "schema" / "forankringsplan.schema.json": plan_schema,
    ROOT / "schema" / "arkiv.schema.json": archive_schema,
}


def schema_text(make) -> str:
    return json.dumps(make(), ensure_ascii=False, indent=2) + "\n"


def main() -> None:
    write_template(TEMPLATE)
    print(TEMPLATE)
    for path, make in SCHEMAS.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(schema_text(make), encoding="utf-8")
        print(path)
    make_examples.main()


if __name__ == "__main__":
    main()
