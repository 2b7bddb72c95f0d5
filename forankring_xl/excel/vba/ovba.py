"""A source-only VBA project, written per [MS-OVBA] without Excel.

The project has no compiled p-code and no performance cache: ``_VBA_PROJECT`` carries version 0xFFFF,
so Office compiles the modules from their (compressed) source when it opens the file. The streams are
returned as a dict of CFB paths → bytes; ``cfb.py`` puts them into a compound file.

Sections of [MS-OVBA] used: 2.4.1 (compression), 2.3.4.2 (dir stream), 2.3.1 (PROJECT stream),
2.4.3 (data encryption, for the CMG/DPB/GC protection fields), 2.3.4.1 (_VBA_PROJECT).
"""

from __future__ import annotations

import os
import struct
import uuid
from dataclasses import dataclass

CODEPAGE = 1252
ENCODING = "cp1252"

# --- 2.4.1 compression ------------------------------------------------------------------


def _copy_token_help(difference: int) -> tuple[int, int, int]:
    """(length mask, offset mask, bit count, maximum length) for a position in a chunk."""
    bit_count = max((difference - 1).bit_length(), 4)
    length_mask = 0xFFFF >> bit_count
    return length_mask, bit_count, length_mask + 3


MAX_CANDIDATES = 48  # how many earlier positions with the same 3 bytes to try (any match is valid)


def _compress_chunk(data: bytes) -> bytes:
    """Token sequences for one chunk: literals, and copy tokens for repeats of 3+ bytes."""
    out = bytearray()
    seen: dict[bytes, list[int]] = {}
    pos = 0
    end = len(data)

    def remember(upto: int, start: int) -> None:
        for i in range(start, min(upto, end - 2)):
            seen.setdefault(data[i:i + 3], []).append(i)

    while pos < end:
        flag_index = len(out)
        out.append(0)
        flags = 0
        for bit in range(8):
            if pos >= end:
                break
            best_len, best_off = 0, 0
            if pos > 0 and pos + 3 <= end:
                _, bit_count, max_len = _copy_token_help(pos)
                limit = min(max_len, end - pos)
                for cand in reversed(seen.get(data[pos:pos + 3], [])[-MAX_CANDIDATES:]):
                    length = 3
                    while length < limit and data[cand + length] == data[pos + length]:
                        length += 1
                    if length > best_len:
                        best_len, best_off = length, pos - cand
                        if length == limit:
                            break
            if best_len >= 3:
                _, bit_count, _ = _copy_token_help(pos)
                out += struct.pack("<H", ((best_off - 1) << (16 - bit_count)) | (best_len - 3))
                flags |= 1 << bit
                remember(pos + best_len, pos)
                pos += best_len
            else:
                out.append(data[pos])
                remember(pos + 1, pos)
                pos += 1
        out[flag_index] = flags
    return bytes(out)


CHUNK = 4096  # bytes of decompressed data per chunk ([MS-OVBA] 2.4.1.1.3)
MAX_BODY = 4096  # most bytes of token sequences a compressed chunk can hold (a 12-bit size of n - 3, n <= 4098)


def compress(data: bytes) -> bytes:
    """A CompressedContainer holding ``data`` ([MS-OVBA] 2.4.1.3.6).

    A chunk whose token sequences would not fit in a compressed chunk (incompressible data) is stored
    raw ([MS-OVBA] 2.4.1.3.10). A raw chunk always holds 4,096 bytes, so a short final chunk is padded
    with zero bytes, as the specification prescribes; a reader then sees those zeros after the data.
    Module source is text and never comes near this; the guard keeps the container valid regardless.
    """
    out = bytearray(b"\x01")
    for start in range(0, len(data), CHUNK):
        chunk = data[start:start + CHUNK]
        body = _compress_chunk(chunk)
        if len(body) > MAX_BODY:
            out += struct.pack("<H", (2 + CHUNK - 3) | 0x3000)  # size field 4095 (header + 4096 bytes, minus 3); flag 0: raw
            out += chunk + bytes(CHUNK - len(chunk))
        else:
            out += struct.pack("<H", (len(body) + 2 - 3) | 0x3000 | 0x8000)
            out += body
    return bytes(out)


