"""A minimal [MS-CFB] compound file writer (version 3, 512-byte sectors) for vbaProject.bin.

It writes storages and streams given as a dict of paths ("VBA/dir") to bytes. Streams under 4096 bytes
live in the mini stream (64-byte mini sectors) as the format requires; larger ones in regular sectors.
Each storage's children form a binary search tree ordered as the spec orders names (shorter first,
then upper-case compare); all entries are black, which every reader accepts.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field

SECTOR = 512
MINI_SECTOR = 64
MINI_CUTOFF = 4096
FREESECT, ENDOFCHAIN, FATSECT = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
NOSTREAM = 0xFFFFFFFF
STORAGE, STREAM, ROOT = 1, 2, 5


@dataclass
class _Entry:
    name: str
    kind: int
    data: bytes = b""
    children: list["_Entry"] = field(default_factory=list)
    id: int = 0
    left: int = NOSTREAM
    right: int = NOSTREAM
    child: int = NOSTREAM
    start: int = ENDOFCHAIN
    size: int = 0


def _key(name: str) -> tuple[int, str]:
    return (len(name), name.upper())


def _tree(entries: list[_Entry]) -> int:
    """Link ``entries`` (sorted) as a balanced binary search tree; return the root id."""
    if not entries:
        return NOSTREAM
    mid = len(entries) // 2
    root = entries[mid]
    root.left = _tree(entries[:mid])
    root.right = _tree(entries[mid + 1:])
    return root.id


def _chain(fat: list[int], start: int, count: int) -> None:
    for i in range(count):
        fat[start + i] = start + i + 1 if i < count - 1 else ENDOFCHAIN


def write_cfb(streams: dict[str, bytes]) -> bytes:
    root = _Entry("Root Entry", ROOT)
    for path, data in streams.items():
        node = root
        parts = path.split("/")
        for part in parts[:-1]:
            found = next((c for c in node.children if c.name == part and c.kind == STORAGE), None)
            if found is None:
                found = _Entry(part, STORAGE)
                node.children.append(found)
            node = found
        node.children.append(_Entry(parts[-1], STREAM, data=data))

    entries: list[_Entry] = []

    def number(node: _Entry) -> None:
        node.id = len(entries)
        entries.append(node)
        for child in sorted(node.children, key=lambda c: _key(c.name)):
            number(child)

    number(root)
    for node in entries:
        node.child = _tree(sorted(node.children, key=lambda c: _key(c.name)))

    # mini stream: small streams, each in whole 64-byte mini sectors
    mini = bytearray()
    minifat: list[int] = []
    big: list[_Entry] = []
    for node in entries:
        if node.kind != STREAM:
            continue
        node.size = len(node.data)
        if node.size == 0:
            continue
        if node.size < MINI_CUTOFF:
            first = len(minifat)
            count = -(-node.size // MINI_SECTOR)
            node.start = first
            minifat += [first + i + 1 for i in range(count - 1)] + [ENDOFCHAIN]
            mini += node.data + b"\0" * (count * MINI_SECTOR - node.size)
        else:
            big.append(node)

    sectors: list[bytes] = []

    def place(data: bytes) -> tuple[int, int]:
        start = len(sectors)
        for i in range(0, len(data), SECTOR):
            sectors.append(data[i:i + SECTOR].ljust(SECTOR, b"\0"))
        return start, len(sectors) - start

    chains: list[tuple[int, int]] = []
    for node in big:
        node.start, count = place(node.data)
        chains.append((node.start, count))
    if mini:
        root.start, count = place(bytes(mini))
        root.size = len(mini)
        chains.append((root.start, count))
    minifat_start, minifat_count = ENDOFCHAIN, 0
    if minifat:
        raw = b"".join(struct.pack("<I", x) for x in minifat)
        raw += struct.pack("<I", FREESECT) * ((-len(minifat)) % (SECTOR // 4))
        minifat_start, minifat_count = place(raw)
        chains.append((minifat_start, minifat_count))
    directory = bytearray()
    for node in entries:
        directory += _dir_entry(node)
    while len(directory) % SECTOR:
        directory += _empty_entry()
    dir_start, dir_count = place(bytes(directory))
    chains.append((dir_start, dir_count))

    n_fat = 1
    while (len(sectors) + n_fat) > n_fat * (SECTOR // 4):
        n_fat += 1
    if n_fat > 109:
        raise ValueError("compound file too large for a header-only DIFAT")
    fat_start = len(sectors)
    fat = [FREESECT] * (n_fat * (SECTOR // 4))
    for start, count in chains:
        _chain(fat, start, count)
    for i in range(n_fat):
        fat[fat_start + i] = FATSECT
    fat_bytes = b"".join(struct.pack("<I", x) for x in fat)
    place(fat_bytes)

    difat = [fat_start + i for i in range(n_fat)] + [FREESECT] * (109 - n_fat)
    header = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII",
        bytes.fromhex("D0CF11E0A1B11AE1"), b"\0" * 16, 0x003E, 0x0003, 0xFFFE, 9, 6, b"\0" * 6,
        0, n_fat, dir_start, 0, MINI_CUTOFF, minifat_start, minifat_count, ENDOFCHAIN, 0,
    ) + b"".join(struct.pack("<I", x) for x in difat)
    assert len(header) == SECTOR
    return header + b"".join(sectors)


def _dir_entry(node: _Entry) -> bytes:
    name = node.name.encode("utf-16-le") + b"\0\0"
    if len(name) > 64:
        raise ValueError(f"name too long for a compound file entry: {node.name}")
    return struct.pack(
        "<64sHBBIII16sIQQIQ",
        name.ljust(64, b"\0"), len(name), node.kind, 1, node.left, node.right, node.child,
        b"\0" * 16, 0, 0, 0, node.start if node.kind != STORAGE else 0, node.size,
    )


def _empty_entry() -> bytes:
    return struct.pack("<64sHBBIII16sIQQIQ", b"\0" * 64, 0, 0, 0, NOSTREAM, NOSTREAM, NOSTREAM,
                       b"\0" * 16, 0, 0, 0, 0, 0)
