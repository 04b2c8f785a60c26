"""The ``ratsradar`` command line: init, extract, ingest, export, seed-build, user (accounts) and more."""

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
    from ratsradar.sandbox import guarded_extract_path

    for path in _pdf_paths(args.paths):
        # guarded: each file is read in a worker process with memory and time limits (ratsradar/sandbox.py)
        result = guarded_extract_path(path, ocr=not args.no_ocr).with_file(str(path))
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
    from ratsradar.bulk import default_workers, ingest_many

    engine = make_engine()
    prepare(engine)
    account = _ingest_account(engine, args)
    if account is None:
        return 2
    paths = _pdf_paths(args.paths)
    workers = args.workers or default_workers()
    bar = tqdm(total=len(paths), unit="file", disable=args.quiet or not sys.stderr.isatty(), dynamic_ncols=True)

    def progress(path: Path, outcome, done: int, total: int, pages: int) -> None:  # type: ignore[no-untyped-def]
        if outcome.status == "error" and outcome.error:
            bar.write(f"{path}: {outcome.error.code}: {outcome.error.message}", file=sys.stderr)
        elif not args.quiet:
            bar.write(f"{path}: {outcome.status} ({len(outcome.decision_ids)} decisions, "
                      f"{outcome.relevant} relevant)", file=sys.stdout)
        elapsed = bar.format_dict.get("elapsed") or 0
        bar.set_postfix_str(f"{pages / elapsed:.1f} pages/s" if elapsed else "", refresh=False)
        bar.update(1)

    summary = ingest_many(engine, paths, workers=workers, uploaded_by=account.username, publish=args.publish,
                          progress=progress, uploaded_by_user_id=account.id)
    bar.close()
    if args.publish:
        from ratsradar.feeds import write_feeds_safely

        write_feeds_safely(engine)  # the Atom feeds of new decisions
    print(summary.line(), flush=True)
    return 0 if summary.error == 0 else 1


def _ingest_account(engine, args: argparse.Namespace):  # type: ignore[no-untyped-def]
    """The account named by ``--user`` if it may upload (and publish, with ``--publish``); else a message."""
    from sqlmodel import Session

    from ratsradar import auth
    from ratsradar.i18n import t

    if not args.user:
        print("ratsradar ingest: --user USERNAME is required: the account the drafts belong to "
              "(create one with: ratsradar user add USERNAME --role contributor)", file=sys.stderr)
        return None
    with Session(engine) as session:
        account = auth.get_user(session, args.user)
        try:
            if account is None:
                raise auth.AccountError("auth.error.unknown", name=args.user)
            auth.require(account, "upload")
            if args.publish:
                auth.require(account, "publish", municipality=[None])
        except (auth.PermissionDenied, auth.AccountError) as err:
            print(f"ratsradar ingest: {args.user}: {t(err.key, 'en', **err.params)}", file=sys.stderr)
            return None
        return account


def _read_password(args: argparse.Namespace) -> str | None:
    """The new password: from stdin (``--password-stdin``, first line) or asked twice without echo."""
    import getpass

    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Password: ")
    if first != getpass.getpass("Password (again): "):
        print("the passwords differ; nothing was saved", file=sys.stderr)
        return None
    return first


def cmd_user(args: argparse.Namespace) -> int:
    from models import make_engine, session_scope
    from ratsradar import auth
    from ratsradar.bootstrap import prepare
    from ratsradar.i18n import t

    engine = make_engine()
    prepare(engine, seed=False)
    try:
        if args.user_command == "list":
            from sqlmodel import Session

            with Session(engine) as session:
                users = auth.list_users(session)
            if not users:
                print("no accounts yet; create the first admin with: ratsradar user add NAME --role admin")
            for u in users:
                scope = ", ".join(auth.scope_of(u)) or "all"
                login = "+".join(x for x, on in (("password", u.password_hash), ("oidc", u.oidc_subject or u.email))
                                 if on) or "none"
                print(f"{u.username}\t{u.role}\t{'active' if u.active else 'disabled'}\tplaces: {scope}\t"
                      f"login: {login}\t{u.display_name or ''}")
            return 0
        if args.user_command == "add":
            password = None
            if not args.oidc_only:
                password = _read_password(args)
                if password is None:
                    return 1
            with session_scope(engine) as session:
                auth.create_user(session, args.username, role=args.role, actor=auth.SYSTEM, password=password,
                                 scope=args.scope, display_name=args.display_name, email=args.email)
            print(f"created {args.role} {args.username.strip().lower()}")
            return 0
        with session_scope(engine) as session:
            if args.user_command == "set-role":
                auth.set_role(session, args.username, role=args.role, scope=args.scope, actor=auth.SYSTEM)
                print(f"{args.username}: {args.role}, places: {', '.join(args.scope or []) or 'all'}")
            elif args.user_command in ("disable", "enable"):
                auth.set_active(session, args.username, active=args.user_command == "enable", actor=auth.SYSTEM)
                print(f"{args.username}: {args.user_command}d")
            elif args.user_command == "set-password":
                password = _read_password(args)
                if password is None:
                    return 1
                auth.set_password(session, args.username, password=password, actor=auth.SYSTEM)
                print(f"{args.username}: password set")
        return 0
    except (auth.AccountError, auth.PermissionDenied) as err:
        print(f"ratsradar user: {t(err.key, 'en', **err.params)}", file=sys.stderr)
        return 1


