"""Write the sample PDFs in data/samples/ (made by the project itself, free to use).

    .venv/bin/python -m tests.make_samples
"""

from __future__ import annotations

from pathlib import Path

from tests import pdfgen

SAMPLES = {
    "dortmund-beschlussvorlage-koordinierungsstelle.pdf": (pdfgen.DORTMUND_PROPOSAL, False),
    "musterhausen-niederschrift.pdf": (pdfgen.MINUTES_DE, False),
    "musterhausen-niederschrift-scan.pdf": (pdfgen.MINUTES_DE, True),
    "springfield-council-minutes-en.pdf": (pdfgen.ENGLISH_MINUTES, False),
}


def main(folder: Path = Path(__file__).resolve().parents[1] / "data" / "samples") -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, (pages, scanned) in SAMPLES.items():
        pdfgen.make_pdf(folder / name, pages, scanned=scanned, title=name.removesuffix(".pdf"))
        print(folder / name)


if __name__ == "__main__":
    main()