# --- 2.4.3 data encryption (for the PROJECT stream's protection fields) ------------------


def encrypt(data: bytes, project_id: str, seed: int | None = None) -> str:
    """``data`` encrypted as [MS-OVBA] 2.4.3.2 prescribes, as the hex text the PROJECT stream carries.

    The running state starts from the project key and the two encrypted header bytes: UnencryptedByte1 =
    ProjKey, EncryptedByte1 = ProjKeyEnc, EncryptedByte2 = VersionEnc. The ignored bytes may hold any
    value; we write zeros.
    """
    seed = os.urandom(1)[0] if seed is None else seed
    version = 2
    proj_key = sum(project_id.encode(ENCODING)) & 0xFF
    version_enc, proj_key_enc = seed ^ version, seed ^ proj_key
    out = bytearray([seed, version_enc, proj_key_enc])
    unencrypted_1, encrypted_1, encrypted_2 = proj_key, proj_key_enc, version_enc
    ignored_length = (seed & 6) // 2

    def put(byte: int) -> None:
        nonlocal unencrypted_1, encrypted_1, encrypted_2
        enc = byte ^ ((encrypted_2 + unencrypted_1) & 0xFF)
        out.append(enc)
        encrypted_2, encrypted_1, unencrypted_1 = encrypted_1, enc, byte

    for _ in range(ignored_length):
        put(0)
    for byte in struct.pack("<I", len(data)):
        put(byte)
    for byte in data:
        put(byte)
    return out.hex().upper()


# --- the project -------------------------------------------------------------------------


CLASS_BASE = "0{FCFB3D2A-A0FA-1068-A738-08002B3371B5}"
WORKBOOK_BASE = "0{00020819-0000-0000-C000-000000000046}"
WORKSHEET_BASE = "0{00020820-0000-0000-C000-000000000046}"
DOCUMENT_ATTRIBUTES = (
    "Attribute VB_GlobalNameSpace = False\nAttribute VB_Creatable = False\nAttribute VB_PredeclaredId = True\n"
    "Attribute VB_Exposed = True\nAttribute VB_TemplateDerived = False\nAttribute VB_Customizable = True\n"
)


@dataclass(frozen=True)
class Module:
    name: str
    source: str  # without the Attribute VB_Name (and VB_Base) lines; they are added here
    kind: str = "standard"  # standard, class or document
    base: str | None = None  # VB_Base of a class or document module

    def code(self) -> bytes:
        head = f'Attribute VB_Name = "{self.name}"\r\n'
        if self.base:
            head += f'Attribute VB_Base = "{self.base}"\r\n'
        text = head + self.source.replace("\r\n", "\n").replace("\n", "\r\n")
        if not text.endswith("\r\n"):
            text += "\r\n"
        return text.encode(ENCODING)


def _record(record_id: int, payload: bytes) -> bytes:
    return struct.pack("<HI", record_id, len(payload)) + payload


def _string_records(id_mbcs: int, id_unicode: int, text: str) -> bytes:
    return _record(id_mbcs, text.encode(ENCODING)) + struct.pack("<HI", id_unicode, len(text.encode("utf-16-le"))) + text.encode("utf-16-le")