def cmd_export(args: argparse.Namespace) -> int:
    from sqlmodel import Session

    from models import make_engine
    from ratsradar.bootstrap import prepare
    from ratsradar.export import published_records, to_csv, to_json

    engine = make_engine()
    prepare(engine)
    if args.format == "oparl":  # OParl-shaped JSON: Paper objects with File and Consultation
        from ratsradar.oparl.export import to_oparl_json

        with Session(engine) as session:
            sys.stdout.write(to_oparl_json(session) + "\n")
        return 0
    with Session(engine) as session:
        records = list(published_records(session))
    sys.stdout.write(to_csv(records) if args.format == "csv" else to_json(records) + "\n")
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    from models import make_engine
    from ratsradar.backup import backup, dumps

    text = dumps(backup(make_engine(), include_files=not args.no_files))
    if args.output and args.output != "-":
        tmp = Path(args.output).with_name(Path(args.output).name + ".part")
        tmp.write_text(text + "\n", encoding="utf-8")
        tmp.replace(args.output)
    else:
        sys.stdout.write(text + "\n")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    import json

    from models import make_engine
    from ratsradar.backup import BackupError, restore

    try:
        raw = sys.stdin.read() if args.file == "-" else Path(args.file).read_text(encoding="utf-8")
        counts = restore(make_engine(), json.loads(raw), replace=args.replace)
    except (OSError, ValueError, BackupError) as err:
        print(f"restore failed, nothing changed: {err}", file=sys.stderr)
        return 1
    files = counts.pop("files", 0)
    print(f"restored {sum(counts.values())} rows in {len(counts)} tables and {files} stored files: "
          + ", ".join(f"{k} {v}" for k, v in counts.items() if v))
    return 0


