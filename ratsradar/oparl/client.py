"""A polite OParl HTTP client built on ``requests`` with urllib3's retries.

- every request names Ratsradar in its User-Agent (``Ratsradar/<version> (+<contact>)``; the contact comes from
  ``RATSRADAR_CONTACT`` when set);
- a delay between requests (default 0.3 s), connect and read timeouts, retries with exponential backoff on
  connection errors, timeouts, 429 and 5xx (honouring ``Retry-After``);
- lenient about content types (many servers send JSON as ``text/html``): JSON is parsed whatever the header
  says, a file is accepted when its bytes are a PDF;
- every failure becomes an :class:`OParlError` with a ``kind`` (``http``, ``timeout``, ``connection``,
  ``invalid_json``, ``not_pdf``, ``too_large``, ``invalid_url``) and the URL.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from ratsradar import __version__

DEFAULT_CONTACT = "self-hosted Ratsradar instance; council decisions on digital sovereignty"
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_PAGES = 10_000  # a guard against servers whose links.next never ends


def user_agent() -> str:
    contact = os.environ.get("RATSRADAR_CONTACT", "").strip() or DEFAULT_CONTACT
    return f"Ratsradar/{__version__} (+{contact})"


class OParlError(Exception):
    """A request that failed for good (after the retries)."""

    def __init__(self, kind: str, url: str, message: str, status: int | None = None) -> None:
        super().__init__(f"{kind}: {message} ({url})")
        self.kind = kind
        self.url = url
        self.message = message
        self.status = status


@dataclass
class ClientSettings:
    delay_s: float = 0.3  # pause between two requests (politeness)
    connect_timeout_s: float = 10.0
    read_timeout_s: float = 30.0
    retries: int = 3
    backoff_s: float = 1.0  # urllib3 backoff factor: waits backoff * 2**(n-1) between retries
    backoff_max_s: float = 30.0
    max_file_bytes: int = MAX_FILE_BYTES
    elements_per_page: int | None = None  # a hint to the server (it may ignore it)

    def __post_init__(self) -> None:
        if self.delay_s < 0 or self.connect_timeout_s <= 0 or self.read_timeout_s <= 0 or self.retries < 0:
            raise ValueError("delay must be >= 0, timeouts > 0 and retries >= 0")


@dataclass
class ClientStats:
    requests: int = 0
    retries: int = 0
    failures: int = 0
    bytes: int = 0
    files: int = 0
    seconds_waiting: float = 0.0
    errors: list[str] = field(default_factory=list)


class OParlClient:
    """GET JSON objects and lists and download files from one OParl system, politely."""

    def __init__(self, settings: ClientSettings | None = None, *, session: requests.Session | None = None) -> None:
        self.settings = settings or ClientSettings()
        self.stats = ClientStats()
        self._lock = threading.Lock()
        self._last = 0.0
        self.session = session or requests.Session()
        retry = Retry(
            total=self.settings.retries, connect=self.settings.retries, read=self.settings.retries,
            status=self.settings.retries, other=0, backoff_factor=self.settings.backoff_s,
            backoff_max=self.settings.backoff_max_s, status_forcelist=(429, 500, 502, 503, 504),
            allowed_methods=frozenset({"GET", "HEAD"}), respect_retry_after_header=True, raise_on_status=False,
        )
        adapter = HTTPAdapter(max_retries=retry, pool_connections=4, pool_maxsize=4)
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)
        self.session.headers.update({"User-Agent": user_agent(), "Accept": "application/json, */*;q=0.5"})

    def close(self) -> None:
        self.session.close()

    def __enter__(self) -> OParlClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- the one place that talks to the network ---------------------------------------------------------
    def _pause(self) -> None:
        with self._lock:
            wait = self._last + self.settings.delay_s - time.monotonic()
            if wait > 0:
                self.stats.seconds_waiting += wait
                time.sleep(wait)
            self._last = time.monotonic()

    def _get(self, url: str, *, params: dict[str, str] | None = None, stream: bool = False,
             accept: str | None = None) -> requests.Response:
        parts = urlsplit(url or "")
        if parts.scheme not in ("http", "https") or not parts.netloc:
            self.stats.failures += 1
            raise OParlError("invalid_url", str(url), "not an http(s) URL")
        self._pause()
        self.stats.requests += 1
        headers = {"Accept": accept} if accept else None
        try:
            resp = self.session.get(url, params=params, stream=stream, headers=headers,
                                    timeout=(self.settings.connect_timeout_s, self.settings.read_timeout_s))
        except requests.exceptions.RetryError as exc:
            self._fail(url, exc)
            raise OParlError("http", url, f"gave up after {self.settings.retries} retries") from exc
        except (requests.exceptions.Timeout, requests.exceptions.ConnectionError) as exc:
            kind = "timeout" if _is_timeout(exc) else "connection"
            self._fail(url, exc)
            raise OParlError(kind, url, "the server did not answer in time" if kind == "timeout"
                             else "the server cannot be reached") from exc
        except requests.exceptions.RequestException as exc:
            self._fail(url, exc)
            raise OParlError("connection", url, str(exc)) from exc
        history = getattr(getattr(resp.raw, "retries", None), "history", None) or ()
        self.stats.retries += len(history)
        if resp.status_code >= 400:
            resp.close()
            self.stats.failures += 1
            self.stats.errors.append(f"HTTP {resp.status_code} {url}")
            raise OParlError("http", url, f"HTTP {resp.status_code}", status=resp.status_code)
        return resp

    def _fail(self, url: str, exc: Exception) -> None:
        self.stats.failures += 1
        self.stats.errors.append(f"{type(exc).__name__} {url}")

    # --- JSON ----------------------------------------------------------------------------------------------
    def get_json(self, url: str, params: dict[str, str] | None = None) -> dict[str, Any]:
        """One OParl object (or list page) as a dict, whatever content type the server claims."""
        resp = self._get(url, params=params, accept="application/json")
        try:
            data = resp.content
            self.stats.bytes += len(data)
            obj = _loads(data, resp.encoding)
        except ValueError as exc:
            self.stats.failures += 1
            raise OParlError("invalid_json", url, "the answer is not JSON") from exc
        finally:
            resp.close()
        if not isinstance(obj, dict):
            self.stats.failures += 1
            raise OParlError("invalid_json", url, "the answer is not a JSON object")
        return obj

    def iter_list(self, url: str, params: dict[str, str] | None = None,
                  on_page: Any = None) -> Iterator[dict[str, Any]]:
        """The objects of an external list, page by page along ``links.next`` (filters kept by the server;
        re-added when a server drops them). ``on_page(page_obj)`` is called for every page."""
        first_params = dict(params or {})
        if self.settings.elements_per_page:
            first_params.setdefault("elementsPerPage", str(self.settings.elements_per_page))
        seen: set[str] = set()
        next_url: str | None = url
        page_params: dict[str, str] | None = first_params
        pages = 0
        while next_url and pages < MAX_PAGES:
            page = self.get_json(next_url, page_params)
            pages += 1
            seen.add(_canon(next_url, page_params))
            if on_page is not None:
                on_page(page)
            if isinstance(page.get("data"), list):
                items = page["data"]
            elif isinstance(page.get("items"), list):  # OParl 1.0 drafts and some servers
                items = page["items"]
            else:
                items = []
            for item in items:
                if isinstance(item, dict):
                    yield item
                elif isinstance(item, str) and item.strip():  # a list of URLs (early servers): fetch each
                    try:
                        yield self.get_json(item.strip())
                    except OParlError as exc:
                        self.stats.errors.append(f"{exc.kind} {exc.url}")
            links = page.get("links") if isinstance(page.get("links"), dict) else {}
            candidate = links.get("next") or page.get("nextpage") or None
            if not isinstance(candidate, str) or not candidate.strip():
                break
            candidate = candidate.strip()
            # servers must keep the filters in their next links; some do not
            missing = {k: v for k, v in first_params.items() if k not in _query_keys(candidate)}
            page_params = missing or None
            if _canon(candidate, page_params) in seen:
                break  # a loop: a broken server's links.next points back
            next_url = candidate

    # --- files ---------------------------------------------------------------------------------------------
    def get_file(self, url: str) -> bytes:
        """A file's bytes (at most ``max_file_bytes``); raises ``not_pdf`` when a server sends an HTML page."""
        resp = self._get(url, stream=True, accept="application/pdf, */*;q=0.5")
        try:
            declared = resp.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > self.settings.max_file_bytes:
                raise OParlError("too_large", url, f"{int(declared) / 1e6:.1f} MB is above the limit")
            chunks: list[bytes] = []
            total = 0
            for chunk in resp.iter_content(1 << 16):
                total += len(chunk)
                if total > self.settings.max_file_bytes:
                    raise OParlError("too_large", url, "the file is above the size limit")
                chunks.append(chunk)
        except requests.exceptions.RequestException as exc:
            self._fail(url, exc)
            raise OParlError("timeout" if _is_timeout(exc) else "connection", url,
                             "the download broke off") from exc
        finally:
            resp.close()
        data = b"".join(chunks)
        self.stats.bytes += len(data)
        ctype = (resp.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if not data.lstrip()[:5].startswith(b"%PDF") and ctype in ("text/html", "application/json", "text/plain"):
            self.stats.failures += 1
            raise OParlError("not_pdf", url, f"the server sent {ctype or 'something'} instead of a PDF")
        self.stats.files += 1
        return data


def _is_timeout(exc: BaseException) -> bool:
    seen: set[int] = set()
    cur: BaseException | None = exc
    while cur is not None and id(cur) not in seen:
        seen.add(id(cur))
        if isinstance(cur, (requests.exceptions.Timeout, TimeoutError)) or "timed out" in str(cur).lower():
            return True
        cur = cur.__cause__ or cur.__context__ or (cur.args[0] if cur.args and isinstance(cur.args[0], BaseException) else None)
    return False


def _loads(data: bytes, declared: str | None = None) -> Any:
    """JSON is UTF-8 (RFC 8259); a server that declares another charset and means it still gets read."""
    import json

    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode(declared or "latin-1", errors="replace")
    return json.loads(text)


def _query_keys(url: str) -> set[str]:
    from urllib.parse import parse_qs

    return set(parse_qs(urlsplit(url).query, keep_blank_values=True))


def _canon(url: str, params: dict[str, str] | None) -> str:
    return url + ("?" + "&".join(f"{k}={v}" for k, v in sorted(params.items())) if params else "")
