"""PDF through LibreOffice, when it is installed: soffice exits 0 even when it fails, so the PDF's
presence is what counts; each run gets its own profile folder."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import InputError
from ..inputs import os_problem


def to_pdf(docx_path: Path, timeout: int = 180) -> Path:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise InputError(str(docx_path), "файл .docx сохранен, но для PDF нужен LibreOffice: "
                                         "apt-get install libreoffice-writer-nogui")
    target = docx_path.with_suffix(".pdf")
    with tempfile.TemporaryDirectory() as profile:
        try:
            subprocess.run([soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{profile}",
                            "--convert-to", "pdf", "--outdir", str(docx_path.parent), str(docx_path)],
                           capture_output=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            raise InputError(str(docx_path), f"LibreOffice не сделал PDF за {timeout} с; файл .docx сохранен") from None
        except OSError as exc:
            raise InputError(str(docx_path), f"не удается запустить LibreOffice: {os_problem(exc)}") from None
    if not target.exists():
        raise InputError(str(docx_path), "LibreOffice не смог сделать PDF; файл .docx сохранен")
    return target
