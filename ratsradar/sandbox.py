"""Guarded extraction: ``extract_bytes`` runs in a worker process with a memory limit and a wall-clock timeout.

A hostile or broken PDF (a decompression bomb, a page-tree cycle, deeply nested objects, random bytes behind a
PDF header) can make a PDF library loop, allocate without end or crash. Inside a worker process that costs the
worker, never the app or the CLI: the parent answers with an error of the extraction contract instead.

- ``guarded_extract(data, file_name, *, ocr=True, settings=None, timeout_s=None, memory_mb=None)`` has the
  signature of ``ratsradar.extraction.extract_bytes`` and never raises for bad input.
- Cheap checks (empty, too large, no PDF header) are answered in the parent without a worker.
- A worker that runs out of its address-space limit (``RLIMIT_AS``) answers ``too_large``; one that takes longer
  than the timeout is killed and answers ``timeout``; one that dies otherwise answers ``corrupt``.
- Workers are kept in a small pool and reused, so a normal upload pays no process start (a new worker starts
  in about 0.2 s; see ``bench/guard_overhead.py``). ``prewarm()`` starts one ahead of the first upload.

Settings (environment): ``RATSRADAR_EXTRACT_TIMEOUT`` (seconds, default: the extraction's own budget plus 30),
``RATSRADAR_EXTRACT_MEMORY_MB`` (address space per worker, default 3072), ``RATSRADAR_EXTRACT_INPROCESS=1``
(no worker: for debugging only).

The worker talks JSON over its stdin/stdout (length-prefixed frames), never pickle: a compromised worker cannot
make the parent run code.
"""

from __future__ import annotations

import atexit
import datetime as dt
import json
import os
import select
import signal
import struct
import subprocess
import sys
import tempfile
import threading
import time
from typing import Any

from ratsradar.extraction.settings import (MAX_BYTES, ExtractionSettings, mib, sha256_of_file,  # noqa: F401
                                          too_large_message)
from ratsradar.record import (decision_from_contract, DocumentMeta, ExtractionError, ExtractionResult)

DEFAULT_MEMORY_MB = 3072
TIMEOUT_MARGIN_S = 30.0
MAX_IDLE_WORKERS = 2
TASKS_PER_WORKER = 100  # a worker is replaced after this many files (bounds slow leaks in the PDF libraries)
_FRAME = struct.Struct(">Q")


# --- the record as plain JSON (contract + what the app needs beyond it) -----------------------------------

def result_to_dict(result: ExtractionResult) -> dict[str, Any]:
    obj = result.to_contract()
    obj["_extra"] = {"page_texts": list(result.page_texts), "size": result.size,
                     "ocr_pages": list(result.ocr_pages), "decision_pages": [d.page for d in result.decisions]}
    return obj


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def result_from_dict(obj: dict[str, Any]) -> ExtractionResult:
    extra = obj.get("_extra") or {}
    pages_of = extra.get("decision_pages") or []
    decisions = [decision_from_contract(d, pages_of[i] if i < len(pages_of) else None)
                 for i, d in enumerate(obj.get("decisions") or [])]
    doc = obj.get("document") or {}
    err = obj.get("error")
    return ExtractionResult(
        file=obj["file"], sha256=obj.get("sha256"), pages=obj.get("pages"), text_source=obj.get("text_source"),
        error=ExtractionError(err["code"], err["message"]) if err else None,
        document=DocumentMeta(municipality=doc.get("municipality"), ags=doc.get("ags"),
                              document_type=doc.get("document_type"), reference=doc.get("reference"),
                              date=_date(doc.get("date")), title=doc.get("title"), body=doc.get("body")),
        decisions=tuple(decisions), page_texts=tuple(extra.get("page_texts") or ()), size=extra.get("size"),
        ocr_pages=tuple(extra.get("ocr_pages") or ()),
    )


def _settings_to_dict(settings: ExtractionSettings) -> dict[str, Any]:
    return {name: getattr(settings, name) for name in settings.__dataclass_fields__}


# --- frames ----------------------------------------------------------------------------------------------

def _write_frame(fh: Any, header: dict[str, Any], payload: bytes = b"") -> None:
    head = json.dumps(header, ensure_ascii=False).encode("utf-8")
    fh.write(_FRAME.pack(len(head)) + head + _FRAME.pack(len(payload)))
    fh.write(payload)
    fh.flush()


