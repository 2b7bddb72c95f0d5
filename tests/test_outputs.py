"""The output path policy: no command overwrites a file unless asked, never the input, never the inbox;
the extension fits what is written; no folder appears silently; same-named exports stay apart.

Every command runs as a user runs it (a subprocess of the installed console script).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLES
from hypothesis import given, settings
from hypothesis import strategies as st

from forankring_xl.batch.runner import archive_name
from forankring_xl.io.atomic import atomic_write_bytes, keep_existing
from forankring_xl.io.outputs import OutputError, check_output, free_name

PLAN = EXAMPLES[0]
OLD = b"en udfyldt plan, som ikke maa gaa tabt"


def forankring(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    exe = shutil.which("forankring") or str(Path(sys.executable).parent / "forankring")
    return subprocess.run([exe, *map(str, args)], capture_output=True, text=True, cwd=cwd, timeout=180)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def no_temp_files(folder: Path) -> bool:
    return not [p for p in folder.rglob("*.tmp")]


@pytest.fixture
def setup(tmp_path):
    plan = tmp_path / "plan.xlsx"
    plan.write_bytes(PLAN.read_bytes())
    archive = tmp_path / "arkiv.json"
    assert forankring("export", plan, "-o", archive).returncode == 0
    inbox = tmp_path / "indbakke"
    inbox.mkdir()
    shutil.copy(PLAN, inbox / "enhed.xlsx")
    return tmp_path, plan, archive, inbox


def commands(tmp, plan, archive, inbox, target):
    """Every command that writes a file, writing ``target``."""
    return {
        "template": ["template", "-o", target],
        "import": ["import", archive, "-o", target],
        "check --annotate": ["check", plan, "--annotate", target],
        "batch --overview": ["batch", inbox, "-o", tmp / "arkivmappe", "--overview", target],
        "addin build": ["addin", "build", "-o", target],
        "overdue --ics": ["overdue", plan, "--ics", target, "--as-of", "2027-01-01"],
        "export": ["export", plan, "-o", target],
    }


SUFFIX = {"template": ".xlsx", "import": ".xlsx", "check --annotate": ".xlsx", "batch --overview": ".xlsx",
          "addin build": ".xlam", "overdue --ics": ".ics", "export": ".json"}


@pytest.mark.parametrize("name", list(SUFFIX))
def test_an_existing_output_is_refused_and_kept_then_replaced_when_asked(setup, name):
    tmp, plan, archive, inbox = setup
    target = tmp / f"findes{SUFFIX[name]}"
    target.write_bytes(OLD)
    args = commands(tmp, plan, archive, inbox, target)[name]
    done = forankring(*args)
    assert done.returncode == 2, done.stdout + done.stderr
    assert str(target) in done.stderr and "findes allerede" in done.stderr and "--overskriv" in done.stderr
    assert target.read_bytes() == OLD
    assert "Traceback" not in done.stderr + done.stdout
    if name == "batch --overview":
        assert not (tmp / "arkivmappe").exists(), "refused before any work starts"
    done = forankring(*args, "--overskriv")
    assert done.returncode in (0, 1), done.stderr
    assert target.read_bytes() != OLD and target.stat().st_size > 100
    assert no_temp_files(tmp)


def test_force_is_an_alias_of_overskriv(setup):
    tmp, plan, archive, _ = setup
    target = tmp / "ny.xlsx"
    target.write_bytes(OLD)
    assert forankring("import", archive, "-o", target, "--force").returncode == 0
    assert target.read_bytes()[:2] == b"PK"


def test_template_without_o_never_replaces_a_plan_by_its_default_name(tmp_path):
    filled = tmp_path / "forankringsplan.xlsx"
    filled.write_bytes(PLAN.read_bytes())
    before = digest(filled)
    done = forankring("template", cwd=tmp_path)
    assert done.returncode == 0
    assert digest(filled) == before
    second = tmp_path / "forankringsplan (2).xlsx"
    assert second.exists() and "forankringsplan (2).xlsx" in done.stdout
    assert forankring("template", cwd=tmp_path).returncode == 0
    assert (tmp_path / "forankringsplan (3).xlsx").exists() and digest(filled) == before


@pytest.mark.parametrize("spelling", ["same", "dotted", "symlink"])
def test_the_input_is_never_the_output_even_when_asked(setup, spelling):
    tmp, plan, _, _ = setup
    target = {"same": plan, "dotted": tmp / "." / ".." / tmp.name / plan.name, "symlink": tmp / "link.xlsx"}[spelling]
    if spelling == "symlink":
        target.symlink_to(plan)
    before = digest(plan)
    done = forankring("check", plan, "--annotate", target, "--overskriv")
    assert done.returncode == 2 and "læses fra" in done.stderr
    assert digest(plan) == before


def test_overview_inside_the_inbox_is_refused(setup):
    tmp, _, _, inbox = setup
    done = forankring("batch", inbox, "-o", tmp / "arkivmappe", "--overview", inbox / "oversigt.xlsx", "--overskriv")
    assert done.returncode == 2 and "indbakken" in done.stderr
    assert not (inbox / "oversigt.xlsx").exists() and not (tmp / "arkivmappe").exists()


@pytest.mark.parametrize(
    "name, wrong",
    [("overdue --ics", "kalender.xlsx"), ("import", "plan.json"), ("template", "skabelon.ics"),
     ("export", "arkiv.xlsx"), ("check --annotate", "tjek.json"), ("addin build", "Forankring.xlsx"),
     ("batch --overview", "oversigt.ics"), ("template", "uden-endelse.")],
)
def test_an_output_whose_extension_does_not_fit_is_refused(setup, name, wrong):
    tmp, plan, archive, inbox = setup
    target = tmp / wrong
    done = forankring(*commands(tmp, plan, archive, inbox, target)[name])
    assert done.returncode == 2 and "endelse" in done.stderr, done.stderr
    assert not target.exists()


@pytest.mark.parametrize("name", ["template", "import", "overdue --ics", "check --annotate"])
def test_a_missing_parent_folder_is_not_created(setup, name):
    tmp, plan, archive, inbox = setup
    target = tmp / "mangler" / f"x{SUFFIX[name]}"
    done = forankring(*commands(tmp, plan, archive, inbox, target)[name])
    assert done.returncode == 2 and "'" + str(tmp / "mangler") + "' findes ikke" in done.stderr
    assert not (tmp / "mangler").exists()


def test_export_into_a_new_folder_creates_only_that_folder_and_says_so(tmp_path):
    done = forankring("export", *EXAMPLES[:2], "-o", tmp_path / "ny")
    assert done.returncode == 0 and "oprettet" in done.stderr
    assert len(list((tmp_path / "ny").glob("*.json"))) == 2
    done = forankring("export", *EXAMPLES[:2], "-o", tmp_path / "mangler" / "ny")
    assert done.returncode == 2 and not (tmp_path / "mangler").exists()


def test_export_of_same_named_inputs_gives_each_its_own_json_named_as_batch_does(tmp_path):
    for unit, example in (("a", EXAMPLES[0]), ("b", EXAMPLES[1])):
        (tmp_path / unit).mkdir()
        shutil.copy(example, tmp_path / unit / "plan.xlsx")
    out = tmp_path / "ud"
    done = forankring("export", "a/plan.xlsx", "b/plan.xlsx", "-o", out, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    names = sorted(p.name for p in out.glob("*.json"))
    assert names == sorted([archive_name("a/plan.xlsx"), archive_name("b/plan.xlsx")])
    sources = {json.loads((out / n).read_text())["source_sha256"] for n in names}
    assert sources == {digest(EXAMPLES[0]), digest(EXAMPLES[1])}


def test_export_beside_the_input_refuses_an_existing_json_and_writes_nothing(tmp_path):
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    shutil.copy(EXAMPLES[0], a)
    shutil.copy(EXAMPLES[1], b)
    (tmp_path / "b.json").write_bytes(OLD)
    done = forankring("export", a, b)
    assert done.returncode == 2 and "b.json" in done.stderr and "Intet er eksporteret" in done.stderr
    assert not (tmp_path / "a.json").exists() and (tmp_path / "b.json").read_bytes() == OLD


def test_a_file_that_appears_after_the_check_is_still_not_replaced(tmp_path):
    target = tmp_path / "x.json"
    check_output(target, "json")
    target.write_bytes(OLD)  # another program is quicker than us
    with keep_existing(), pytest.raises(FileExistsError) as info:
        atomic_write_bytes(target, b"new")
    assert info.value.filename == str(target)
    assert target.read_bytes() == OLD and no_temp_files(tmp_path)
    atomic_write_bytes(target, b"new")  # outside the block, replacing is what the caller asked for
    assert target.read_bytes() == b"new"


def test_a_write_error_names_the_target_not_the_temporary_file(tmp_path):
    blocker = tmp_path / "fil"
    blocker.write_bytes(b"")
    with pytest.raises(OSError) as info:
        atomic_write_bytes(blocker / "x.json", b"{}")
    assert info.value.filename == str(blocker / "x.json")


@given(st.sets(st.integers(min_value=1, max_value=12), max_size=8))
def test_free_name_is_never_a_name_that_is_taken(tmp_path_factory, taken):
    folder = tmp_path_factory.mktemp("navne")
    base = folder / "forankringsplan.xlsx"
    for n in taken:
        (base if n == 1 else folder / f"forankringsplan ({n}).xlsx").write_bytes(b"x")
    free = free_name(base)
    assert not free.exists() and free.parent == folder and free.suffix == ".xlsx"
    expected = 1 if 1 not in taken else min(n for n in range(2, 20) if n not in taken)
    assert free.name == ("forankringsplan.xlsx" if expected == 1 else f"forankringsplan ({expected}).xlsx")


def test_policy_refusals_are_danish_and_name_the_path(tmp_path):
    (tmp_path / "mappe.xlsx").mkdir()
    cases = [(tmp_path / "mappe.xlsx", "mappe"), (tmp_path / "x.ics", "endelse")]
    for path, word in cases:
        with pytest.raises(OutputError) as info:
            check_output(path, "workbook", overwrite=True)
        assert str(path) in info.value.message and word in info.value.message


@pytest.mark.parametrize("where", ["inside", "same", "no parent"])
def test_batch_archive_folder_is_not_in_the_inbox_and_its_parent_exists(setup, where):
    tmp, _, _, inbox = setup
    archive = {"inside": inbox / "arkiv", "same": inbox, "no parent": tmp / "mangler" / "arkiv"}[where]
    before = sorted(p.name for p in inbox.iterdir())
    done = forankring("batch", inbox, "-o", archive)
    assert done.returncode == 2 and str(archive) in done.stderr, done.stderr
    assert sorted(p.name for p in inbox.iterdir()) == before and not (tmp / "mangler").exists()


# --- several files into one folder (udsend, påmind): all or nothing -------------------------------------

from forankring_xl.io.outputs import write_files  # noqa: E402


def listing(folder: Path) -> dict[str, bytes]:
    """Every entry below ``folder`` (hidden ones too) with its bytes; folders as None."""
    return {p.relative_to(folder).as_posix(): (p.read_bytes() if p.is_file() else None)
            for p in sorted(folder.rglob("*"))}


def contents_of(names: list[str], fail_at: int | None = None, note: list | None = None):
    def make(name: str, index: int):
        def build() -> bytes:
            if index == fail_at:
                raise OSError(28, "No space left on device")
            return f"ny {name}".encode()
        return build
    return [(name, make(name, i)) for i, name in enumerate(names)]


def test_write_files_names_every_existing_file_in_one_refusal_and_writes_nothing(tmp_path):
    out = tmp_path / "ud"
    out.mkdir()
    (out / "a.eml").write_bytes(OLD)
    (out / "Påmindelser.xlsx").write_bytes(OLD)
    before = listing(out)
    with pytest.raises(OutputError) as caught:
        write_files(out, contents_of(["a.eml", "b.eml", "Påmindelser.xlsx"]))
    message = caught.value.message
    assert "2 af filerne findes allerede" in message and "'a.eml'" in message and "'Påmindelser.xlsx'" in message
    assert "Intet er skrevet" in message and "--overskriv" in message
    assert listing(out) == before


def test_write_files_replaces_when_asked_but_never_the_input(tmp_path):
    out = tmp_path / "ud"
    out.mkdir()
    (out / "a.eml").write_bytes(OLD)
    assert write_files(out, contents_of(["a.eml", "b.eml"]), overwrite=True) == [out / "a.eml", out / "b.eml"]
    assert (out / "a.eml").read_bytes() == b"ny a.eml" and (out / "b.eml").read_bytes() == b"ny b.eml"
    source = out / "enheder.xlsx"
    source.write_bytes(OLD)
    with pytest.raises(OutputError) as caught:
        write_files(out, contents_of(["enheder.xlsx"]), overwrite=True, inputs=[tmp_path / "ud" / ".." / "ud" / "enheder.xlsx"])
    assert "det er den fil, der læses fra" in caught.value.message and source.read_bytes() == OLD


def test_write_files_creates_one_folder_but_never_a_missing_parent(tmp_path):
    with pytest.raises(OutputError) as caught:
        write_files(tmp_path / "mangler" / "ud", contents_of(["a.eml"]))
    assert "findes ikke" in caught.value.message and not (tmp_path / "mangler").exists()
    (tmp_path / "fil").write_bytes(OLD)
    with pytest.raises(OutputError) as caught:
        write_files(tmp_path / "fil", contents_of(["a.eml"]))
    assert "det er en fil, ikke en mappe" in caught.value.message
    write_files(tmp_path / "ny", contents_of(["a.eml"]))
    assert listing(tmp_path / "ny") == {"a.eml": b"ny a.eml"}


def test_write_files_refuses_a_folder_inside_what_is_read(tmp_path):
    inbox = tmp_path / "indbakke"
    (inbox / "uge 2").mkdir(parents=True)
    for folder in (inbox, inbox / "Påmindelser", inbox / "uge 2" / "ud", tmp_path / "indbakke" / ".." / "indbakke"):
        with pytest.raises(OutputError) as caught:
            write_files(folder, contents_of(["a.eml"]), inbox=inbox, inbox_name="indbakken")
        assert "indbakken" in caught.value.message and "som læses" in caught.value.message
    assert listing(inbox) == {"uge 2": None}
    write_files(tmp_path / "Påmindelser", contents_of(["a.eml"]), inbox=inbox)  # beside it is fine


def test_a_failure_while_writing_leaves_no_file_no_staging_and_no_new_folder(tmp_path):
    out = tmp_path / "ud"
    out.mkdir()
    (out / "HR's egen.txt").write_bytes(OLD)
    before = listing(out)
    with pytest.raises(OSError) as caught:
        write_files(out, contents_of(["a.eml", "b.eml", "c.eml"], fail_at=1))
    assert caught.value.filename == str(out / "b.eml")  # the file it concerns, not a temporary name
    assert listing(out) == before
    with pytest.raises(OSError):
        write_files(tmp_path / "ny", contents_of(["a.eml", "b.eml"], fail_at=1))
    assert not (tmp_path / "ny").exists()


def test_a_file_that_appears_while_writing_is_not_replaced(tmp_path):
    out = tmp_path / "ud"
    out.mkdir()

    def intruder() -> bytes:  # another program saves b.eml between the check and the write
        (out / "b.eml").write_bytes(OLD)
        return b"ny c"

    with pytest.raises(OutputError) as caught:
        write_files(out, [("a.eml", lambda: b"ny a"), ("b.eml", lambda: b"ny b"), ("c.eml", intruder)])
    assert "b.eml" in caught.value.message and "Intet er skrevet" in caught.value.message
    assert listing(out) == {"b.eml": OLD}


@settings(max_examples=60)
@given(names=st.lists(st.sampled_from(["a.eml", "b.eml", "Påmindelse - Ø.eml", "Påmindelser.xlsx", "z.xlsx"]),
                      min_size=1, max_size=5, unique=True),
       existing=st.sets(st.sampled_from(["a.eml", "b.eml", "Påmindelser.xlsx", "andet.txt"])),
       fail_at=st.none() | st.integers(0, 4), overwrite=st.booleans())
def test_write_files_is_all_or_nothing(tmp_path_factory, names, existing, fail_at, overwrite):
    """Whatever exists and wherever making a file fails: afterwards the folder holds every new file (and
    whatever else was there), or it is exactly as before."""
    out = tmp_path_factory.mktemp("ud")
    for name in existing:
        (out / name).write_bytes(OLD)
    before = listing(out)
    try:
        write_files(out, contents_of(names, fail_at), overwrite=overwrite)
    except (OutputError, OSError):
        assert listing(out) == before
    else:
        after = listing(out)
        assert all(after[name] == f"ny {name}".encode() for name in names)
        assert {k: v for k, v in after.items() if k not in names} == {k: v for k, v in before.items() if k not in names}
        assert overwrite or not set(names) & existing