def _since(value: str) -> "object":
    import datetime as dt

    try:
        parsed = dt.datetime.fromisoformat(value.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date: {value!r} (use YYYY-MM-DD or an ISO date-time)") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


def cmd_import_oparl(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from models import make_engine
    from ratsradar.bootstrap import prepare
    from ratsradar.oparl.client import ClientSettings
    from ratsradar.oparl.importer import ImportOptions, ImportProblem, run_import

    engine = make_engine()
    prepare(engine)
    try:
        settings = ClientSettings(delay_s=args.delay, read_timeout_s=args.timeout, connect_timeout_s=min(args.timeout, 10),
                                  retries=args.retries)
    except ValueError as exc:
        print(f"ratsradar import-oparl: {exc}", file=sys.stderr)
        return 2
    opts = ImportOptions(system_url=args.system_url, body=args.body, since=args.since, created_since=args.created_since,
                         all=args.all, user=args.user, ocr=not args.no_ocr, limit=args.limit)
    bars: list = []

    def progress(done: int, total: int | None, name: str) -> None:
        if not bars:
            bars.append(tqdm(unit="paper", disable=args.quiet, file=sys.stderr, dynamic_ncols=True))
        bar = bars[0]
        if total and bar.total != total:
            bar.total = total
        bar.n = done
        bar.set_postfix_str(name[:40], refresh=False)
        bar.refresh()

    try:
        report = run_import(engine, opts, settings=settings, progress=progress)
    except ImportProblem as exc:
        from ratsradar.i18n import t

        for bar in bars:
            bar.close()
        print(f"ratsradar import-oparl: {t(f'oparl.error.{exc.key}', 'en', detail=exc.detail)}", file=sys.stderr)
        return 1
    for bar in bars:
        bar.close()
    if not args.quiet:
        for where, message in report.errors:
            print(f"  {where}: {message}", file=sys.stderr)
    mode = f"incremental since {report.since}" if report.incremental else "full"
    print(f"{', '.join(report.bodies)} ({mode}): {report.summary()}")
    return 0 if report.failed == 0 and report.complete else 1


def cmd_seed_demo(args: argparse.Namespace) -> int:
    from models import database_url, make_engine
    from ratsradar.bootstrap import prepare
    from ratsradar.demo import RealRecordsPresent, remove_demo, seed_demo

    engine = make_engine()
    prepare(engine, seed=False)
    if args.remove:
        print(f"removed {remove_demo(engine)} synthetic decisions from {database_url()}")
        return 0
    if args.decisions is None:
        print("ratsradar seed-demo: give --decisions N (or --remove)", file=sys.stderr)
        return 2
    try:
        n = seed_demo(engine, args.decisions, force=args.force, seed=args.seed)
    except RealRecordsPresent as exc:
        print(f"ratsradar seed-demo: refused: {exc}", file=sys.stderr)
        return 1
    print(f"{n} synthetic decisions (origin=synthetic, for benchmarks only) in {database_url()}")
    return 0


def cmd_seed_build(args: argparse.Namespace) -> int:
    from ratsradar.paths import SEED_FILE
    from ratsradar.seed import build_seed

    n = build_seed(Path(args.reference), Path(args.out) if args.out else SEED_FILE)
    print(f"wrote {n} seed decisions to {args.out or SEED_FILE}")
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    from ratsradar.evaluate import format_report, ocr_cer
    from ratsradar.evaluate import evaluate as run_evaluation

    labels = Path(args.labels)
    if not labels.is_file():
        print(f"labels file not found: {labels}", file=sys.stderr)
        return 2
    # default: ../shared/corpus next to the project folder
    corpus = Path(args.corpus) if args.corpus else Path(__file__).resolve().parents[2] / "shared" / "corpus"
    from dataclasses import replace

    from ratsradar.evaluate import EVAL_SETTINGS

    settings = replace(EVAL_SETTINGS, max_ocr_pages=args.ocr_pages)
    try:
        report = run_evaluation(labels, corpus, split=args.split, settings=settings)
    except (ValueError, KeyError) as exc:
        print(f"bad labels file: {exc}", file=sys.stderr)
        return 2
    rows = ocr_cer(corpus, results=report.results, settings=settings) if not args.no_cer else None
    print(format_report(report, rows, show_misses=not args.quiet))
    return 0


def _ocr_pages(text: str) -> int | None:
    """``--ocr-pages``: a number of pages (0 or more) or ``all``."""
    return None if text.strip().lower() == "all" else _whole(text, 0, "a number of pages or 'all'")


def _whole(text: str, least: int, what: str = "a whole number") -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not {what}: {text!r}") from None
    if value < least:
        raise argparse.ArgumentTypeError(f"must be at least {least}, not {value}")
    return value


def _positive_int(text: str) -> int:
    return _whole(text, 1)


def _nonnegative_int(text: str) -> int:
    return _whole(text, 0)


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
    s.add_argument("--user", default=None, help="the account (username) the files are stored for; "
                   "required: a contributor, or a moderator without places/an admin with --publish")
    s.add_argument("--quiet", action="store_true", help="only errors and the final line")
    s.add_argument("--workers", type=_positive_int, default=None,
                   help="files read at the same time (default: all cores)")
    s.set_defaults(func=cmd_ingest)
    s = sub.add_parser("user", help="manage accounts: add, list, set-role, disable, enable, set-password")
    users = s.add_subparsers(dest="user_command", required=True)
    u = users.add_parser("add", help="create an account (the first admin too); asks for the password twice")
    u.add_argument("username")
    u.add_argument("--role", choices=("contributor", "moderator", "admin"), required=True)
    u.add_argument("--scope", nargs="+", default=None, metavar="CITY",
                   help="municipalities a moderator is limited to (default: all)")
    u.add_argument("--display-name", default=None)
    u.add_argument("--email", default=None, help="e-mail of the OpenID Connect login this account is for")
    u.add_argument("--password-stdin", action="store_true", help="read the password from stdin (scripts)")
    u.add_argument("--oidc-only", action="store_true", help="no password: log in only with OpenID Connect")
    u = users.add_parser("list", help="list the accounts")
    u = users.add_parser("set-role", help="change an account's role and places")
    u.add_argument("username")
    u.add_argument("--role", choices=("contributor", "moderator", "admin"), required=True)
    u.add_argument("--scope", nargs="+", default=None, metavar="CITY")
    for name, text in (("disable", "disable an account (accounts are never deleted)"),
                       ("enable", "enable a disabled account again")):
        u = users.add_parser(name, help=text)
        u.add_argument("username")
    u = users.add_parser("set-password", help="set a new password (asked twice, or --password-stdin)")
    u.add_argument("username")
    u.add_argument("--password-stdin", action="store_true")
    s.set_defaults(func=cmd_user)
    s = sub.add_parser("export", help="print the published decisions with measures and sources")
    s.add_argument("--format", choices=("csv", "json", "oparl"), default="csv",
                   help="oparl: OParl 1.1-shaped JSON (Paper with File and Consultation)")
    s.set_defaults(func=cmd_export)
    s = sub.add_parser("backup", help="print a full backup (every table, the audit trail, the stored PDFs) as JSON")
    s.add_argument("-o", "--output", default=None, help="write to this file instead of standard output")
    s.add_argument("--no-files", action="store_true", help="leave out the stored PDFs (documents keep their sha256)")
    s.set_defaults(func=cmd_backup)
    s = sub.add_parser("restore", aliases=["import"],
                       help="load a backup made by 'ratsradar backup' into an empty database ('import' is the same)")
    s.add_argument("file", help="the backup JSON file ('-' for standard input)")
    s.add_argument("--replace", action="store_true", help="replace the database's whole content with the backup")
    s.set_defaults(func=cmd_restore)
    s = sub.add_parser("import-oparl", help="import papers from a council information system (OParl 1.0/1.1)")
    s.add_argument("system_url", help="the OParl System URL (a Body URL works too)")
    s.add_argument("--body", default=None, help="the body's OParl id or name (default: every body of the system)")
    s.add_argument("--since", type=_since, default=None, metavar="DATE",
                   help="only papers modified since DATE (default: since the last complete run; first run: all)")
    s.add_argument("--created-since", type=_since, default=None, metavar="DATE", help="only papers created since DATE")
    s.add_argument("--all", action="store_true", help="store every paper as a draft, not only those on the subject")
    s.add_argument("--delay", type=float, default=0.3, help="seconds between two requests (politeness; default 0.3)")
    s.add_argument("--timeout", type=float, default=30.0, help="read timeout per request in seconds (default 30)")
    s.add_argument("--retries", type=int, default=3, help="retries per request, with backoff (default 3)")
    s.add_argument("--limit", type=int, default=None, help="stop after this many papers")
    s.add_argument("--user", default=None, help="name noted on the drafts")
    s.add_argument("--no-ocr", action="store_true", help="do not run OCR on scanned files")
    s.add_argument("--quiet", action="store_true", help="no progress bar, no per-paper messages")
    s.set_defaults(func=cmd_import_oparl)
    s = sub.add_parser("seed-demo", help="fill the database with synthetic decisions for benchmarks only")
    s.add_argument("--decisions", type=_nonnegative_int, default=None, metavar="N",
                   help="how many synthetic decisions (earlier synthetic rows are replaced)")
    s.add_argument("--seed", type=int, default=0, help="random seed (the same seed gives the same rows)")
    s.add_argument("--force", action="store_true",
                   help="write even into a database that holds real records (not recommended)")
    s.add_argument("--remove", action="store_true", help="delete all synthetic decisions instead")
    s.set_defaults(func=cmd_seed_demo)
    s = sub.add_parser("evaluate", help="score the extraction against labelled documents (per field, outcomes, measures, OCR CER)")
    s.add_argument("labels", help="labels file (JSON), e.g. data/labels/corpus_labels.json")
    s.add_argument("--corpus", default=None, help="folder the labelled paths are relative to (default: ../shared/corpus)")
    s.add_argument("--split", choices=("tune", "holdout"), default=None, help="only this part of the labels")
    s.add_argument("--no-cer", action="store_true", help="skip the OCR character error rate")
    s.add_argument("--quiet", action="store_true", help="figures only, not every miss")
    s.add_argument("--ocr-pages", type=_ocr_pages, default=3, metavar="N|all",
                   help="pages OCR'd per scanned file (default 3, the test guard reads 1; 'all' for every page)")
    s.set_defaults(func=cmd_evaluate)
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