def _read_exact_blocking(fh: Any, n: int) -> bytes:
    buf = bytearray()
    while len(buf) < n:
        chunk = fh.read(n - len(buf))
        if not chunk:
            raise EOFError
        buf += chunk
    return bytes(buf)


def _read_frame_blocking(fh: Any) -> tuple[dict[str, Any], bytes]:
    head = _read_exact_blocking(fh, _FRAME.unpack(_read_exact_blocking(fh, _FRAME.size))[0])
    payload = _read_exact_blocking(fh, _FRAME.unpack(_read_exact_blocking(fh, _FRAME.size))[0])
    return json.loads(head), payload


class _Timeout(Exception):
    pass


def _read_exact_fd(fd: int, n: int, deadline: float) -> bytes:
    buf = bytearray()
    while len(buf) < n:
        left = deadline - time.monotonic()
        if left <= 0:
            raise _Timeout
        ready, _, _ = select.select([fd], [], [], left)
        if not ready:
            raise _Timeout
        chunk = os.read(fd, min(n - len(buf), 1 << 20))
        if not chunk:
            raise EOFError
        buf += chunk
    return bytes(buf)


# --- the worker (child side) ---------------------------------------------------------------------------

def _limit_memory(memory_mb: int) -> None:
    import resource

    limit = memory_mb * 1024 * 1024
    try:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ValueError, OSError):  # a lower hard limit already applies
        pass
    try:  # a crashing worker must not spend seconds writing a core dump
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (ValueError, OSError):
        pass


def worker_main() -> int:
    """Serve extraction requests on stdin/stdout until stdin closes."""
    memory_mb = int(os.environ.get("RATSRADAR_WORKER_MEMORY_MB") or DEFAULT_MEMORY_MB)
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # stray prints of libraries must not corrupt the frames
    from ratsradar.extraction import extract_bytes
    from ratsradar.extraction.pdf import open_document  # noqa: F401  (warm the PDF library)

    _limit_memory(memory_mb)
    _write_frame(stdout, {"ready": True})
    while True:
        try:
            header, data = _read_frame_blocking(stdin)
        except EOFError:
            return 0
        try:
            result = extract_bytes(data, header["file_name"], settings=ExtractionSettings(**header["settings"]))
            if result.error is not None and result.error.code == "corrupt" and "MemoryError" in result.error.message:
                raise MemoryError
            answer = result_to_dict(result)
        except MemoryError:
            answer = {"memory_error": True}
        del data
        try:
            _write_frame(stdout, answer)
        except MemoryError:
            _write_frame(stdout, {"memory_error": True})


# --- the pool (parent side) ----------------------------------------------------------------------------

