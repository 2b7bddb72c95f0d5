"""Checks a file before any workbook library touches it.

Refuses, with a Danish reason, what is not a plain .xlsx/.xlsm package:
empty files, PDFs, old .xls and encrypted workbooks (both OLE compound
files), .xlsb and .ods, corrupt zips, zip bombs, and XML parts that declare a
DOCTYPE (the door to external entities). Nothing here executes or resolves
anything; macros are never run (we only read cell data).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
#: Limits that bound memory and time for one workbook.
MAX_UNCOMPRESSED_TOTAL = 300 * 1024 * 1024
MAX_PART_RATIO = 200  # uncompressed/compressed for a part above 1 MB
MAX_PARTS = 5000
MAX_XML_PART = 64 * 1024 * 1024  # one XML part unpacked; a returned plan's largest is about 20 KB


class ReadError(Exception):
    """A file that cannot be read as a forankringsplan; ``message`` is Danish."""

    def __init__(self, path: Path | str, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{Path(self.path).name}: {reason}")

    @property
    def message(self) -> str:
        return f"Kan ikke læse '{self.path}': {self.reason}"


def _ole_kind(head: bytes) -> str:
    """Encrypted OOXML and .xls are both OLE files; the stream names tell them apart."""
    if "EncryptedPackage".encode("utf-16-le") in head or b"EncryptionInfo" in head:
        return (
            "projektmappen er krypteret (beskyttet med adgangskode). "
            "Fjern adgangskoden i Excel (Filer > Oplysninger > Beskyt projektmappe) og send den igen."
        )
    return "filen er i det gamle .xls-format. Åbn den i Excel og gem den som .xlsx."


def preflight(path: Path, scan_xml: bool = True) -> None:
    """Raise :class:`ReadError` unless ``path`` looks like a safe .xlsx/.xlsm package."""
    path = Path(path)
    if not path.exists():
        raise ReadError(path, "filen findes ikke.")
    if not path.is_file():
        raise ReadError(path, "det er ikke en fil.")
    suffix = path.suffix.lower()
    if suffix == ".xlsb":
        raise ReadError(path, "binære .xlsb-projektmapper understøttes ikke. Gem den som .xlsx i Excel.")
    if suffix == ".ods":
        raise ReadError(path, "OpenDocument-regneark (.ods) understøttes ikke. Gem den som .xlsx.")
    with path.open("rb") as handle:
        head = handle.read(8)
        if not head:
            raise ReadError(path, "filen er tom.")
        if head.startswith(OLE_MAGIC):
            handle.seek(0)
            raise ReadError(path, _ole_kind(handle.read(1 << 20)))
    if head.startswith(b"%PDF"):
        raise ReadError(path, "filen er en PDF, ikke en Excel-projektmappe.")
    if not head.startswith(b"PK"):
        raise ReadError(path, "filen er ikke en Excel-projektmappe (.xlsx).")
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            names = {info.filename for info in infos}
            _check_package(path, archive, infos, names, scan_xml)
    except zipfile.BadZipFile as exc:
        raise ReadError(path, f"filen er beskadiget eller afkortet ({exc}).") from None
    except (OSError, EOFError, ValueError) as exc:
        raise ReadError(path, f"filen er beskadiget ({exc}).") from None


def _check_package(path: Path, archive: zipfile.ZipFile, infos, names: set[str], scan_xml: bool = True) -> None:
    if "mimetype" in names and "content.xml" in names:
        raise ReadError(path, "filen er et OpenDocument-regneark (.ods), ikke .xlsx. Gem den som .xlsx.")
    if "xl/workbook.bin" in names:
        raise ReadError(path, "binære .xlsb-projektmapper understøttes ikke. Gem den som .xlsx i Excel.")
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise ReadError(path, "filen er en zip-fil, men ikke en Excel-projektmappe.")
    if len(infos) > MAX_PARTS:
        raise ReadError(path, f"filen har urimeligt mange dele ({len(infos)}) og afvises.")
    total = sum(info.file_size for info in infos)
    if total > MAX_UNCOMPRESSED_TOTAL:
        raise ReadError(path, "filen fylder urimeligt meget udpakket (mulig zip-bombe) og afvises.")
    for info in infos:
        if info.filename.endswith((".xml", ".rels", ".vml")) and info.file_size > MAX_XML_PART:
            raise ReadError(
                path,
                f"filen er for stor til at læse: delen '{info.filename}' fylder {info.file_size // 2**20} MB "
                f"udpakket, og grænsen er {MAX_XML_PART // 2**20} MB.",
            )
        if info.file_size > 1 << 20 and info.file_size > MAX_PART_RATIO * max(info.compress_size, 1):
            raise ReadError(path, f"delen '{info.filename}' pakker urimeligt meget ud (mulig zip-bombe) og afvises.")
    for info in infos if scan_xml else ():
        if info.filename.endswith((".xml", ".rels", ".vml")):
            with archive.open(info) as part:
                start = part.read(4096)
            if _declares_doctype(start):
                raise ReadError(
                    path,
                    f"delen '{info.filename}' indeholder en DOCTYPE-erklæring. "
                    "Af sikkerhedshensyn læses sådanne filer ikke (eksterne entiteter).",
                )


def _declares_doctype(start: bytes) -> bool:
    if b"<!doctype" in start.lower() or b"<!entity" in start.lower():
        return True
    for encoding in ("utf-16-le", "utf-16-be"):
        text = start.decode(encoding, errors="ignore").lower()
        if "<!doctype" in text or "<!entity" in text:
            return True
    return False
