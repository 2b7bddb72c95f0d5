"""Checks a file before any workbook library touches it.

Refuses, with a Danish reason, what is not a plain .xlsx/.xlsm package:
empty files, PDFs, old .xls and encrypted workbooks (both OLE compound
files), .xlsb and .ods, corrupt zips, zip bombs, and XML parts that declare a
DOCTYPE (the door to external entities). Nothing here executes or resolves
anything; macros are never run (we only read cell data).
"""

from __future__ import annotations

import re
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


class Skipped(ReadError):
    """A file a command passes over on purpose while walking a folder or an archive, with the Danish reason:
    said on its own line, never counted as a failure."""

    @property
    def skipped(self) -> str:
        return f"Springer over '{self.path}': {self.reason}"


def _stream(name: str) -> bytes:
    return name.encode("utf-16-le")


#: Compound (OLE) files that are not workbooks, told apart by a stream in their directory.
_OLE_OTHERS = (
    ("WordDocument", "filen er et Word-dokument (.doc), ikke en Excel-projektmappe."),
    ("PowerPoint Document", "filen er en PowerPoint-præsentation (.ppt), ikke en Excel-projektmappe."),
    ("__substg1.0_", "filen er en Outlook-besked (.msg), ikke en Excel-projektmappe."),
    ("VisioDocument", "filen er en Visio-tegning, ikke en Excel-projektmappe."),
)


def _ole_kind(head: bytes) -> str:
    """Encrypted OOXML, .xls, Word and others are all compound (OLE) files; the stream names tell them apart."""
    if _stream("EncryptedPackage") in head or b"EncryptionInfo" in head or _stream("EncryptionInfo") in head:
        return (
            "projektmappen er krypteret (beskyttet med adgangskode). "
            "Fjern adgangskoden i Excel (Filer > Oplysninger > Beskyt projektmappe) og send den igen."
        )
    if _stream("Workbook") in head or _stream("Book") in head:
        return "filen er i det gamle .xls-format. Åbn den i Excel og gem den som .xlsx."
    for stream, reason in _OLE_OTHERS:
        if _stream(stream) in head:
            return reason
    return ("filen er et andet Office-dokument (en sammensat OLE-fil), ikke en Excel-projektmappe (.xlsx). "
            "Er det et regneark, så åbn det i Excel og gem det som .xlsx.")


def damaged_reason(exc: BaseException) -> str:
    """Why a package could not be read, in Danish, from the kind of error (never its English text)."""
    import zlib
    from xml.etree.ElementTree import ParseError

    text = str(exc)
    if isinstance(exc, zipfile.BadZipFile):
        part = re.search(r"file '([^']+)'", text)
        if "CRC" in text and part:
            return f"delen '{part[1]}' er beskadiget (kontrolsummen passer ikke)."
        if "CRC" in text:
            return "en del af filen er beskadiget (kontrolsummen passer ikke)."
        return "filen er beskadiget eller afkortet; den er ikke en hel zip-pakke."
    if isinstance(exc, (EOFError, zlib.error)):
        return "filen er beskadiget eller afkortet; en del kan ikke pakkes ud."
    if isinstance(exc, KeyError):
        part = re.search(r"named '([^']+)'", text)
        where = f"delen '{part[1]}'" if part else "en del, som projektmappen henviser til,"
        return f"{where} mangler i pakken; filen er beskadiget."
    names = {cls.__name__ for cls in type(exc).__mro__}
    if isinstance(exc, ParseError) or names & {"XMLSyntaxError", "ExpatError", "SAXParseException"}:
        return "XML'en i projektmappen er ugyldig (fx et ulovligt tegn); filen er beskadiget."
    if isinstance(exc, IndexError):
        return ("projektmappen henviser til noget, der ikke findes (fx en tekst eller et format); "
                "filen er beskadiget.")
    if "InvalidFileException" in names:
        return "filen kunne ikke åbnes som Excel-projektmappe."
    return "filen kunne ikke læses som Excel-projektmappe; den er muligvis beskadiget."


def preflight(path: Path, scan_xml: bool = True) -> None:
    """Raise :class:`ReadError` unless ``path`` looks like a safe .xlsx/.xlsm package."""
    path = Path(path)
    if not path.exists():
        if path.is_symlink():
            raise ReadError(path, "genvejen (symbolsk link) peger på en fil, der ikke findes, eller løber i ring.")
        raise ReadError(path, "filen findes ikke.")
    if path.is_dir():
        raise ReadError(path, "det er en mappe, ikke en fil.")
    if not path.is_file():
        raise ReadError(path, "det er ikke en almindelig fil (fx en pipe eller en enhed).")
    suffix = path.suffix.lower()
    if suffix == ".xlsb":
        raise ReadError(path, "binære .xlsb-projektmapper understøttes ikke. Gem den som .xlsx i Excel.")
    if suffix == ".ods":
        raise ReadError(path, "OpenDocument-regneark (.ods) understøttes ikke. Gem den som .xlsx.")
    try:
        handle = path.open("rb")
    except PermissionError:
        raise ReadError(path, "adgang nægtet: du har ikke lov til at læse filen.") from None
    except OSError as exc:
        from ..text.errors_da import os_error_reason

        raise ReadError(path, f"{os_error_reason(exc)}.") from None
    with handle:
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
    except ReadError:
        raise
    except PermissionError:
        raise ReadError(path, "adgang nægtet: du har ikke lov til at læse filen.") from None
    except Exception as exc:  # zipfile raises many kinds on a broken package; none reaches the user in English
        raise ReadError(path, damaged_reason(exc)) from None


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