class _Worker:
    def __init__(self, memory_mb: int) -> None:
        env = dict(os.environ, RATSRADAR_WORKER_MEMORY_MB=str(memory_mb), PYTHONUNBUFFERED="1")
        env.pop("RATSRADAR_TEST_KILL_AT", None)  # the ingest test hook concerns the parent only
        self.memory_mb = memory_mb
        self.stderr = tempfile.TemporaryFile()  # read after a crash: C++ allocation failures say so there
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "ratsradar.sandbox"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=self.stderr, env=env, close_fds=True, start_new_session=True)
        self.tasks = 0
        self.ready = False

    def reap(self, wait_s: float = 10.0) -> int:
        """Wait for a dying worker; return its peak resident memory in MB (0 when unknown)."""
        if self.proc.returncode is not None:
            return 0
        end = time.monotonic() + wait_s
        while True:
            try:
                pid, status, usage = os.wait4(self.proc.pid, os.WNOHANG)
            except ChildProcessError:
                return 0
            if pid:
                self.proc.returncode = os.waitstatus_to_exitcode(status)
                return int(usage.ru_maxrss / 1024)  # Linux reports kB
            if time.monotonic() > end:
                return 0
            time.sleep(0.01)

    def out_of_memory(self) -> bool:
        """Whether the worker died of its memory limit: a C++ ``std::bad_alloc`` or Python ``MemoryError`` on
        its stderr, or an abort (PDFium's allocator aborts silently) after using most of its allowance."""
        peak = self.reap()
        code = self.proc.returncode
        if code == -signal.SIGABRT and self.tasks <= 1 and peak >= self.memory_mb * 0.5:
            return True
        try:
            self.stderr.seek(0, os.SEEK_END)
            self.stderr.seek(max(0, self.stderr.tell() - 8192))
            tail = self.stderr.read()
        except (OSError, ValueError):
            return False
        return b"bad_alloc" in tail or b"MemoryError" in tail or b"out of memory" in tail.lower()

    def alive(self) -> bool:
        return self.proc.poll() is None

    def _await_ready(self, deadline: float) -> None:
        if not self.ready:
            assert self.proc.stdout is not None
            fd = self.proc.stdout.fileno()
            head = _read_exact_fd(fd, _FRAME.unpack(_read_exact_fd(fd, _FRAME.size, deadline))[0], deadline)
            _read_exact_fd(fd, _FRAME.unpack(_read_exact_fd(fd, _FRAME.size, deadline))[0], deadline)
            if not json.loads(head).get("ready"):
                raise EOFError
            self.ready = True

    def run(self, data: bytes, file_name: str, settings: ExtractionSettings, timeout_s: float) -> dict[str, Any]:
        deadline = time.monotonic() + timeout_s
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self._await_ready(deadline)
        self.tasks += 1
        _write_frame(self.proc.stdin, {"file_name": file_name, "settings": _settings_to_dict(settings)}, data)
        fd = self.proc.stdout.fileno()
        head = _read_exact_fd(fd, _FRAME.unpack(_read_exact_fd(fd, _FRAME.size, deadline))[0], deadline)
        _read_exact_fd(fd, _FRAME.unpack(_read_exact_fd(fd, _FRAME.size, deadline))[0], deadline)
        return json.loads(head)

    def kill(self) -> None:
        if self.alive():
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)  # the worker and any Tesseract it started
            except (ProcessLookupError, PermissionError):
                self.proc.kill()
        self.proc.wait()
        self._close()

    def stop(self) -> None:
        if self.alive():
            try:
                assert self.proc.stdin is not None
                self.proc.stdin.close()
                self.proc.wait(timeout=5)
            except Exception:
                self.kill()
        self._close()

    def _close(self) -> None:
        for fh in (self.proc.stdin, self.proc.stdout, self.stderr):
            try:
                if fh is not None:
                    fh.close()
            except Exception:
                pass


class _Pool:
    def __init__(self) -> None:
        self._idle: list[_Worker] = []
        self._lock = threading.Lock()
        self._pid = os.getpid()

    def _check_fork(self) -> None:
        if os.getpid() != self._pid:  # a forked child must not share its parent's workers
            self._idle, self._pid = [], os.getpid()

    def acquire(self, memory_mb: int) -> _Worker:
        with self._lock:
            self._check_fork()
            while self._idle:
                worker = self._idle.pop()
                if worker.alive() and worker.memory_mb == memory_mb:
                    return worker
                worker.stop()
        return _Worker(memory_mb)

    def release(self, worker: _Worker) -> None:
        with self._lock:
            self._check_fork()
            if worker.alive() and worker.tasks < TASKS_PER_WORKER and len(self._idle) < MAX_IDLE_WORKERS:
                self._idle.append(worker)
                return
        worker.stop()

    def prewarm(self, memory_mb: int) -> None:
        with self._lock:
            self._check_fork()
            if not self._idle:
                self._idle.append(_Worker(memory_mb))

    def shutdown(self) -> None:
        with self._lock:
            idle, self._idle = self._idle, []
        for worker in idle:
            worker.stop()


_POOL = _Pool()
atexit.register(_POOL.shutdown)


def _memory_mb(memory_mb: int | None) -> int:
    return memory_mb or int(os.environ.get("RATSRADAR_EXTRACT_MEMORY_MB") or DEFAULT_MEMORY_MB)


def prewarm(memory_mb: int | None = None) -> None:
    """Start an idle worker now (it loads the PDF libraries while the user picks files)."""
    _POOL.prewarm(_memory_mb(memory_mb))


def shutdown() -> None:
    _POOL.shutdown()


