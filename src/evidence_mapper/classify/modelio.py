"""Model files without pickle: a JSON manifest plus numpy arrays in a byte-stable zip.

A model is ``NAME.json`` (kind, labels, parameters, card) and ``NAME.npz`` (arrays only, read
with ``allow_pickle=False``), so loading a model from an untrusted place cannot run code. The
zip is written with fixed timestamps and sorted members, so the same weights give the same
bytes and ``train`` can be checked bit-for-bit.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from pathlib import Path

import numpy as np

from ..errors import EvidenceMapperError

FIXED_TIME = (2020, 1, 1, 0, 0, 0)


class ModelFileError(EvidenceMapperError):
    """A model file that cannot be read or does not match its manifest."""


def save_arrays(path: Path, arrays: dict[str, np.ndarray]) -> str:
    """Write arrays to ``path`` (.npz layout); returns the file's sha256."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for name in sorted(arrays):
            arr = np.ascontiguousarray(arrays[name])
            if arr.dtype == object:
                raise ModelFileError(f"{name}: object arrays are not allowed in model files")
            b = io.BytesIO()
            np.lib.format.write_array(b, arr, allow_pickle=False)
            info = zipfile.ZipInfo(name + ".npy", date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, b.getvalue())
    data = buf.getvalue()
    path.write_bytes(data)
    return hashlib.sha256(data).hexdigest()


def load_arrays(path: Path) -> dict[str, np.ndarray]:
    try:
        with np.load(path, allow_pickle=False) as z:
            return {k: z[k] for k in z.files}
    except (OSError, ValueError, zipfile.BadZipFile) as e:
        raise ModelFileError(f"{path}: not a readable model array file ({e})") from e


def save_manifest(path: Path, manifest: dict) -> None:
    path.write_text(json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def load_manifest(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise ModelFileError(f"{path}: not a readable model manifest ({e})") from e


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
