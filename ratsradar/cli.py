"""The ``ratsradar`` command line: init, extract, ingest, export, seed-build."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path


def _pdf_paths(paths: Sequence[str]) -> list[Path]:
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(x for x in p.rglob("*") if x.is_file() and x.suffix.lower() == ".pdf"))
        else:
            out.append(p)
    return out


def cmd_init(args: argparse.Namespace) -> int:
    from models import database_url, make_engine
    from ratsradar.bootstrap import prepare

    added = prepare(make_engine(), seed=not args.no_seed)
    print(f"database ready: {database_url()} ({added} seed decisions added)")
    return 0


def cmd_extract(args: argparse.Namespace) -> int:
    from ratsradar.extraction import extract_bytes
    from ratsradar.record import ExtractionError, ExtractionResult

    for path in _pdf_paths(args.paths):
        try:
            data = path.read_bytes()
        except OSError as err:
            result = ExtractionResult(file=str(path), error=ExtractionError("corrupt", f"cannot read file: {err}"))
        else:
            result = extract_bytes(data, str(path), ocr=not args.no_ocr).with_file(str(path))
        if args.json:
            print(result.to_json_line(), flush=True)
        else:
            doc = result.document
            status = f"ERROR {result.error.code}: {result.error.message}" if result.error else (
                f"{doc.document_type or '?'} · {doc.municipality or '?'} · {doc.date or '?'} · "
                f"{sum(d.relevant for d in result.decisions)}/{len(result.decisions)} relevant")
            print(f"{path}: {status}", flush=True)
    return 0


def cmd_ingest(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from models import make_engine
    from ratsradar.bootstrap import prepare
    from ratsradar.ingest import ingest_path

    engine = make_engine()
    prepare(engine)
    paths = _pdf_paths(args.paths)
    counts = {"created": 0, "duplicate": 0, "error": 0}
    for path in tqdm(paths, unit="file", disable=args.quiet or not sys.stderr.isatty()):
        outcome = ingest_path(engine, path, uploaded_by=args.user, publish=args.publish)
        counts[outcome.status] += 1
        if outcome.status == "error" and outcome.error:
            print(f"{path}: {outcome.error.code}: {outcome.error.message}", file=sys.stderr)
        elif not args.quiet:
            print(f"{path}: {outcome.status} ({len(outcome.decision_ids)} decisions, {outcome.relevant} relevant)")
    print(f"{counts['created']} created, {counts['duplicate']} duplicate, {counts['error']} failed")
    return 0 if counts["error"] == 0 else 1


def cmd_export(args: argparse.Namespace) -> int:
    from sqlmodel import Session

    from models import make_engine
    from ratsradar.bootstrap import prepare
    from ratsradar.export import published_records, to_csv, to_json

    engine = make_engine()
    prepare(engine)
    with Session(engine) as session:
        records = list(published_records(session))
    sys.stdout.write(to_csv(records) if args.format == "csv" else to_json(records) + "\n")
    return 0


def cmd_seed_build(args: argparse.Namespace) -> int:
    from ratsradar.paths import SEED_FILE
    from ratsradar.seed import build_seed

    n = build_seed(Path(args.reference), Path(args.out) if args.out else SEED_FILE)
    print(f"wrote {n} seed decisions to {args.out or SEED_FILE}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="ratsradar", description="Ratsradar: council decisions on digital "
                                "sovereignty and free software. DATABASE_URL selects the database.")
    sub = p.add_subparsers(dest="command", required=True)
    s = sub.add_parser("init", help="create the database and load the seed decisions")
    s.add_argument("--no-seed", action="store_true", help="do not load the seed decisions")
    s.set_defaults(func=cmd_init)
    s = sub.add_parser("extract", help="read PDFs and print what was found")
    s.add_argument("paths", nargs="+", help="PDF files or folders")
    s.add_argument("--json", action="store_true", help="one JSON object per file (the extraction contract)")
    s.add_argument("--no-ocr", action="store_true", help="do not run OCR on pages without text")
    s.set_defaults(func=cmd_extract)
    s = sub.add_parser("ingest", help="extract and store PDFs as drafts (or published)")
    s.add_argument("paths", nargs="+", help="PDF files or folders")
    s.add_argument("--publish", action="store_true", help="publish at once instead of storing drafts")
    s.add_argument("--user", default=None, help="name noted as uploader")
    s.add_argument("--quiet", action="store_true")
    s.set_defaults(func=cmd_ingest)
    s = sub.add_parser("export", help="print the published decisions with measures and sources")
    s.add_argument("--format", choices=("csv", "json"), default="csv")
    s.set_defaults(func=cmd_export)
    s = sub.add_parser("seed-build", help="rebuild data/seed/decisions.csv from the reference dataset")
    s.add_argument("reference", help="path to the reference decisions.csv")
    s.add_argument("--out", default=None)
    s.set_defaults(func=cmd_seed_build)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    raise SystemExit(main())
