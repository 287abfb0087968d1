"""PDF through LibreOffice, when it is installed: soffice exits 0 even when it fails, so the PDF's
presence is what counts; each run gets its own profile folder."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import InputError


def to_pdf(docx_path: Path, timeout: int = 180) -> Path:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise InputError(str(docx_path), "для PDF нужен LibreOffice: apt-get install libreoffice-writer-nogui")
    target = docx_path.with_suffix(".pdf")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{profile}",
                        "--convert-to", "pdf", "--outdir", str(docx_path.parent), str(docx_path)],
                       capture_output=True, timeout=timeout)
    if not target.exists():
        raise InputError(str(docx_path), "LibreOffice не смог сделать PDF")
    return target