def _error(file_name: str, code: str, message: str, *, sha: str | None, size: int) -> ExtractionResult:
    return ExtractionResult(file=file_name, sha256=sha, error=ExtractionError(code, message), size=size)


def _memory_message(memory_mb: int) -> str:
    return (f"Reading the file needs more than {memory_mb} MB of memory (its content expands too much when "
            "unpacked); it is too large or hostile.")


def guarded_extract(data: bytes, file_name: str, *, ocr: bool = True, settings: ExtractionSettings | None = None,
                    timeout_s: float | None = None, memory_mb: int | None = None) -> ExtractionResult:
    """``extract_bytes`` in a worker process with a memory limit and a timeout. Never raises for bad input."""
    import hashlib

    from ratsradar.extraction.sniff import sniff

    settings = settings or ExtractionSettings(ocr=ocr)
    if not ocr and settings.ocr:
        settings = ExtractionSettings(**{**_settings_to_dict(settings), "ocr": False})
    size = len(data)
    sha = hashlib.sha256(data).hexdigest() if data else None
    if size > settings.max_bytes:
        return _error(file_name, "too_large", too_large_message(size, settings.max_bytes), sha=sha, size=size)
    problem = sniff(data)
    if problem is not None:
        return _error(file_name, problem.code, problem.message, sha=sha, size=size)
    if os.environ.get("RATSRADAR_EXTRACT_INPROCESS") == "1":
        from ratsradar.extraction import extract_bytes

        return extract_bytes(data, file_name, settings=settings)
    if timeout_s is None:
        env = os.environ.get("RATSRADAR_EXTRACT_TIMEOUT")
        timeout_s = float(env) if env else settings.timeout_s + TIMEOUT_MARGIN_S
    mem = _memory_mb(memory_mb)
    worker = _POOL.acquire(mem)
    started = time.monotonic()
    for attempt in (1, 2):
        try:
            answer = worker.run(data, file_name, settings, timeout_s - (time.monotonic() - started))
            break
        except _Timeout:
            worker.kill()
            return _error(file_name, "timeout", f"Reading the file took longer than {timeout_s:g} s and was stopped.",
                          sha=sha, size=size)
        except (EOFError, BrokenPipeError, OSError, ValueError):
            reused = worker.tasks > 1
            out_of_memory = worker.out_of_memory()
            worker.kill()
            if attempt == 1 and reused and not out_of_memory and time.monotonic() - started < timeout_s:
                # a used worker's address space is fragmented by earlier files: ask a fresh one, which also
                # tells a memory exhaustion from a crash reliably
                worker = _Worker(mem)
                continue
            if out_of_memory:
                return _error(file_name, "too_large", _memory_message(mem), sha=sha, size=size)
            code = worker.proc.returncode
            how = f"signal {-code}" if code is not None and code < 0 else f"exit code {code}"
            return _error(file_name, "corrupt", f"The PDF made the reader crash ({how}); it is damaged or hostile.",
                          sha=sha, size=size)
        except BaseException:
            worker.kill()
            raise
    _POOL.release(worker)
    if answer.get("memory_error"):
        return _error(file_name, "too_large", _memory_message(mem), sha=sha, size=size)
    try:
        return result_from_dict(answer).with_file(file_name)
    except (KeyError, TypeError, ValueError):
        return _error(file_name, "corrupt", "The PDF reader gave an unreadable answer.", sha=sha, size=size)


def guarded_extract_path(path: str | os.PathLike[str], *, ocr: bool = True,
                         settings: ExtractionSettings | None = None) -> ExtractionResult:
    """``guarded_extract`` for a file; a file over the limit is answered without reading it whole."""
    from pathlib import Path

    path = Path(path)
    settings = settings or ExtractionSettings(ocr=ocr)
    try:
        size = path.stat().st_size
        if size > settings.max_bytes:
            return _error(str(path), "too_large", too_large_message(size, settings.max_bytes),
                          sha=sha256_of_file(path), size=size)
        data = path.read_bytes()
    except OSError as exc:
        return ExtractionResult(file=str(path), error=ExtractionError("corrupt", f"The file cannot be read "
                                                                                f"({exc.strerror or exc})."))
    return guarded_extract(data, str(path), ocr=ocr, settings=settings)


if __name__ == "__main__":
    raise SystemExit(worker_main())
