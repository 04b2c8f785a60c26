"""Real-browser journeys: the app runs as a real ``streamlit run`` server, Debian's Chromium drives it (Playwright).

1. upload -> review -> publish -> dashboard: a visitor sees the seed dashboard, logs in, uploads a council PDF, publishes
   the draft, and a link filtered to the PDF's town shows exactly that one decision;
2. a shared link (``/?city=Dortmund&lang=en``) opened in a fresh browser shows the English, filtered dashboard;
3. a decision link (``/decisions?id=…``) shows that decision's detail; the table and the about page render;
4. on a freshly started server, a first visitor arriving by such a decision link gets the app's navigation.

Every page visited is saved as a full-page PNG in ``tests/artifacts/`` (git-ignored) for a human to look at.
Never downloads a browser: Chromium is ``/usr/bin/chromium`` (Debian package ``chromium``); without it the
module skips, and fails under ``CI=true``.
"""

from __future__ import annotations

import contextlib
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests import pdfgen

try:  # a test dependency; without it the module skips (fails under CI=true), it does not break collection
    from playwright.sync_api import expect, sync_playwright
except ImportError:  # pragma: no cover
    expect = sync_playwright = None

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
VIEWPORT = {"width": 1366, "height": 900}
START_TIMEOUT_S = 60  # server up and answering /_stcore/health
FIRST_RUN_MS = 90_000  # first script run of the server: creates the tables and loads the seed record
STEP_MS = 30_000  # any later wait for the app
if expect is not None:  # expect() has its own 5 s default; a loaded 2-core machine needs more for a PDF upload
    expect.set_options(timeout=STEP_MS)

# A real German town known to GeoNames and absent from the seed record: after publishing, its filter shows 1.
TOWN = "Erlangen"
ERLANGEN_PROPOSAL = pdfgen.ERLANGEN_PROPOSAL


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


def _unavailable(reason: str) -> None:
    if _in_ci():
        pytest.fail(f"browser tests are required in CI (CI=true): {reason}", pytrace=False)
    pytest.skip(reason)


# --- the app as a real server ------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _healthy(base: str) -> bool:
    try:
        with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as r:
            return r.status == 200 and r.read().strip() == b"ok"
    except (OSError, urllib.error.URLError):
        return False


def _log_tail(log: Path, n: int = 60) -> str:
    try:
        return "\n".join(log.read_text(errors="replace").splitlines()[-n:])
    except OSError:
        return "(no server log)"


@contextlib.contextmanager
def streamlit_server(tmp: Path) -> Iterator[dict]:
    """``streamlit run app.py`` on a free port with its own SQLite database and ``RATSRADAR_HOME`` under
    ``tmp``; yields once ``/_stcore/health`` answers ok, stops the server (terminate, then kill) after."""
    home = tmp / "home"
    home.mkdir(parents=True, exist_ok=True)
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = os.environ | {"DATABASE_URL": f"sqlite:///{tmp / 'browser.db'}", "RATSRADAR_HOME": str(home),
                        "PYTHONUNBUFFERED": "1"}
    log = tmp / "streamlit.log"
    cmd = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
           "--server.headless", "true", "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
           # the sources do not change during a test run; no watcher = no "source changed" prompts, faster start
           "--server.fileWatcherType", "none"]
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while not _healthy(base):
            if proc.poll() is not None:
                pytest.fail(f"streamlit exited with {proc.returncode}:\n{_log_tail(log)}", pytrace=False)
            if time.monotonic() > deadline:
                pytest.fail(f"streamlit not healthy after {START_TIMEOUT_S} s:\n{_log_tail(log)}", pytrace=False)
            time.sleep(0.2)
        yield {"base": base, "tmp": tmp, "log": log}
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


# --- the browser -------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} is missing (Debian package 'chromium')")
    if sync_playwright is None:
        _unavailable("playwright (Python) is not installed: pip install -e '.[test]'")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for stale in ARTIFACTS.glob("FAILED-*.png"):  # failure shots of an earlier run would mislead
        stale.unlink()
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