def dir_stream(project: str, modules: list[Module]) -> bytes:
    """The decompressed ``dir`` stream ([MS-OVBA] 2.3.4.2)."""
    d = bytearray()
    d += _record(0x0001, struct.pack("<I", 1))  # PROJECTSYSKIND: Win32 (64-bit Office reads it too)
    d += _record(0x0002, struct.pack("<I", 0x0409))  # PROJECTLCID
    d += _record(0x0014, struct.pack("<I", 0x0409))  # PROJECTLCIDINVOKE
    d += _record(0x0003, struct.pack("<H", CODEPAGE))  # PROJECTCODEPAGE
    d += _record(0x0004, project.encode(ENCODING))  # PROJECTNAME
    d += _string_records(0x0005, 0x0040, "")  # PROJECTDOCSTRING
    d += _string_records(0x0006, 0x003D, "")  # PROJECTHELPFILEPATH (two copies)
    d += _record(0x0007, struct.pack("<I", 0))  # PROJECTHELPCONTEXT
    d += _record(0x0008, struct.pack("<I", 0))  # PROJECTLIBFLAGS
    d += struct.pack("<HIIH", 0x0009, 4, 1, 0)  # PROJECTVERSION (Reserved=4, major, minor)
    d += _string_records(0x000C, 0x003C, "")  # PROJECTCONSTANTS
    d += _record(0x000F, struct.pack("<H", len(modules)))  # PROJECTMODULES
    d += _record(0x0013, struct.pack("<H", 0xFFFF))  # PROJECTCOOKIE
    for module in modules:
        d += _record(0x0019, module.name.encode(ENCODING))  # MODULENAME
        d += _record(0x0047, module.name.encode("utf-16-le"))  # MODULENAMEUNICODE
        d += _string_records(0x001A, 0x0032, module.name)  # MODULESTREAMNAME
        d += _string_records(0x001C, 0x0048, "")  # MODULEDOCSTRING
        d += _record(0x0031, struct.pack("<I", 0))  # MODULEOFFSET: source starts at 0 (no p-code)
        d += _record(0x001E, struct.pack("<I", 0))  # MODULEHELPCONTEXT
        d += _record(0x002C, struct.pack("<H", 0xFFFF))  # MODULECOOKIE
        d += _record(0x0021 if module.kind == "standard" else 0x0022, b"")  # MODULETYPE: procedural or document/class
        d += _record(0x002B, b"")  # module terminator
    d += _record(0x0010, b"")  # dir terminator
    return bytes(d)


def project_stream(project: str, modules: list[Module], project_id: str) -> bytes:
    """The PROJECT stream: project information as text ([MS-OVBA] 2.3.1)."""
    not_protected = encrypt(struct.pack("<I", 0), project_id)
    no_password = encrypt(bytes([0]), project_id)
    visible = encrypt(bytes([0xFF]), project_id)
    lines = [f'ID="{project_id}"']
    for m in modules:
        if m.kind == "document":
            lines.append(f"Document={m.name}/&H00000000")
        elif m.kind == "class":
            lines.append(f"Class={m.name}")
        else:
            lines.append(f"Module={m.name}")
    lines += [
        f'Name="{project}"',
        'HelpContextID="0"',
        'VersionCompatible32="393222000"',
        f'CMG="{not_protected}"',
        f'DPB="{no_password}"',
        f'GC="{visible}"',
        "",
        "[Host Extender Info]",
        "&H00000001={3832D640-CF90-11CF-8E43-00A0C911005A};VBE;&H00000000",
        "",
        "[Workspace]",
    ]
    lines += [f"{m.name}=0, 0, 0, 0, C" for m in modules]
    return ("\r\n".join(lines) + "\r\n").encode(ENCODING)


def project_wm(modules: list[Module]) -> bytes:
    """PROJECTwm: module names in MBCS and UTF-16 ([MS-OVBA] 2.3.3)."""
    out = bytearray()
    for m in modules:
        out += m.name.encode(ENCODING) + b"\x00" + m.name.encode("utf-16-le") + b"\x00\x00"
    return bytes(out + b"\x00\x00")


def vba_streams(project: str, modules: list[Module], project_id: str | None = None) -> dict[str, bytes]:
    """Every stream of the VBA storage, keyed by CFB path."""
    project_id = project_id or "{" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"forankring-xl/{project}")).upper() + "}"
    streams = {
        "PROJECT": project_stream(project, modules, project_id),
        "PROJECTwm": project_wm(modules),
        "VBA/_VBA_PROJECT": struct.pack("<HHBH", 0x61CC, 0xFFFF, 0x00, 0x0000),
        "VBA/dir": compress(dir_stream(project, modules)),
    }
    for module in modules:
        streams[f"VBA/{module.name}"] = compress(module.code())
    return streams
