"""The hostile-input suite: every kind of bad, broken or unexpected input an attacker or an unlucky user
would give, each run through the real installed ``forankring`` command in a subprocess.

Each kind is a real test that can fail. For every run it checks:

* the exit code is the one the kind expects (2 for what cannot be read or written, 0/1 for a report);
* no traceback, and no "Uventet fejl" (the last resort must not be reached by anything here);
* no English library text: a detector of words and phrases typical of Python and library errors runs
  over stderr (and stdout, where stdout is text), after the paths the test itself chose are removed;
* Danish is present whenever something went wrong;
* nothing that was there before is lost or changed (SHA-256 of every file before and after), and no
  half-written temporary file is left;
* it ends within a time limit (a hang fails the kind).

A session summary line (printed by tests/conftest.py) tallies tracebacks, lost files, hangs and
non-Danish messages over all runs, so CI shows the figures the issue asks for.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import os
import re
import resource
import shutil
import signal
import struct
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Callable

import pytest
from conftest import EXAMPLES

RUN_TIMEOUT_S = 60
PLAN = next(p for p in EXAMPLES if "sprog" in p.stem)  # a plan with findings, so check writes marks
OTHER = next(p for p in EXAMPLES if "trivsel" in p.stem)

#: Words and phrases typical of Python and library error text. Matched case-insensitively as whole
#: words, after quoted paths and the test's own folder are removed. None of them is a Danish word.
ENGLISH = [
    "traceback", "error", "errors", "exception", "errno", "the", "of", "and", "is", "are", "was", "not",
    "no", "cannot", "could", "invalid", "expected", "expecting", "unexpected", "should", "must", "permitted",
    "denied", "exists", "found", "such", "object", "attribute", "character", "left", "device", "directory",
    "failed", "file", "bad", "missing", "required", "extra", "allowed", "only", "permission", "unknown",
    "limit", "exceeds", "digits", "maximum", "recursion", "depth", "zip", "unterminated", "delimiter",
    "value", "line", "column", "char", "got", "has", "have", "does", "did", "field", "input", "inputs",
    "integer", "string", "valid", "usage", "options", "try", "command", "argument", "system", "space",
    "read-only", "too", "large", "long", "name", "exist", "encoding", "decode", "codec", "byte", "bytes",
    "keyerror", "indexerror", "valueerror", "typeerror", "oserror", "ioerror", "mergedcell", "badzipfile",
    "jsondecodeerror", "recursionerror", "attributeerror", "invalidfileexception", "illegalcharactererror",
    "permissionerror", "filenotfounderror", "isadirectoryerror", "notadirectoryerror", "unicodedecodeerror",
    "unicodeencodeerror", "validationerror", "tomldecodeerror", "badzipfile", "largezipfile",
]
_ENGLISH = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, ENGLISH)) + r")(?![\w-])", re.IGNORECASE)
_CLASS_NAME = re.compile(r"\b[A-Z]\w*(Error|Exception|Warning)\b")
_DANISH = re.compile(r"[æøåÆØÅ]|\b(ikke|filen|findes|kan|er|og|mappen|fejl|skrive|læse|mangler|ugyldig|brug)\b",
                     re.IGNORECASE)


def english_in(text: str, folder: Path) -> list[str]:
    """English library words in ``text`` (paths the test chose, and quoted names, do not count)."""
    text = text.replace(str(folder), "")
    text = re.sub(r"'[^'\n]*'", "''", text)  # a quoted path or value is the user's, not our language
    hits = [m.group(0) for m in _ENGLISH.finditer(text)]
    return hits + [m.group(0) for m in _CLASS_NAME.finditer(text)]


TALLY = {"kinds": 0, "runs": 0, "tracebacks": 0, "lost": 0, "hangs": 0, "english": 0, "no_danish": 0,
         "last_resort": 0}


def summary_line() -> str:
    t = TALLY
    return (f"hostile-input suite: {t['kinds']} kinds, {t['runs']} runs: {t['tracebacks']} tracebacks, "
            f"{t['lost']} lost files, {t['hangs']} hangs, {t['english'] + t['no_danish']} non-Danish messages, "
            f"{t['last_resort']} last-resort errors")


@dataclasses.dataclass
class Case:
    """One prepared run: the arguments (paths inside ``folder``), and what may happen."""

    args: list
    codes: tuple[int, ...] = (2,)
    stdin: bytes | None = None
    cwd: Path | None = None
    stdout_is_text: bool = True
    must_say: tuple[str, ...] = ()  # Danish words (or the file name) the message must contain
    must_not_say: tuple[str, ...] = ()
    preexec: Callable | None = None
    env: dict | None = None
    stdout_file: Path | None = None
    after: Callable[["subprocess.CompletedProcess"], None] | None = None  # extra checks


def exe() -> str:
    return shutil.which("forankring") or str(Path(sys.executable).parent / "forankring")


def snapshot(folder: Path) -> dict[str, str]:
    hashes = {}
    for root, dirs, files in os.walk(folder, followlinks=False):
        for name in files:
            path = Path(root, name)
            if path.is_symlink() or not path.is_file():
                continue
            try:
                hashes[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
            except OSError:
                hashes[str(path)] = "unreadable"
    return hashes


def run_case(folder: Path, case: Case) -> None:
    TALLY["runs"] += 1
    before = snapshot(folder)
    args = [exe(), *[a if isinstance(a, bytes) else str(a) for a in case.args]]
    env = {**os.environ, **(case.env or {})}
    out_handle = open(case.stdout_file, "wb") if case.stdout_file else subprocess.PIPE
    process = subprocess.Popen(args, stdin=subprocess.PIPE if case.stdin is not None else subprocess.DEVNULL,
                               stdout=out_handle, stderr=subprocess.PIPE, cwd=case.cwd or folder, env=env,
                               preexec_fn=case.preexec, start_new_session=True)
    try:
        raw_out, raw_err = process.communicate(case.stdin, timeout=RUN_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        TALLY["hangs"] += 1
        pytest.fail(f"hang: no answer within {RUN_TIMEOUT_S} s: {args}")
    finally:
        if case.stdout_file:
            out_handle.close()
    out = (raw_out or b"").decode("utf-8", "replace")
    err = raw_err.decode("utf-8", "replace")
    both = out + err
    problems = []
    if "Traceback" in both or re.search(r'File ".*", line \d+', both):
        TALLY["tracebacks"] += 1
        problems.append("traceback")
    if "Uventet fejl" in both:
        TALLY["last_resort"] += 1
        problems.append("'Uventet fejl' (the last resort) was reached")
    english = english_in(err + (out if case.stdout_is_text else ""), folder)
    if english:
        TALLY["english"] += 1
        problems.append(f"English library text: {sorted(set(english))}")
    if process.returncode != 0 and not _DANISH.search(err + (out if case.stdout_is_text else "")):
        TALLY["no_danish"] += 1
        problems.append("no Danish message")
    after = snapshot(folder)
    lost = [p for p, digest in before.items() if after.get(p) != digest]
    if lost:
        TALLY["lost"] += 1
        problems.append(f"files lost or changed: {lost}")
    temps = [p for p in after if p.endswith(".tmp")]
    if temps:
        problems.append(f"temporary files left: {temps}")
    if process.returncode not in case.codes:
        problems.append(f"exit code {process.returncode}, expected one of {case.codes}")
    for word in case.must_say:
        if word not in both:
            problems.append(f"the message does not say {word!r}")
    for word in case.must_not_say:
        if word in both:
            problems.append(f"the message says {word!r}")
    if problems:
        pytest.fail("; ".join(problems) + f"\nargs: {args}\nstdout: {out[-2000:]}\nstderr: {err[-2000:]}")
    if case.after:
        case.after(subprocess.CompletedProcess(args, process.returncode, out, err))


# -- building hostile files ---------------------------------------------------------------------------


def rezip(source: Path, target: Path, replace: dict | None = None, drop: tuple = (), extra: dict | None = None) -> Path:
    """A copy of the package ``source`` with parts replaced, dropped or added."""
    replace, extra = replace or {}, extra or {}
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename in drop:
                continue
            data = zin.read(info.filename)
            if info.filename in replace:
                edit = replace[info.filename]
                data = edit(data) if callable(edit) else edit
            zout.writestr(info.filename, data)
        for name, data in extra.items():
            zout.writestr(name, data)
    return target


def ole_file(stream_names: list[str]) -> bytes:
    """A minimal compound file (OLE) header and directory holding the given stream names."""
    header = bytearray(512)
    header[:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHH", header, 24, 0x3E, 3, 0xFFFE)
    directory = bytearray()
    for name in ["Root Entry", *stream_names]:
        entry = bytearray(128)
        encoded = name.encode("utf-16-le") + b"\0\0"
        entry[: len(encoded)] = encoded
        struct.pack_into("<H", entry, 64, len(encoded))
        directory += entry
    return bytes(header) + bytes(512) + bytes(directory) + bytes(512)


def saved_with_openpyxl(tmp: Path, edit: Callable, name: str = "plan.xlsx", source: Path = PLAN) -> Path:
    from openpyxl import load_workbook

    wb = load_workbook(source)
    edit(wb)
    path = tmp / name
    wb.save(path)
    return path


def plan_copy(tmp: Path, name: str = "plan.xlsx", source: Path = PLAN) -> Path:
    path = tmp / name
    shutil.copy(source, path)
    return path


def archive_json(tmp: Path) -> str:
    """A good archive JSON text of the plan (exported by the library, not the command)."""
    from forankring_xl.io.archive import archive_json as dump, make_archive
    from forankring_xl.io.reader import read_plan

    return dump(make_archive(read_plan(PLAN), PLAN))


def json_file(tmp: Path, content: str | bytes, name: str = "arkiv.json") -> Path:
    path = tmp / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def import_of(content: str | bytes, codes=(2,), must_say=()) -> Callable[[Path], Case]:
    def build(tmp: Path) -> Case:
        return Case(["import", json_file(tmp, content), "-o", tmp / "ud.xlsx"], codes=codes,
                    must_say=("arkiv.json", *must_say))

    return build


def edited_archive(edit: Callable[[str], str], codes=(2,), must_say=()) -> Callable[[Path], Case]:
    def build(tmp: Path) -> Case:
        return Case(["import", json_file(tmp, edit(archive_json(tmp))), "-o", tmp / "ud.xlsx"], codes=codes,
                    must_say=must_say)

    return build


def check_of(make: Callable[[Path], Path], codes=(2,), must_say=(), annotate=False, command="check",
             must_not_say=()) -> Callable[[Path], Case]:
    def build(tmp: Path) -> Case:
        path = make(tmp)
        args = [command, path]
        if command == "check":
            args += ["--as-of", "2027-01-01"]
        if annotate:
            args += ["--annotate", tmp / "tjekket.xlsx"]
        return Case(args, codes=codes, must_say=must_say, must_not_say=must_not_say)

    return build


def raw_file(data: bytes, name: str = "plan.xlsx") -> Callable[[Path], Path]:
    def make(tmp: Path) -> Path:
        path = tmp / name
        path.write_bytes(data() if callable(data) else data)
        return path

    return make


def package(replace=None, drop=(), extra=None, source=PLAN) -> Callable[[Path], Path]:
    return lambda tmp: rezip(source, tmp / "plan.xlsx", replace, drop, extra)


def _truncated(tmp: Path) -> Path:
    data = PLAN.read_bytes()
    return raw_file(data[: len(data) // 2])(tmp)


def _bad_crc(tmp: Path) -> Path:
    path = rezip(PLAN, tmp / "plan.xlsx")
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as z:
        info = z.getinfo("xl/worksheets/sheet3.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start + info.compress_size // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    return path


def _zip_bomb(tmp: Path) -> Path:
    return package(extra={"xl/media/fyld.bin": b"\0" * (40 * 1024 * 1024)})(tmp)


def _many_parts(tmp: Path) -> Path:
    return package(extra={f"xl/media/del{i}.xml": b"<a/>" for i in range(5005)})(tmp)


def _merge_owner_into_activity(wb) -> None:
    ws = wb["Sigtepunkt 1"]
    ws["C6"] = None
    ws.merge_cells("B6:C6")  # the owner cell is now covered: its 'missing owner' finding lands on a MergedCell


def _forged_registry(wb) -> None:
    ws = wb.create_sheet("Tjek_markeringer")
    ws.sheet_state = "hidden"
    ws.append(["Ark", "Celle", "Fyld", "Note"])
    ws.append(["Sigtepunkt 1", "G5", "{ikke json", "gammel note"])
    ws.append(["Sigtepunkt 1", "ZZ99999999", "", ""])
    ws.append(["Findes ikke", "A1", "", ""])


def _sheet_named_tjek(wb) -> None:
    wb["Sigtepunkt 2"].title = "Tjek"


def _hostile_sheet_name(wb) -> None:
    wb["Sigtepunkt 2"].title = "Enhed's ark!, 50% (x)"


def _external_link(wb) -> None:
    wb["Sigtepunkt 1"]["L5"] = "='[../../etc/hemmelig.xlsx]Ark1'!A1"


def _formula_errors(wb) -> None:
    ws = wb["Sigtepunkt 1"]
    ws["G6"] = "#REF!"
    ws["E5"] = "=1/0"


def _huge_shared_strings(tmp: Path) -> Path:
    from openpyxl import load_workbook

    wb = load_workbook(PLAN)
    ws = wb.create_sheet("Noter")
    for i in range(1, 60001):
        ws.cell(row=i, column=1, value=f"note nummer {i} " + "x" * 40)
    path = tmp / "plan.xlsx"
    wb.save(path)
    return path


def _invalid_xml_chars(tmp: Path) -> Path:
    def edit(data: bytes) -> bytes:
        return data.replace("Sofie Dam".encode(), b"Sofie\x01\x02Dam", 1)

    return package({"xl/worksheets/sheet3.xml": edit})(tmp)


def _doctype(tmp: Path) -> Path:
    def edit(data: bytes) -> bytes:
        return b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>' + data

    return package({"xl/workbook.xml": edit})(tmp)


def _garbage_workbook_xml(tmp: Path) -> Path:
    return package({"xl/workbook.xml": b"<workbook><sheets><sheet name="})(tmp)


def _absolute_zip_names(tmp: Path) -> Path:
    return package(extra={"/tmp/forankring-hostile-abs.txt": b"abs", "../../forankring-hostile-up.txt": b"up"})(tmp)


def _docx(tmp: Path) -> Path:
    path = tmp / "plan.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return path


def _ods(tmp: Path) -> Path:
    path = tmp / "plan.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", "<office:document-content/>")
    return path


def _cells_without_r(tmp: Path) -> Path:
    return package({"xl/worksheets/sheet3.xml": lambda d: re.sub(rb' r="[A-Z]+\d+"', b"", d)})(tmp)


def _negative_date(tmp: Path) -> Path:
    return package({"xl/worksheets/sheet3.xml": lambda d: d.replace(b"<v>46266</v>", b"<v>-5</v>", 1)})(tmp)


def _too_long_text(wb) -> None:
    wb["Sigtepunkt 1"]["L5"] = "lang tekst " * 4000


def _duplicate_sheet_names(tmp: Path) -> Path:
    return package({"xl/workbook.xml": lambda d: d.replace(b'name="Sigtepunkt 2"', b'name="Sigtepunkt 1"')})(tmp)


def _shared_string_out_of_range(tmp: Path) -> Path:
    def edit(data: bytes) -> bytes:
        return data.replace(b't="inlineStr"><is><t>Sofie Dam</t></is>', b't="s"><v>99999</v>', 1)

    return package({"xl/worksheets/sheet3.xml": edit})(tmp)


def _no_styles(tmp: Path) -> Path:
    return package(drop=("xl/styles.xml",))(tmp)


def _symlink_loop(tmp: Path) -> Path:
    path = tmp / "plan.xlsx"
    os.symlink(path, path)
    return path


def _dangling(tmp: Path) -> Path:
    path = tmp / "plan.xlsx"
    os.symlink(tmp / "findes-ikke.xlsx", path)
    return path


def _fifo(tmp: Path) -> Path:
    path = tmp / "plan.xlsx"
    os.mkfifo(path)
    return path


def _folder(tmp: Path) -> Path:
    path = tmp / "plan.xlsx"
    path.mkdir()
    return path


def _cfg(text: str | bytes) -> Callable[[Path], Case]:
    def build(tmp: Path) -> Case:
        cfg = tmp / "hr.toml"
        cfg.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
        return Case(["check", plan_copy(tmp), "--config", cfg], must_say=("hr.toml",))

    return build


def _fsize_limit() -> None:
    resource.setrlimit(resource.RLIMIT_FSIZE, (4_000, 4_000))  # a disk that is full after 4 KB


def _as_nobody() -> None:
    """Root reads and writes anywhere: drop the two capabilities that override permission bits.

    Dropped from the bounding set before exec, so the command runs as root without them and a folder's
    0o555 means read-only to it as to an ordinary user (an ordinary user needs nothing dropped).
    """
    if os.geteuid() != 0:
        return
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
        if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


def _readonly_folder(tmp: Path) -> Path:
    locked = tmp / "laast"
    locked.mkdir()
    locked.chmod(0o555)
    return locked


def _readonly_target(tmp: Path) -> Case:
    plan = plan_copy(tmp)
    return Case(["export", plan, "-o", _readonly_folder(tmp) / "plan.json"], must_say=("plan.json",), preexec=_as_nobody)


def _unreadable_input(tmp: Path) -> Case:
    plan = plan_copy(tmp)
    plan.chmod(0o000)
    return Case(["check", plan], must_say=("plan.xlsx",), preexec=_as_nobody)


def _full_disk(command: list) -> Callable[[Path], Case]:
    def build(tmp: Path) -> Case:
        args = [a(tmp) if callable(a) else a for a in command]
        return Case(args, preexec=_fsize_limit, must_say=("fyldt", "ud.xlsx"))

    return build


def _stdout_full(tmp: Path) -> Case:
    return Case(["check", plan_copy(tmp), "--as-of", "2027-01-01"], codes=(2,), stdout_file=Path("/dev/full"))


def _closed(fd: int) -> Callable[[], None]:
    return lambda: os.close(fd)


def _non_utf8_name(tmp: Path) -> Case:
    name = b"plan-\xe6\xf8.xlsx"  # Latin-1 'æø': not valid UTF-8
    path = os.path.join(os.fsencode(tmp), name)
    shutil.copy(PLAN, path)
    return Case(["check", path, "--as-of", "2027-01-01"], codes=(0, 1))


def _newline_name(tmp: Path) -> Case:
    path = plan_copy(tmp, "plan\nnavn.xlsx")
    return Case(["export", path, "-o", tmp / "ud.json"], codes=(0,))


def _control_char_name(command: str) -> Callable[[Path], Case]:
    """An inbox file whose name holds a control character (legal on Linux, not in a workbook's XML): the
    overview's and the reminder list's 'Fejlede filer' sheet must still be written, naming it readably."""

    def build(tmp: Path) -> Case:
        box = tmp / "indbakke"
        box.mkdir()
        shutil.copy(PLAN, box / "plan.xlsx")
        (box / "ikke\x01en plan.xlsx").write_bytes(b"ikke en zip")
        if command == "batch":
            sheet, args = tmp / "oversigt.xlsx", ["batch", box, "-o", tmp / "arkiv", "--overview", tmp / "oversigt.xlsx"]
        else:
            sheet, args = tmp / "ud" / "Påmindelser.xlsx", ["påmind", box, "--as-of", "2027-06-01", "-o", tmp / "ud"]

        def after(done):
            from openpyxl import load_workbook

            names = [row[0] for row in load_workbook(sheet)["Fejlede filer"].iter_rows(values_only=True)]
            assert any(str(n).endswith("ikke\\x01en plan.xlsx") for n in names), names

        return Case(args, codes=(1,), after=after)

    return build


def _long_output_name(tmp: Path) -> Case:
    return Case(["export", plan_copy(tmp), "-o", tmp / ("x" * 300 + ".json")], must_say=("for langt",))


def _traversal_names(tmp: Path) -> Case:
    for unit in ("a", "b"):
        (tmp / unit).mkdir()
        shutil.copy(PLAN, tmp / unit / "..plan.xlsx")
    out = tmp / "ud"

    def after(done):
        names = sorted(p.name for p in out.iterdir())
        assert len(names) == 2 and all(".." not in n and "/" not in n for n in names), names
        assert not list(tmp.parent.glob("*.json"))

    return Case(["export", "a/..plan.xlsx", "b/..plan.xlsx", "-o", out], codes=(0,), after=after)


def _template_default_taken(tmp: Path) -> Case:
    plan_copy(tmp, "forankringsplan.xlsx")
    return Case(["template"], codes=(0,), must_say=("forankringsplan (2).xlsx",))


def _ics_into_xlsx(tmp: Path) -> Case:
    plan = plan_copy(tmp)
    return Case(["overdue", plan, "--ics", plan_copy(tmp, "andet.xlsx", OTHER)], must_say=("andet.xlsx", ".ics"))


def _overview_exists(tmp: Path) -> Case:
    inbox = tmp / "indbakke"
    inbox.mkdir()
    plan_copy(inbox)
    old = plan_copy(tmp, "oversigt.xlsx", OTHER)
    return Case(["batch", inbox, "-o", tmp / "arkiv", "--overview", old], must_say=("oversigt.xlsx", "--overskriv"))


def _overdue_missing(tmp: Path) -> Case:
    def after(done):
        assert "Godt gået" not in done.stdout and done.stdout.strip() == "", done.stdout

    return Case(["overdue", tmp / "findes-ikke.xlsx"], must_say=("findes-ikke.xlsx",), after=after)


def _overdue_one_missing(tmp: Path) -> Case:
    def after(done):
        assert "Godt gået" not in done.stdout

    return Case(["overdue", plan_copy(tmp), tmp / "mangler.xlsx", "--as-of", "2020-01-01"],
                must_say=("mangler.xlsx",), after=after)


def _batch_bad_inbox_files(tmp: Path) -> Case:
    inbox = tmp / "indbakke"
    inbox.mkdir()
    plan_copy(inbox)
    (inbox / "tom.xlsx").write_bytes(b"")
    (inbox / "tekst.xlsx").write_text("hej")
    _docx(inbox).rename(inbox / "word.xlsx")
    return Case(["batch", inbox, "-o", tmp / "arkiv", "--jobs", "1"], codes=(1,), must_say=("tom.xlsx", "word.xlsx"))


def _failing_inbox(tmp: Path) -> Path:
    """An inbox where no workbook can be read: empty, text, a Word document and a PDF, each named .xlsx."""
    inbox = tmp / "indbakke"
    (inbox / "uge 48").mkdir(parents=True)
    (inbox / "tom.xlsx").write_bytes(b"")
    (inbox / "tekst.xlsx").write_text("hej")
    _docx(inbox).rename(inbox / "uge 48" / "word.xlsx")
    (inbox / "scan.xlsx").write_bytes(b"%PDF-1.7\n...")
    return inbox


def _nothing_written(*paths: Path) -> Callable[["subprocess.CompletedProcess"], None]:
    def after(done):
        assert not any(p.exists() for p in paths), [p for p in paths if p.exists()]

    return after


def _paamind_all_fail(tmp: Path) -> Case:
    """Every workbook fails: each file is named with its reason, and no empty list pretends nobody is late."""
    inbox = _failing_inbox(tmp)
    return Case(["påmind", inbox, "-o", tmp / "ud", "--as-of", "2027-06-01"],
                must_say=("tom.xlsx", "tekst.xlsx", "word.xlsx", "scan.xlsx", "PDF", "Ingen af de 4 filer",
                          "Intet er gemt"), after=_nothing_written(tmp / "ud"))


def _paamind_empty_inbox(tmp: Path) -> Case:
    (tmp / "indbakke").mkdir()
    return Case(["påmind", tmp / "indbakke", "-o", tmp / "ud"], codes=(0,), must_say=("0 planer", "Intet er gemt"),
                after=_nothing_written(tmp / "ud"))


def _archive_all_failed(command: str) -> Callable[[Path], Case]:
    """A batch archive of an inbox where every file failed: påmind and udvikling name each inbox file with the
    batch's reason and stop with exit 2, instead of '0 planer' and exit 0."""
    def build(tmp: Path) -> Case:
        inbox = _failing_inbox(tmp)
        done = subprocess.run([exe(), "batch", str(inbox), "-o", str(tmp / "arkiv"), "--jobs", "1"],
                              capture_output=True, text=True, timeout=RUN_TIMEOUT_S)
        assert done.returncode == 1, done.stderr
        args = ["påmind", tmp / "arkiv", "-o", tmp / "ud"] if command == "påmind" else ["udvikling", tmp / "arkiv"]
        return Case(args, must_say=("tom.xlsx", "uge 48/word.xlsx", "scan.xlsx", "ved sidste batch", "Ingen af de 4 filer"),
                    after=_nothing_written(tmp / "ud"))

    return build


def _paamind_readonly_output(tmp: Path) -> Case:
    inbox = tmp / "indbakke"
    inbox.mkdir()
    plan_copy(inbox)
    return Case(["påmind", inbox, "-o", _readonly_folder(tmp) / "ud", "--as-of", "2027-06-01"],
                must_say=("laast",), preexec=_as_nobody)


def _paamind_output_is_a_file(tmp: Path) -> Case:
    inbox = tmp / "indbakke"
    inbox.mkdir()
    plan_copy(inbox)
    return Case(["påmind", inbox, "-o", plan_copy(tmp, "noter.txt", OTHER)], must_say=("noter.txt", "mappe"))


def _batch_overview_readonly(tmp: Path) -> Case:
    inbox = tmp / "indbakke"
    inbox.mkdir()
    plan_copy(inbox)
    return Case(["batch", inbox, "-o", tmp / "arkiv", "--jobs", "1", "--overview", _readonly_folder(tmp) / "oversigt.xlsx"],
                must_say=("oversigt.xlsx", "Arkivet og manifestet er gemt"), preexec=_as_nobody,
                after=lambda done: (tmp / "arkiv" / "manifest.jsonl").is_file() or pytest.fail("no manifest"))


def _batch_all_fail(tmp: Path) -> Case:
    """Every workbook fails: a record (and an overview line) for each, named with its reason; exit 1 as for any
    failed file, since the manifest and the overview are the batch's record of what it did."""
    inbox = _failing_inbox(tmp)

    def after(done):
        records = [json.loads(line) for line in (tmp / "arkiv" / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]
        assert sorted(r["path"] for r in records) == ["scan.xlsx", "tekst.xlsx", "tom.xlsx", "uge 48/word.xlsx"]
        assert all(r["status"] == "failed" and r["reason"] for r in records), records
        assert (tmp / "oversigt.xlsx").is_file()

    return Case(["batch", inbox, "-o", tmp / "arkiv", "--jobs", "1", "--overview", tmp / "oversigt.xlsx"], codes=(1,),
                must_say=("tom.xlsx", "word.xlsx", "4 fejlet"), after=after)


def _udvikling_readonly_output(tmp: Path) -> Case:
    return Case(["udvikling", plan_copy(tmp), plan_copy(tmp, "ny.xlsx"), "-o", _readonly_folder(tmp) / "u.json"],
                must_say=("u.json",), preexec=_as_nobody)


def _smart_stdin(data: bytes, codes=(2,)) -> Callable[[Path], Case]:
    return lambda tmp: Case(["smart", "-"], stdin=data, codes=codes, stdout_is_text=False)


def _usage(*args: str, must_say=()) -> Callable[[Path], Case]:
    return lambda tmp: Case(list(args), must_say=must_say)


def _deep(n: int) -> str:
    return "[" * n + "]" * n


KINDS: dict[str, Callable[[Path], Case]] = {
    # files that are not workbooks
    "zero-byte file": check_of(raw_file(b""), must_say=("tom",)),
    "text named .xlsx": check_of(raw_file(b"hej med dig")),
    "PDF named .xlsx": check_of(raw_file(b"%PDF-1.7\n..."), must_say=("PDF",)),
    "truncated zip": check_of(_truncated, must_say=("beskadiget",)),
    "bad CRC in a part": check_of(_bad_crc, must_say=("beskadiget",)),
    "zip that is not a workbook": check_of(package(drop=("xl/workbook.xml",))),
    "Word document (zip) named .xlsx": check_of(_docx),
    "OpenDocument named .xlsx": check_of(_ods, must_say=("OpenDocument",)),
    ".xlsb extension": check_of(raw_file(b"PK\x03\x04xxxx", "plan.xlsb"), must_say=(".xlsb",)),
    "old .xls (compound file)": check_of(raw_file(ole_file(["Workbook"])), must_say=(".xls",)),
    "Word .doc renamed .xlsx": check_of(raw_file(ole_file(["WordDocument", "1Table"])), must_say=("Word",),
                                        must_not_say=("gamle .xls",)),
    "PowerPoint renamed .xlsx": check_of(raw_file(ole_file(["PowerPoint Document"])), must_not_say=("gamle .xls",)),
    "unknown compound file": check_of(raw_file(ole_file(["Ukendt"])), must_not_say=("gamle .xls",)),
    "encrypted workbook": check_of(raw_file(ole_file(["EncryptionInfo", "EncryptedPackage"])), must_say=("krypteret",)),
    # hostile packages
    "DOCTYPE / external entity": check_of(_doctype, must_say=("DOCTYPE",)),
    "zip bomb": check_of(_zip_bomb, must_say=("zip-bombe",)),
    "5,005 parts": check_of(_many_parts),
    "garbage workbook.xml": check_of(_garbage_workbook_xml),
    "zip entries with absolute and ../ paths": check_of(_absolute_zip_names, codes=(0, 1)),
    "invalid XML characters in a sheet": check_of(_invalid_xml_chars, codes=(0, 1, 2)),
    "no styles.xml (--annotate)": check_of(_no_styles, codes=(0, 1, 2), annotate=True),
    "shared string index out of range": check_of(_shared_string_out_of_range, codes=(0, 1, 2)),
    "huge shared strings table": check_of(_huge_shared_strings, codes=(0, 1)),
    "external link formula": check_of(lambda t: saved_with_openpyxl(t, _external_link), codes=(0, 1), annotate=True),
    "formula errors in date cells": check_of(lambda t: saved_with_openpyxl(t, _formula_errors), codes=(0, 1)),
    "cells without r= references": check_of(_cells_without_r, codes=(0, 1, 2)),
    "negative date serial": check_of(_negative_date, codes=(0, 1, 2)),
    "text past 32,767 characters": check_of(lambda t: saved_with_openpyxl(t, _too_long_text), codes=(0, 1)),
    "two sheets with one name": check_of(_duplicate_sheet_names, codes=(0, 1, 2)),
    "a sigtepunkt sheet named Tjek (--annotate)": check_of(lambda t: saved_with_openpyxl(t, _sheet_named_tjek),
                                                           codes=(0, 1, 2), annotate=True),
    "quotes, ! and % in a sheet name (--annotate)": check_of(lambda t: saved_with_openpyxl(t, _hostile_sheet_name),
                                                               codes=(0, 1), annotate=True),
    "merged cell that a finding marks (--annotate)": check_of(lambda t: saved_with_openpyxl(t, _merge_owner_into_activity),
                                                              codes=(0, 1), annotate=True),
    "forged hidden marks sheet (--annotate)": check_of(lambda t: saved_with_openpyxl(t, _forged_registry),
                                                       codes=(0, 1), annotate=True),
    # names and file system
    "missing file": check_of(lambda t: t / "findes-ikke.xlsx", must_say=("findes ikke",)),
    "a folder named plan.xlsx": check_of(_folder),
    "symlink loop": check_of(_symlink_loop),
    "dangling symlink": check_of(_dangling),
    "FIFO named plan.xlsx": check_of(_fifo),
    "file named .xlsx": check_of(lambda t: plan_copy(t, ".xlsx"), codes=(0, 1), annotate=True),
    "file named 'plan.xlsx ' (trailing space)": check_of(lambda t: plan_copy(t, "plan.xlsx "), codes=(0, 1),
                                                         annotate=True),
    "file named -rf.xlsx": lambda t: Case(["check", plan_copy(t, "-rf.xlsx").name], must_say=("./-rf.xlsx",)),
    "file name that is not UTF-8": _non_utf8_name,
    "newline in a file name": _newline_name,
    "control character in an inbox file name (batch --overview)": _control_char_name("batch"),
    "control character in an inbox file name (påmind)": _control_char_name("påmind"),
    "output name too long": _long_output_name,
    "../ in input names, same name twice": _traversal_names,
    "read-only target folder": _readonly_target,
    "unreadable input": _unreadable_input,
    "disk full while writing a workbook": _full_disk(["import", lambda t: json_file(t, archive_json(t)), "-o",
                                                      lambda t: t / "ud.xlsx"]),
    "stdout is a full device": _stdout_full,
    # outputs
    "template default name taken": _template_default_taken,
    "calendar into an .xlsx": _ics_into_xlsx,
    "overview exists": _overview_exists,
    "output is the input": lambda t: Case(["check", plan_copy(t), "--annotate", t / "plan.xlsx", "--overskriv"],
                                          must_say=("læses fra",)),
    "output folder's parent missing": lambda t: Case(["template", "-o", t / "a" / "b" / "plan.xlsx"],
                                                     must_say=("findes ikke",)),
    "output is a folder": lambda t: Case(["template", "-o", t], must_say=("mappe",)),
    "overdue on a missing file": _overdue_missing,
    "overdue with one file missing": _overdue_one_missing,
    "batch inbox with empty, text and Word files": _batch_bad_inbox_files,
    "batch inbox that is a file": lambda t: Case(["batch", plan_copy(t), "-o", t / "arkiv"]),
    # JSON archives
    "JSON: not JSON": import_of("{ikke json", must_say=("ugyldig JSON",)),
    "JSON: empty file": import_of(""),
    "JSON: byte-order mark": edited_archive(lambda s: "\ufeff" + s, codes=(0,)),
    "JSON: array at the root": import_of("[1, 2, 3]"),
    "JSON: null at the root": import_of("null"),
    "JSON: a string at the root": import_of('"plan"'),
    "JSON: NaN": edited_archive(lambda s: re.sub(r'"schema_version": \d+', '"schema_version": NaN', s, count=1)),
    "JSON: Infinity": import_of('{"plan": {"kommune": Infinity}}'),
    "JSON: nested 100,000 deep": import_of(_deep(100_000)),
    "JSON: 5,000-digit integer": import_of('{"plan": {"kommune": ' + "9" * 5000 + "}}"),
    "JSON: wrong types": import_of('{"plan": {"sigtepunkter": "nej", "team": 7}}', must_say=("sigtepunkter",)),
    "JSON: unknown field": import_of('{"plan": {"kommune": "A", "hemmeligt_felt": 1}}', must_say=("hemmeligt_felt",)),
    "JSON: plan is null": import_of('{"plan": null}'),
    "JSON: Latin-1 text": import_of('{"plan": {"kommune": "K\xf8ge"}}'.encode("latin-1")),
    "JSON: unknown future schema_version": edited_archive(
        lambda s: re.sub(r'"schema_version": \d+', '"schema_version": 99', s, count=1), must_say=("nyere version",)),
    "JSON: control characters in text": edited_archive(lambda s: s.replace('"enhed": "', '"enhed": "\\u0001\\u0002', 1),
                                                       codes=(0, 2)),
    "JSON: date in year 1": edited_archive(lambda s: re.sub(r'"periode_start": "[^"]*"', '"periode_start": "0001-01-01"', s),
                                           codes=(0, 2)),
    "JSON: the input is a folder": lambda t: Case(["import", t, "-o", t / "ud.xlsx"]),
    # configuration
    "config: missing file": lambda t: Case(["check", plan_copy(t), "--config", t / "hr.toml"], must_say=("hr.toml",)),
    "config: TOML syntax error": _cfg("[thresholds\nmax = "),
    "config: unknown key": _cfg("[thresholds]\nhemmelig = 3\n"),
    "config: wrong type": _cfg('[thresholds]\nmax_years_ahead = "fem"\n'),
    "config: value below its minimum": _cfg("[thresholds]\nmax_years_ahead = -1\n"),
    "config: unknown severity": _cfg('[severity]\nAPPROVAL_MISSING = "katastrofe"\n'),
    "config: not UTF-8": _cfg("[words]\nextra_group_words = ['k\xf8kkenet']\n".encode("latin-1")),
    "config: is a folder": lambda t: Case(["check", plan_copy(t), "--config", t], must_say=("konfiguration",)),
    "config: unknown lexicon list": _cfg('[lexicon]\nhemmelige_ord = ["x"]\n'),
    # standard input
    "smart -: not JSON": _smart_stdin(b"{ikke json\n"),
    "smart -: not UTF-8": _smart_stdin(b'{"text": "k\xf8kken"}\n'),
    "smart -: an array line": _smart_stdin(b"[1, 2]\n"),
    "smart -: nested 100,000 deep": _smart_stdin(_deep(100_000).encode() + b"\n"),
    "smart -: 5,000-digit integer": _smart_stdin(b'{"text": "x", "due": ' + b"9" * 5000 + b"}\n"),
    "smart -: binary garbage": _smart_stdin(bytes(range(256)) * 4),
    "smart -: standard input closed": lambda t: Case(["smart", "-"], preexec=_closed(0), must_say=("lukket",)),
    "standard output closed": lambda t: Case(["check", plan_copy(t), "--as-of", "2027-01-01"], codes=(1,),
                                             preexec=_closed(1), must_say=("lukket",)),
    # the command line
    "unknown command 'chek'": _usage("chek", "plan.xlsx", must_say=("chek",)),
    "unknown option": _usage("check", "--hemmelig", must_say=("--hemmelig",)),
    "--as-of not a date": _usage("overdue", "plan.xlsx", "--as-of", "31-02-2027", must_say=("31-02-2027",)),
    "--soon negative": _usage("overdue", "plan.xlsx", "--soon", "-1"),
    "--jobs zero": _usage("batch", ".", "-o", "arkiv", "--jobs", "0"),
    "--format xml": _usage("check", "plan.xlsx", "--format", "xml"),
    "missing -o": _usage("import", "arkiv.json", must_say=("-o",)),
    # udvikling: two versions of a plan, or a batch archive
    "udvikling: a corrupt earlier version": lambda t: Case(["udvikling", json_file(t, '{"plan": {"sigtepunkter": ['),
                                                            plan_copy(t)], must_say=("arkiv.json",)),
    "udvikling: a Word document as the later version": lambda t: Case(
        ["udvikling", plan_copy(t), raw_file(ole_file(["WordDocument", "1Table"]), "ny.xlsx")(t)],
        must_say=("Word", "ny.xlsx")),
    "udvikling: another unit's plan": lambda t: Case(["udvikling", plan_copy(t), plan_copy(t, "anden.xlsx", OTHER)],
                                                      codes=(1,), must_say=("sammenlignes ikke",)),
    "udvikling: -o onto an existing file": lambda t: Case(
        ["udvikling", plan_copy(t), plan_copy(t, "ny.xlsx"), "-o", json_file(t, "{}", "udvikling.json")],
        must_say=("findes allerede",)),
    "udvikling: a folder that is no archive": lambda t: Case(["udvikling", t], must_say=("batch-arkiv",)),
    "udvikling: -o in a read-only folder": _udvikling_readonly_output,
    "udvikling: an archive where every file failed": _archive_all_failed("udvikling"),
    # the other batch commands: every file failing, an empty inbox, outputs that cannot be written
    "påmind: every workbook in the inbox fails": _paamind_all_fail,
    "påmind: an empty inbox": _paamind_empty_inbox,
    "påmind: an archive where every file failed": _archive_all_failed("påmind"),
    "påmind: -o is a file": _paamind_output_is_a_file,
    "påmind: -o in a read-only folder": _paamind_readonly_output,
    "batch: every workbook fails, with --overview": _batch_all_fail,
    "batch: --overview in a read-only folder": _batch_overview_readonly,
    "batch: --overview under a file": lambda t: Case(
        ["batch", _failing_inbox(t), "-o", t / "arkiv", "--overview", plan_copy(t, "noter.txt", OTHER) / "oversigt.xlsx"],
        must_say=("noter.txt", "ikke en mappe"), after=_nothing_written(t / "arkiv")),
    "påmind: the inbox is a file": lambda t: Case(["påmind", plan_copy(t), "-o", t / "ud"], must_say=("plan.xlsx", "mappe"),
                                                  after=_nothing_written(t / "ud")),
}


@pytest.mark.parametrize("kind", list(KINDS))
def test_hostile_input(kind, tmp_path):
    TALLY["kinds"] += 1
    case = KINDS[kind](tmp_path)
    run_case(tmp_path, case)


def test_the_suite_has_at_least_sixty_kinds():
    assert len(KINDS) >= 60


def test_the_english_detector_catches_library_text(tmp_path):
    for leak in ["File is not a zip file", "Bad CRC-32 for file 'xl/a.xml'", "KeyError", "Permission denied",
                 "Read-only file system", "No space left on device", "File exists", "Extra inputs are not permitted",
                 "Input should be a valid integer", "Expecting value: line 1 column 1 (char 0)",
                 "No such command 'chek'.", "InvalidFileException", "'MergedCell' object attribute 'comment' is read-only",
                 "maximum recursion depth exceeded", "Exceeds the limit (4300 digits) for integer string conversion"]:
        assert english_in(leak, tmp_path), leak
    for danish in ["Kan ikke læse 'plan.xlsx': filen er tom.", "Fejl: Kommandoen 'chek' findes ikke.",
                   "Kan ikke skrive 'a.json': der er ikke mere plads på disken."]:
        assert not english_in(danish, tmp_path), danish