def _new_page(browser, base: str):
    """A page in a fresh browser context (own cookies, own Streamlit session); page errors are collected."""
    context = browser.new_context(viewport=VIEWPORT, locale="de-DE", base_url=base)
    context.set_default_timeout(STEP_MS)
    pg = context.new_page()
    pg.js_errors = []  # type: ignore[attr-defined]
    pg.on("pageerror", lambda err: pg.js_errors.append(str(err)))  # type: ignore[attr-defined]
    return pg


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, browser) -> Iterator[dict]:
    """The app server the journeys share. A first visit to ``/`` loads the seed record and lets ``app.py``
    register its ``st.navigation`` (see ``test_first_visit_after_start_by_shared_link``), so every journey
    meets the same warm server, whatever order or selection the tests run in."""
    with streamlit_server(tmp_path_factory.mktemp("browser")) as srv:
        pg = _new_page(browser, srv["base"])
        try:
            pg.goto("/", wait_until="domcontentloaded")
            expect(pg.get_by_test_id("stMetric").first.or_(pg.get_by_test_id("stException").first)).to_be_visible(
                timeout=FIRST_RUN_MS)
            settle(pg, FIRST_RUN_MS)
        finally:
            pg.context.close()
        yield srv


@pytest.fixture()
def page(browser, server):
    pg = _new_page(browser, server["base"])
    try:
        yield pg
    finally:
        pg.context.close()


# --- helpers -----------------------------------------------------------------------------------------------


def settle(pg, timeout: int = STEP_MS) -> None:
    """Wait until Streamlit is connected and no script run is going on, then fail on any Python exception."""
    pg.locator('[data-testid="stApp"][data-test-connection-state="CONNECTED"]').wait_for(timeout=timeout)
    pg.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for(timeout=timeout)
    pg.get_by_test_id("stStatusWidgetRunningIcon").wait_for(state="detached", timeout=timeout)
    no_exception(pg)


def no_exception(pg) -> None:
    exc = pg.get_by_test_id("stException")
    if exc.count():
        where = re.sub(r"\W+", "-", pg.url.split("//", 1)[-1].split("/", 1)[-1]).strip("-") or "root"
        shot = snap(pg, f"FAILED-{where}")
        pytest.fail(f"the app shows an exception on {pg.url} (screenshot {shot}):\n{exc.first.inner_text()}",
                    pytrace=False)


def shown(pg, text: str, timeout: int = STEP_MS) -> None:
    """Wait until ``text`` is shown in the main area (or the app shows an exception: then fail with it)."""
    wanted = pg.get_by_test_id("stMain").get_by_text(text).first
    expect(wanted.or_(pg.get_by_test_id("stException").first)).to_be_visible(timeout=timeout)
    no_exception(pg)
    expect(wanted).to_be_visible(timeout=timeout)
    settle(pg, timeout)


def open_app(pg, path: str, expect_text: str, timeout: int = STEP_MS) -> None:
    """Go to ``path`` and wait until the page's script has run and ``expect_text`` is shown."""
    pg.goto(path, wait_until="domcontentloaded")
    shown(pg, expect_text, timeout)


def nav(pg, label: str, expect_text: str) -> None:
    """Follow the sidebar navigation link ``label``; waits for ``expect_text`` on the new page."""
    pg.get_by_test_id("stSidebarNav").get_by_role("link", name=label, exact=True).click()
    shown(pg, expect_text)


def metric(pg, label: str) -> int:
    """The integer value of the metric ``label`` (thousands separators of either language removed)."""
    m = pg.get_by_test_id("stMetric").filter(has=pg.get_by_test_id("stMetricLabel").get_by_text(label, exact=True))
    value = m.get_by_test_id("stMetricValue").inner_text()
    digits = re.sub(r"[.,\s\u202f\u00a0]", "", value)
    assert digits.isdigit(), f"metric {label!r} shows {value!r}, not a number"
    return int(digits)


