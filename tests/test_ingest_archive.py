"""ZIP submissions: one document per member, named by its path inside the archive."""

from __future__ import annotations

import io
import zipfile

from evidence_mapper.ingest import IngestError, Known, Limits, ingest_path
from evidence_mapper.store import Workspace
from conftest import PERBUP_TEXT


def _zip(path, members: dict[str, bytes]):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return path


def _zip_bytes(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


def test_plain_file_yields_one_entry(perbup_pdf):
    entries = list(ingest_path(perbup_pdf))
    assert len(entries) == 1 and entries[0][0] == str(perbup_pdf)
    assert entries[0][1].pages[0].source == "text"


def test_nested_zip_keeps_folder_names(tmp_path, perbup_pdf):
    inner = _zip_bytes({"Lampiran/daftar.txt": b"Daftar aplikasi SPBE: SIMPEG, SIPD"})
    z = _zip(tmp_path / "data_dukung.zip", {
        "Indikator 08/sk.pdf": perbup_pdf.read_bytes(),
        "Indikator 08/catatan.txt": PERBUP_TEXT.encode(),
        "Indikator 10/arsip.zip": inner,
        "Indikator 10/": b"",
        "__MACOSX/Indikator 08/._sk.pdf": b"junk",
        "Indikator 11/kosong.txt": b"",
    })
    got = {name: res for name, res in ingest_path(z)}
    base = str(z)
    assert set(got) == {f"{base}/Indikator 08/sk.pdf", f"{base}/Indikator 08/catatan.txt",
                        f"{base}/Indikator 10/arsip.zip/Lampiran/daftar.txt", f"{base}/Indikator 11/kosong.txt"}
    sk = got[f"{base}/Indikator 08/sk.pdf"]
    assert sk.path == f"{base}/Indikator 08/sk.pdf" and sk.media_type == "application/pdf"
    assert "PERATURAN BUPATI CONTOH" in sk.pages[0].text
    assert "SIMPEG" in got[f"{base}/Indikator 10/arsip.zip/Lampiran/daftar.txt"].pages[0].text
    empty = got[f"{base}/Indikator 11/kosong.txt"]
    assert isinstance(empty, IngestError) and empty.kind == "empty" and "kosong.txt" in str(empty)


def test_nesting_depth_is_limited(tmp_path):
    data = b"Peraturan Bupati tentang SPBE"
    member = {"x.txt": data}
    for level in range(4):
        member = {f"level{level}.zip": _zip_bytes(member)}
    z = _zip(tmp_path / "deep.zip", member)
    entries = list(ingest_path(z, Limits(max_archive_depth=3)))
    assert len(entries) == 1
    name, err = entries[0]
    assert isinstance(err, IngestError) and err.kind == "too_large" and "nested" in err.detail
    ok = list(ingest_path(z, Limits(max_archive_depth=5)))
    assert ok[0][0].endswith("level3.zip/level2.zip/level1.zip/level0.zip/x.txt")


def test_skip_returns_known_documents_unread(tmp_path, perbup_pdf):
    z = _zip(tmp_path / "a.zip", {"sk.pdf": perbup_pdf.read_bytes()})
    [(name, res)] = list(ingest_path(z, skip=lambda sha: True))
    assert isinstance(res, Known) and len(res.sha256) == 64


def test_workspace_ingests_archives_and_dedupes(tmp_path, perbup_pdf):
    ws = Workspace.init(tmp_path / "ws")
    z = _zip(tmp_path / "kab.zip", {"Indikator 01/perbup.pdf": perbup_pdf.read_bytes(), "bad.pdf": b"%PDF-1.4 junk"})
    s = ws.ingest([z])
    assert s.added == [f"{z}/Indikator 01/perbup.pdf"]
    assert [(p, k) for p, k, _ in s.errors] == [(f"{z}/bad.pdf", "corrupt")]
    s2 = ws.ingest([z, perbup_pdf])
    assert s2.added == [] and sorted(s2.duplicates) == sorted([f"{z}/Indikator 01/perbup.pdf", str(perbup_pdf)])
    paths = ws.documents()[0]["paths"]
    assert f"{z}/Indikator 01/perbup.pdf" in paths and str(perbup_pdf) in paths


def test_uncompressed_zip_starting_with_a_pdf_is_read_as_an_archive(tmp_path, perbup_pdf):
    arc = tmp_path / "stored.zip"
    with zipfile.ZipFile(arc, "w", compression=zipfile.ZIP_STORED) as z:
        z.writestr("a/perbup.pdf", perbup_pdf.read_bytes())
        z.writestr("b/catatan.txt", "Catatan rapat Tim Koordinasi SPBE.")
    names = sorted(name for name, res in ingest_path(arc) if not isinstance(res, IngestError))
    assert names == [f"{arc}/a/perbup.pdf", f"{arc}/b/catatan.txt"]
