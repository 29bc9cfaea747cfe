"""``report --format pdf``: the HTML report laid out for print (A4, page numbers, the
assessor's signature block) and printed by headless Chromium, the browser the review tests
already use (``chromium`` from Debian, installed by ``scripts/setup.sh``).

``EVIDENCE_MAPPER_CHROMIUM`` names another binary. Without one, :class:`PdfError` with a
one-line reason.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..i18n import t

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")


class PdfError(ValueError):
    """The PDF could not be made (no renderer, or it failed)."""


def find_chromium() -> str | None:
    env = os.environ.get("EVIDENCE_MAPPER_CHROMIUM")
    if env:
        return env if Path(env).exists() or shutil.which(env) else None
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


def html_to_pdf(html: str, lang: str = "id", timeout: float = 180.0) -> bytes:
    exe = find_chromium()
    if exe is None:
        raise PdfError(t("pdf_no_renderer", lang))
    with tempfile.TemporaryDirectory(prefix="em-pdf-") as tmp:
        src = Path(tmp) / "report.html"
        out = Path(tmp) / "report.pdf"
        src.write_text(html, encoding="utf-8")
        cmd = [exe, "--headless", "--disable-gpu", "--no-sandbox", "--no-first-run", "--disable-extensions",
               "--disable-dev-shm-usage", f"--user-data-dir={Path(tmp) / 'profile'}", "--no-pdf-header-footer",
               "--run-all-compositor-stages-before-draw", f"--print-to-pdf={out}", src.as_uri()]
        try:
            p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        except (OSError, subprocess.TimeoutExpired) as e:
            raise PdfError(t("pdf_failed", lang, reason=type(e).__name__)) from e
        if not out.exists() or out.stat().st_size == 0:
            last = (p.stderr.strip().splitlines() or ["exit " + str(p.returncode)])[-1][:200]
            raise PdfError(t("pdf_failed", lang, reason=last))
        return out.read_bytes()