def expect_chart(pg) -> None:
    """At least one plotly chart has drawn its SVG."""
    expect(pg.get_by_test_id("stPlotlyChart").locator("svg.main-svg").first).to_be_visible()


def snap(pg, name: str) -> Path:
    """A full-page PNG in tests/artifacts/. Streamlit scrolls inside its main container, not the document, so
    the viewport is stretched to the content's height for the shot and restored after."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    height = pg.evaluate("""() => Math.max(document.documentElement.scrollHeight,
        ...['stMain', 'stAppViewContainer', 'stSidebarContent', 'stMainBlockContainer'].map(id => {
            const el = document.querySelector(`[data-testid="${id}"]`);
            return el ? el.scrollHeight : 0; }))""")
    size = pg.viewport_size or VIEWPORT
    tall = min(max(int(height) + 40, size["height"]), 6000)
    if tall != size["height"]:
        pg.set_viewport_size({"width": size["width"], "height": tall})
        pg.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    try:
        pg.screenshot(path=str(path), full_page=True, animations="disabled")
    finally:
        if tall != size["height"]:
            pg.set_viewport_size(size)
    return path


def make_account(server: dict, name: str, password: str, role: str = "moderator") -> None:
    """An account in the server's database, made as ``ratsradar user add`` makes it (no default accounts)."""
    from models import init_db, make_engine, session_scope
    from ratsradar import auth

    engine = make_engine(f"sqlite:///{server['tmp'] / 'browser.db'}")
    init_db(engine)
    with session_scope(engine) as s:
        if auth.get_user(s, name) is None:
            auth.create_user(s, name, role=role, actor=auth.SYSTEM, password=password, display_name=name.title())
    engine.dispose()


def log_in(pg, name: str, password: str) -> None:
    """Open the sidebar's login section and log in with the built-in form."""
    sidebar = pg.get_by_test_id("stSidebar")
    sidebar.get_by_test_id("stExpander").filter(has_text="Anmeldung").locator("summary").click()
    sidebar.get_by_label("Benutzername").fill(name)
    sidebar.get_by_label("Passwort", exact=True).fill(password)
    sidebar.get_by_test_id("stFormSubmitButton").get_by_role("button", name="Anmelden").click()
    expect(sidebar.get_by_text("Angemeldet als")).to_be_visible()
    settle(pg)


# --- journeys ----------------------------------------------------------------------------------------------


def test_upload_review_publish_then_dashboard(page, server):
    """The issue's journey: seed dashboard -> upload a PDF -> review -> publish -> the town's dashboard shows 1."""
    # the dashboard with the seed record (loaded by the server fixture's first visit)
    open_app(page, "/", "Beschlüsse")
    assert metric(page, "Beschlüsse") > 0
    expect_chart(page)
    snap(page, "01-dashboard-de")

    # log in (the account is made as an admin makes it); uploading and reviewing need one
    make_account(server, "moderatorin", "browser-password-1")
    log_in(page, "moderatorin", "browser-password-1")

    # upload a generated council PDF
    pdf = pdfgen.make_pdf(server["tmp"] / "erlangen-open-source-strategie.pdf", ERLANGEN_PROPOSAL)
    nav(page, "Hochladen", "Ratsdokumente hochladen")
    uploader = page.get_by_test_id("stFileUploader")
    uploader.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(pdf))
    expect(uploader.get_by_test_id("stFileChipName").and_(uploader.get_by_title(pdf.name))).to_be_visible()
    expect(uploader.get_by_test_id("stFileChipDeleteBtn")).to_be_visible()  # shown once the upload is done
    page.get_by_test_id("stFormSubmitButton").get_by_role("button", name="Dateien lesen").click()
    expect(page.get_by_test_id("stAlert").filter(has_text="Entwurf angelegt")).to_be_visible()
    settle(page)
    assert pdf.name in page.get_by_test_id("stAlert").filter(has_text="Entwurf angelegt").inner_text()
    snap(page, "05-upload-result")

    # review the draft: the place must be the town (fill it in if the extraction did not find it), publish
    nav(page, "Prüfen", "Entwürfe prüfen und veröffentlichen")
    place = page.get_by_test_id("stTextInput").filter(has_text="Ort (für alle Punkte").locator("input")
    expect(place).to_be_visible()
    snap(page, "06-review-draft")
    if place.input_value().strip() != TOWN:
        place.fill(TOWN)
    page.get_by_test_id("stFormSubmitButton").get_by_role("button", name="Veröffentlichen").click()
    expect(page.get_by_test_id("stAlert").filter(has_text="Veröffentlicht")).to_be_visible()
    settle(page)
    errors = page.get_by_test_id("stAlert").filter(has_text="Es wurde nichts gespeichert")
    assert not errors.count(), errors.first.inner_text()
    snap(page, "07-review-published")

    # a link filtered to the town: exactly the published decision
    open_app(page, f"/?city={TOWN}", "Beschlüsse")
    assert metric(page, "Beschlüsse") == 1
    assert not page.js_errors, page.js_errors


