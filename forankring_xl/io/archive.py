"""The JSON archive: a plan plus an envelope saying where it came from."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_serializer, field_validator

from .. import __version__
from ..text.errors_da import JsonProblem, json_loads, os_error_reason, validation_problems
from ..findings import Finding
from ..model import Plan
from .atomic import atomic_write_text
from .reader import ReadResult, read_plan
from .safety import ReadError
from .writer import write_plan

ARCHIVE_FORMAT = "forankring-xl/arkiv"
#: 1: the first format. 2: a date cell with Danish time text ("August 2027") is a DateText (the text as
#: written plus the interval it names) instead of a Raw. Version 1 archives load: their Raw date texts are
#: read again by the one date-cell reader. 3: ``vurderet_pr``, the date batch judged the plan as of when it
#: archived it (an older archive has none and loads as it is). A loaded archive is always the current version.
SCHEMA_VERSION = 3
MAX_JSON_BYTES = 200 * 1024 * 1024


class Archive(BaseModel):
    """One archived plan: the envelope fields, then the plan."""

    model_config = ConfigDict(extra="forbid", title="Arkiveret forankringsplan")

    format: str = Field(ARCHIVE_FORMAT, title="Format", description="Altid 'forankring-xl/arkiv'.")
    schema_version: int = Field(SCHEMA_VERSION, title="Skemaversion", description="Versionen af dette JSON-format.")
    tool_version: str = Field(__version__, title="Programversion", description="forankring-xl-versionen, der skrev filen.")
    source_file: str | None = Field(None, title="Kildefil", description="Navnet på projektmappen, planen blev læst fra.")
    source_sha256: str | None = Field(
        None, title="Kildefilens SHA-256", description="Kontrolsum af kildefilen, så arkivet kan kobles til den."
    )
    exported_at: dt.datetime = Field(title="Eksporteret", description="Tidspunkt for eksporten (UTC, ISO 8601).")
    vurderet_pr: dt.date | None = Field(
        None, title="Vurderet pr.",
        description="Datoen, som 'forankring batch' vurderede planen pr. (forfaldne punkter), da den blev arkiveret: "
                    "kørslens --as-of eller dagen for kørslen. Tom for en plan gemt med 'export'.",
    )
    template_version_read: str | None = Field(
        None, title="Læst skabelonversion", description="Skabelonversionen, der stod i kildefilen."
    )
    read_findings: list[Finding] = Field(
        default_factory=list,
        title="Læsefund",
        description="Det, der ikke kunne læses entydigt fra kildefilen, med ark og celle.",
    )
    plan: Plan = Field(title="Plan")

    @field_validator("schema_version")
    @classmethod
    def _known_version(cls, value: int) -> int:
        if value > SCHEMA_VERSION:
            raise ValueError(
                f"arkivet har skemaversion {value}, men denne version af forankring-xl kender kun op til "
                f"{SCHEMA_VERSION}; opdatér forankring-xl"
            )
        return SCHEMA_VERSION  # an older archive is read into the current form

    @field_serializer("exported_at")
    def _utc(self, value: dt.datetime) -> str:
        return value.astimezone(dt.timezone.utc).isoformat().replace("+00:00", "Z")


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with Path(path).open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def make_archive(
    result: ReadResult, source: Path | None = None, now: dt.datetime | None = None, sha256: str | None = None,
    as_of: dt.date | None = None,
) -> Archive:
    """The archive record of a read plan; ``sha256`` of the source when the caller has it already; ``as_of``
    the date the plan was judged as of (batch)."""
    return Archive(
        source_file=Path(source).name if source else None,
        source_sha256=(sha256 or sha256_file(source)) if source else None,
        exported_at=now or dt.datetime.now(dt.timezone.utc),
        vurderet_pr=as_of,
        template_version_read=result.template_version,
        read_findings=result.findings,
        plan=result.plan,
    )


def came_in(archive: Archive) -> dt.date:
    """The day an archived version came in, as the earlier side of ``udvikling`` judges it: the date the batch
    that archived it judged it as of (its --as-of, or the day it ran), so what that batch's overview showed as
    late is not "newly late" later; for an archive without one (``export``, or written before batch kept
    it), the day it was archived, in Denmark."""
    from ..rules.clock import today

    return archive.vurderet_pr or today(archive.exported_at)


def archive_json(archive: Archive) -> str:
    return archive.model_dump_json(indent=2) + "\n"


def export_workbook(source: Path, target: Path) -> Archive:
    """Read ``source`` (.xlsx) and write its archive JSON to ``target`` atomically."""
    result = read_plan(source)
    archive = make_archive(result, Path(source))
    atomic_write_text(Path(target), archive_json(archive))
    return archive


def load_archive(path: Path) -> Archive:
    """Read an archive JSON (or a bare plan JSON). Raises ReadError with a Danish reason."""
    path = Path(path)
    if path.is_dir():
        raise ReadError(path, "det er en mappe, ikke en JSON-fil.")
    if not path.is_file():
        raise ReadError(path, "filen findes ikke." if not path.exists() else "det er ikke en almindelig fil.")
    try:
        if path.stat().st_size > MAX_JSON_BYTES:
            raise ReadError(path, "filen er for stor til at være et arkiv.")
        data = json_loads(path.read_bytes().decode("utf-8"))
    except UnicodeDecodeError:
        raise ReadError(path, "filen er ikke UTF-8-tekst. Gem den som UTF-8.") from None
    except JsonProblem as exc:
        raise ReadError(path, f"{exc.reason}.") from None
    except OSError as exc:
        raise ReadError(path, f"{os_error_reason(exc)}.") from None
    if not isinstance(data, dict):
        kind = {list: "en liste", str: "en tekst", type(None): "null", bool: "sand/falsk"}.get(type(data), "et tal")
        raise ReadError(path, f"JSON-filen skal være et objekt ({{…}}) med planen, men er {kind}.")
    if "plan" in data:
        _check_schema_version(path, data.get("schema_version"))
    try:
        if "plan" in data:
            return Archive.model_validate(data)
        plan = Plan.model_validate(data)
    except ValidationError as exc:
        raise ReadError(path, f"JSON-filen passer ikke til planformatet ({validation_problems(exc)}).") from None
    return Archive(exported_at=dt.datetime.now(dt.timezone.utc), plan=plan)


def _check_schema_version(path: Path, version: object) -> None:
    """An archive from a newer version of the program is refused before anything is imported from it:
    its fields may mean something this version does not know, and importing it would drop them silently."""
    if isinstance(version, str) and version.strip().isdigit():
        version = int(version)
    if isinstance(version, int) and not isinstance(version, bool) and version > SCHEMA_VERSION:
        raise ReadError(
            path,
            f"arkivet er skrevet af en nyere version af forankring-xl (skemaversion {version}); denne version "
            f"kender kun skemaversion {SCHEMA_VERSION}. Opdatér forankring-xl, og prøv igen.",
        )


def import_archive(source: Path, target: Path, lite: bool = False) -> Archive:
    """Write the plan in archive ``source`` to a workbook ``target`` atomically (``lite``: a Lite workbook)."""
    archive = load_archive(source)
    write_plan(archive.plan, Path(target), lite=lite)
    return archive


def plan_schema() -> dict:
    return Plan.model_json_schema()


def archive_schema() -> dict:
    return Archive.model_json_schema(mode="serialization")
