"""Bulk ingest: many PDFs extracted in parallel, stored one transaction per file, resumable.

- Extraction is CPU-bound and runs in the guarded extraction workers (``ratsradar.sandbox``: one worker process
  per file in flight), so ``workers`` files are read at the same time on ``workers`` cores.
- Every database write stays in the calling thread, through ``ingest.ingest_bytes`` (one transaction per file:
  an interrupted run leaves no half record).
- Resume: a file whose SHA-256 is already stored is answered as ``duplicate`` before any extraction, so running
  the same command again after an interruption only reads the files that are still missing.
- ``progress(path, outcome, done, total, pages)`` is called after every file (the CLI draws a tqdm bar with it).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session

from ratsradar.ingest import IngestOutcome, find_document, ingest_bytes, sha256_of
from ratsradar.record import ExtractionError, ExtractionResult

Extract = Callable[[bytes, str], ExtractionResult]


def default_workers() -> int:
    """All cores (as many as this process may use)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


@dataclass(slots=True)
class BulkSummary:
    """Counts of one bulk run, and how fast the extracted pages went."""

    created: int = 0
    duplicate: int = 0
    error: int = 0
    pages: int = 0  # pages read in this run (duplicates are not read again)
    seconds: float = 0.0
    outcomes: list[IngestOutcome] = field(default_factory=list)

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.seconds if self.seconds > 0 else 0.0

    def line(self) -> str:
        """The final line of ``ratsradar ingest`` (its start is what scripts and tests read)."""
        return (f"{self.created} created, {self.duplicate} duplicate, {self.error} failed · {self.pages} pages in "
                f"{self.seconds:.1f} s ({self.pages_per_second:.1f} pages/s)")


def _guarded(data: bytes, name: str) -> ExtractionResult:
    from ratsradar.sandbox import guarded_extract

    return guarded_extract(data, name)


def _read(path: Path) -> bytes | ExtractionError:
    try:
        return path.read_bytes()
    except OSError as exc:
        return ExtractionError("corrupt", f"The file cannot be read ({exc.strerror or exc}).")


def ingest_many(engine: Engine, paths: Iterable[Path], *, workers: int | None = None,
                uploaded_by: str | None = None, publish: bool = False, extract: Extract | None = None,
                progress: Callable[[Path, IngestOutcome, int, int, int], None] | None = None,
                uploaded_by_user_id: int | None = None) -> BulkSummary:
    """Ingest ``paths`` with ``workers`` extractions at a time (default: all cores); see the module notes."""
    paths = list(paths)
    workers = max(1, workers or default_workers())
    extract = extract or _guarded
    if workers > 1:
        _allow_idle_workers(workers)
    summary = BulkSummary()
    t0 = time.perf_counter()
    done = 0

    def record(path: Path, outcome: IngestOutcome, extracted_pages: int) -> None:
        nonlocal done
        done += 1
        setattr(summary, outcome.status, getattr(summary, outcome.status) + 1)
        summary.pages += extracted_pages
        summary.outcomes.append(outcome)
        summary.seconds = time.perf_counter() - t0
        if progress is not None:
            progress(path, outcome, done, len(paths), summary.pages)

    def store(data: bytes, name: str, result: ExtractionResult) -> IngestOutcome:
        # the parent's only write path: the ordinary atomic, idempotent ingest with the result in hand
        return ingest_bytes(engine, data, name, uploaded_by=uploaded_by, publish=publish,
                            uploaded_by_user_id=uploaded_by_user_id, extract=lambda _data, _name: result)

    in_flight: dict[Future[ExtractionResult], tuple[Path, bytes]] = {}
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="ratsradar-bulk") as pool:

        def drain(block_until: int) -> None:
            while len(in_flight) > block_until:
                finished, _ = wait(list(in_flight), return_when=FIRST_COMPLETED)
                for fut in finished:
                    path, data = in_flight.pop(fut)
                    result = fut.result()
                    record(path, store(data, path.name, result), result.pages or 0)

        for path, data, digest in _hashed(paths):
            name = path.name
            if isinstance(data, ExtractionError):
                record(path, IngestOutcome(name, "error", error=data), 0)
                continue
            if _known(engine, digest):  # resume: stored before, nothing to read
                record(path, ingest_bytes(engine, data, name, uploaded_by=uploaded_by, publish=publish,
                                          uploaded_by_user_id=uploaded_by_user_id, extract=_not_called), 0)
                continue
            in_flight[pool.submit(extract, data, name)] = (path, data)
            drain(block_until=2 * workers)  # bounded: at most 2 x workers files in memory
        drain(block_until=0)
    summary.seconds = time.perf_counter() - t0
    return summary


def _hashed(paths: list[Path]) -> Iterator[tuple[Path, bytes | ExtractionError, str]]:
    for path in paths:
        data = _read(path)
        yield path, data, sha256_of(data) if isinstance(data, bytes) else ""


def _known(engine: Engine, digest: str) -> bool:
    with Session(engine) as session:
        return find_document(session, digest) is not None


def _not_called(_data: bytes, name: str) -> ExtractionResult:  # pragma: no cover - a stored file is not read
    raise AssertionError(f"{name} is stored already and must not be extracted again")


def _allow_idle_workers(workers: int) -> None:
    """Keep one idle guarded worker per parallel extraction, so workers are reused rather than restarted."""
    from ratsradar import sandbox

    sandbox.MAX_IDLE_WORKERS = max(sandbox.MAX_IDLE_WORKERS, workers)