def test_shared_link_english_dashboard(page):
    """A shared link opened in a fresh browser: English dashboard, Dortmund filter selected, URL kept."""
    open_app(page, "/?city=Dortmund&lang=en", "Decisions")
    expect(page.get_by_test_id("stMetricLabel").get_by_text("Decisions", exact=True)).to_be_visible()
    assert metric(page, "Decisions") >= 1
    expect(page.get_by_test_id("stSidebarNav")).to_contain_text("Dashboard")
    city = page.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect").filter(has_text="Municipality")
    expect(city.locator("[data-tag]")).to_have_count(1)
    expect(city.locator("[data-tag]")).to_have_text("Dortmund")
    expect(page).to_have_url(re.compile(r"[?&]city=Dortmund(&|$)"))
    expect(page).to_have_url(re.compile(r"[?&]lang=en(&|$)"))
    expect_chart(page)
    snap(page, "02-dashboard-en-dortmund")
    assert not page.js_errors, page.js_errors


def test_decision_link_table_and_about(page):
    """A decision's link shows its detail; the decisions table and the about page render."""
    open_app(page, "/decisions?id=DE-DO-2022-12-15", "Koordinierungsstelle")
    heading = page.get_by_test_id("stHeading").filter(has_text="Koordinierungsstelle")
    expect(heading.first).to_be_visible()
    expect(page.get_by_test_id("stMain")).to_contain_text("fsfe.org")
    snap(page, "04-decision-detail")

    open_app(page, "/decisions", "Beschlüsse")
    expect(page.get_by_test_id("stDataFrame").first).to_be_visible()
    expect(page.get_by_test_id("stDataFrame").first.locator("canvas").first).to_be_visible()
    snap(page, "03-decisions-table")

    open_app(page, "/about", "Über Ratsradar")
    expect(page.get_by_test_id("stTable").first).to_contain_text("Koordinierungsstelle")
    snap(page, "08-about")
    assert not page.js_errors, page.js_errors


def test_first_visit_after_start_by_shared_link(browser, tmp_path):
    """A freshly started server whose first visitor arrives by a shared decision link (the journalists' case)
    gets the app itself: its navigation and language switch, not Streamlit's file list of ``pages/``."""
    with streamlit_server(tmp_path) as srv:
        pg = _new_page(browser, srv["base"])
        try:
            open_app(pg, "/decisions?id=DE-DO-2022-12-15&lang=en", "Koordinierungsstelle", timeout=FIRST_RUN_MS)
            nav_links = pg.get_by_test_id("stSidebarNav").get_by_test_id("stSidebarNavLink")
            names = [n.strip() for n in nav_links.all_inner_texts()]
            if not any("Dashboard" in n for n in names):
                shot = snap(pg, "FAILED-first-visit-deep-link")
                pytest.fail(f"first visit after server start by /decisions?id=…: the sidebar lists {names} "
                            f"instead of the app's pages (screenshot {shot})", pytrace=False)
            expect(pg.get_by_test_id("stSidebar")).to_contain_text("Language")
        finally:
            pg.context.close()
