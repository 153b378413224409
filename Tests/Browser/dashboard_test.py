"""The dashboard in a real browser: headless Chromium (Debian's) driven by Selenium against a real `prospector serve`.

Run by ./scripts/test (scripts/lib/browser.sh) once per database engine:
    python dashboard_test.py --bin BIN_DIR [--database-url URL] [--screenshots DIR]

It signs in with the keyboard, checks that the overview's credits and queue numbers equal the API's, moves a deal and
finds it moved in Apollo (the simulator), retries a dead job, watches a bulk job's progress bar advance to done,
is refused with a wrong key and without a CSRF token, and tabs through every page to reach every action. Each page is
saved as a screenshot when --screenshots is given. Exits non-zero with the failed check's message.
"""
import argparse
import http.cookiejar
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(condition, what, timeout=60.0, every=0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(every)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


class Server:
    """`prospector serve` in a temporary directory, with the sandbox simulator on a known port."""

    def __init__(self, bin_dir, database_url):
        self.work = tempfile.mkdtemp(prefix="prospector-browser.")
        self.port = free_port()
        self.simulator_port = free_port()
        # The breaker stays closed: the dead-job scenario fails Apollo on purpose, and its retry must reach Apollo at once.
        env = dict(os.environ, PORT=str(self.port), SANDBOX_SIMULATOR_PORT=str(self.simulator_port), SYNC_INTERVAL_MINUTES="0",
                   APOLLO_BREAKER_FAILURES="1000")
        if database_url:
            env["DATABASE_URL"] = database_url
        self.log = open(os.path.join(self.work, "serve.log"), "w+")
        self.process = subprocess.Popen([os.path.join(os.path.abspath(bin_dir), "prospector"), "serve"], cwd=self.work, env=env,
                                        stdout=subprocess.PIPE, stderr=self.log, text=True)
        # The key is printed once on its own line, among the log lines.
        self.admin_key = None
        for line in self.process.stdout:
            match = re.search(r"^Admin API key: (\S+)", line)
            if match:
                self.admin_key = match.group(1)
                break
        assert self.admin_key, "serve printed no admin key"
        # Keep reading what serve prints so that its pipe never fills.
        threading.Thread(target=lambda: [None for _ in self.process.stdout], daemon=True).start()
        self.base = f"http://127.0.0.1:{self.port}"
        wait_until(lambda: self.ready(), "the server to answer /health")

    def ready(self):
        try:
            return urllib.request.urlopen(self.base + "/health", timeout=2).status == 200
        except OSError:
            return False

    def api(self, method, path, body=None, key=None, expect=None):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.base + path, data=data, method=method)
        request.add_header("Authorization", "Bearer " + (key or self.admin_key))
        if data is not None:
            request.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                status, payload = response.status, response.read()
        except urllib.error.HTTPError as error:
            status, payload = error.code, error.read()
        if expect is not None:
            assert status == expect, f"{method} {path}: expected {expect}, got {status}: {payload[:300]!r}"
        return json.loads(payload) if payload else None

    def simulator(self, method, path, body):
        request = urllib.request.Request(f"http://127.0.0.1:{self.simulator_port}/__simulator/{path}",
                                         data=json.dumps(body).encode(), method=method)
        request.add_header("Content-Type", "application/json")
        with urllib.request.urlopen(request, timeout=30) as response:
            assert response.status < 300, f"simulator {path}: {response.status}"

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()


def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("CHROMIUM_BINARY", "/usr/bin/chromium")
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000", "--disable-gpu"):
        options.add_argument(argument)
    service = Service(executable_path=os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
    return webdriver.Chrome(service=service, options=options)


def text(driver, css):
    return driver.find_element(By.CSS_SELECTOR, css).text.strip()


class DashboardTest:
    def __init__(self, server, driver, screenshots):
        self.server = server
        self.driver = driver
        self.screenshots = screenshots

    def open(self, path):
        self.driver.get(self.server.base + path)

    def shot(self, name):
        """The whole page (the window grown to its height for the picture)."""
        if self.screenshots:
            os.makedirs(self.screenshots, exist_ok=True)
            height = self.driver.execute_script("return document.documentElement.scrollHeight")
            self.driver.set_window_size(1400, min(max(height, 600), 4000))
            self.driver.save_screenshot(os.path.join(self.screenshots, name + ".png"))
            self.driver.set_window_size(1400, 1000)

    # -- refusals ---------------------------------------------------------------------------------------------------
    def wrong_key_is_refused(self):
        self.open("/sign-in")
        field = self.driver.switch_to.active_element
        assert field.get_attribute("id") == "apiKey", "the key field has the focus when the page opens"
        field.send_keys("pk_not-a-real-key" + Keys.ENTER)
        problem = wait_until(lambda: self.driver.find_elements(By.ID, "problem"), "the sign-in error")
        assert "unknown or revoked" in problem[0].text, problem[0].text
        self.open("/")
        assert "/sign-in" in self.driver.current_url, "a refused key signs nothing in"

    def sign_in_with_the_keyboard(self, key):
        self.open("/sign-in?next=/")
        self.shot("sign-in")
        self.driver.switch_to.active_element.send_keys(key + Keys.ENTER)
        wait_until(lambda: self.driver.find_elements(By.ID, "apollo-mode"), "the overview after signing in")
        cookie = self.driver.get_cookie("prospector_session")
        assert cookie and cookie["httpOnly"] and cookie["sameSite"] == "Strict", f"session cookie flags: {cookie}"

    def posts_without_the_csrf_token_are_refused(self):
        """A form post carrying the session cookie but not the session's token is refused, and changes nothing."""
        session = self.driver.get_cookie("prospector_session")["value"]
        keys_before = len(self.server.api("GET", "/api/keys", expect=200)["keys"])
        for path, fields in (("/keys", {"name": "forged", "scopes[]": "admin"}), ("/sign-out", {})):
            request = urllib.request.Request(self.server.base + path, data=urllib.parse.urlencode(fields).encode(), method="POST")
            request.add_header("Cookie", "prospector_session=" + session)
            request.add_header("Content-Type", "application/x-www-form-urlencoded")
            try:
                status = urllib.request.urlopen(request, timeout=30).status
            except urllib.error.HTTPError as error:
                status = error.code
            assert status == 403, f"POST {path} without the CSRF token answered {status}"
        assert len(self.server.api("GET", "/api/keys", expect=200)["keys"]) == keys_before, "a forged post created a key"
        # The sign-in form's own token (double submit): a post without it is refused too.
        request = urllib.request.Request(self.server.base + "/sign-in", data=b"apiKey=" + self.server.admin_key.encode(), method="POST")
        request.add_header("Content-Type", "application/x-www-form-urlencoded")
        try:
            status = urllib.request.urlopen(request, timeout=30).status
        except urllib.error.HTTPError as error:
            status = error.code
        assert status == 403, f"POST /sign-in without its token answered {status}"

    # -- overview ---------------------------------------------------------------------------------------------------
    def overview_equals_the_api(self, after_spending=False):
        self.open("/")
        credits = self.server.api("GET", "/api/credits", expect=200)
        # The page writes at most two decimals.
        for element, value in (("#credits-today", credits["all"]["today"]), ("#credits-month", credits["all"]["thisMonth"])):
            assert abs(float(text(self.driver, element)) - value) < 0.006, (element, text(self.driver, element), credits["all"])
        rows = self.driver.find_elements(By.CSS_SELECTOR, "#queue-depths tbody tr")
        assert rows, "the overview lists the queues"
        dead_total = 0
        for row in rows:
            queue = row.get_attribute("data-queue")
            for cell in row.find_elements(By.CSS_SELECTOR, "td[data-state]"):
                state = cell.get_attribute("data-state")
                listed = self.server.api("GET", f"/api/jobs?queue={queue}&state={state}&limit=500", expect=200)["jobs"]
                assert int(cell.text) == len(listed), f"{queue}/{state}: page {cell.text}, API {len(listed)}"
                if state == "dead":
                    dead_total += len(listed)
        assert int(text(self.driver, "#dead-jobs")) == dead_total
        if after_spending:
            assert credits["all"]["today"] > 0, "the bulk job spent credits"
            assert self.driver.find_elements(By.CSS_SELECTOR, "svg.chart rect"), "the credits chart has today's bar"
        self.shot("overview")

    # -- pipeline ---------------------------------------------------------------------------------------------------
    def move_a_deal_and_see_it_in_apollo(self):
        self.open("/pipeline")
        card = wait_until(lambda: self.driver.find_elements(By.CSS_SELECTOR, "article.card[data-deal]"), "deal cards")[0]
        deal = card.get_attribute("data-deal")
        select = Select(card.find_element(By.TAG_NAME, "select"))
        target = select.options[-1]
        stage_id, stage_name = target.get_attribute("value"), target.text
        self.shot("pipeline")
        # With the keyboard: focus the select, choose by typing, tab to Move, press Enter.
        element = card.find_element(By.TAG_NAME, "select")
        self.driver.execute_script("arguments[0].focus()", element)
        element.send_keys(stage_name)
        assert Select(element).first_selected_option.get_attribute("value") == stage_id
        self.driver.switch_to.active_element.send_keys(Keys.TAB)
        assert self.driver.switch_to.active_element.text == "Move"
        self.driver.switch_to.active_element.send_keys(Keys.ENTER)
        wait_until(lambda: "done=moved" in self.driver.current_url, "the move to be confirmed")
        in_apollo = self.server.api("GET", f"/api/deals/{deal}", expect=200)
        assert in_apollo["deal"]["stageId"] == stage_id, in_apollo
        column = self.driver.find_element(By.CSS_SELECTOR, f'section[data-stage="{stage_id}"]')
        assert column.find_elements(By.CSS_SELECTOR, f'article[data-deal="{deal}"]'), "the board shows the deal in its new stage"

    # -- jobs -------------------------------------------------------------------------------------------------------
    def job_state(self, job_id):
        return self.server.api("GET", f"/api/jobs/{job_id}", expect=200)["job"]["state"]

    def retry_a_dead_job(self, email):
        # Apollo fails every call (500) until the faults are cleared: the job, allowed one attempt, dies.
        self.server.simulator("PUT", "faults", {"error_rate": 1})
        added = self.server.api("POST", "/api/jobs", {"name": "enrich-person", "data": {"email": email}, "opts": {"attempts": 1}}, expect=202)
        job_id = added["id"]
        try:
            wait_until(lambda: self.job_state(job_id) == "dead", f"job {job_id} to die")
        finally:
            self.server.simulator("DELETE", "faults", {})
        self.open("/jobs?state=dead")
        self.driver.find_element(By.CSS_SELECTOR, f'tr[data-job="{job_id}"] a').click()
        assert text(self.driver, "#job-state") == "dead"
        assert self.driver.find_elements(By.ID, "job-error"), "a dead job's page shows its error"
        self.shot("job-dead")
        self.driver.find_element(By.XPATH, "//button[text()='Retry']").click()
        wait_until(lambda: "done=retried" in self.driver.current_url, "the retry to be confirmed")
        wait_until(lambda: self.job_state(job_id) == "completed", f"job {job_id} to complete after the retry")
        wait_until(lambda: text(self.driver, "#job-state") == "completed", "the page to show the job completed (live)", timeout=30)

    def watch_a_bulk_job_finish(self):
        leads = self.server.api("POST", "/api/leads/search", {"perPage": 100, "page": 1}, expect=200)["leads"]
        leads += self.server.api("POST", "/api/leads/search", {"perPage": 100, "page": 2}, expect=200)["leads"]
        people = [{"apolloId": lead["id"]} for lead in leads if lead.get("id")][:150]
        assert len(people) >= 50, f"the sandbox has people to enrich ({len(people)})"
        self.server.simulator("PUT", "faults", {"latency_ms": 250})
        try:
            accepted = self.server.api("POST", "/api/leads/enrich/bulk", {"people": people}, expect=202)
            job_id = accepted["jobId"]
            self.open(f"/jobs/{job_id}")
            seen = set()

            def finished():
                # The state first, then the bar: the page's script sets both in one step, so a bar read after the
                # state says "completed" shows what came with it (read the other way round, the last bar value
                # read could be the one before the step).
                done = text(self.driver, "#job-state") == "completed"
                bar = self.driver.find_element(By.CSS_SELECTOR, "dd progress")
                value = bar.get_attribute("value")
                if value is not None and not bar.get_attribute("hidden"):
                    seen.add(float(value))
                return done

            wait_until(finished, f"bulk job {job_id} to finish on its page", timeout=180, every=0.05)
            self.shot("job-bulk-done")
        finally:
            self.server.simulator("DELETE", "faults", {})
        assert 100.0 in seen, f"the bar reached 100 ({sorted(seen)})"
        assert any(0 < value < 100 for value in seen), f"the bar advanced through values below 100 ({sorted(seen)})"

    # -- keyboard ---------------------------------------------------------------------------------------------------
    def every_action_is_reachable_by_keyboard(self, path, name):
        self.open(path)
        self.shot(name)
        actions = self.driver.execute_script("""
            const items = Array.from(document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea'))
              .filter(e => !e.disabled && e.offsetParent !== null);
            items.forEach((e, i) => e.setAttribute('data-kb', String(i)));
            return items.length;""")
        reached = set()
        body = self.driver.find_element(By.TAG_NAME, "body")
        self.driver.execute_script("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0)")
        for _ in range(actions + 5):
            body = self.driver.switch_to.active_element
            body.send_keys(Keys.TAB)
            index = self.driver.switch_to.active_element.get_attribute("data-kb")
            if index is not None:
                reached.add(int(index))
            if len(reached) == actions:
                break
        missing = sorted(set(range(actions)) - reached)
        assert not missing, f"{path}: {len(missing)} of {actions} actions cannot be reached with Tab"

    def run(self, read_key, email):
        self.wrong_key_is_refused()
        self.sign_in_with_the_keyboard(self.server.admin_key)
        self.posts_without_the_csrf_token_are_refused()
        self.overview_equals_the_api()
        self.move_a_deal_and_see_it_in_apollo()
        self.retry_a_dead_job(email)
        self.watch_a_bulk_job_finish()
        self.overview_equals_the_api(after_spending=True)
        contact = self.server.api("GET", "/api/contacts?limit=1", expect=200)["contacts"][0]
        for path, name in (("/", "overview"), ("/pipeline", "pipeline"), ("/jobs", "jobs"), ("/contacts?q=" + urllib.parse.quote(email.split("@")[1]), "contacts"),
                           (f"/contacts/{contact['id']}", "contact"), ("/sync", "sync"), ("/audit", "audit"),
                           ("/webhooks", "webhooks"), ("/keys", "keys")):
            self.every_action_is_reachable_by_keyboard(path, name)
        # A read key looks but is offered no action, and an action it posts anyway is refused.
        self.driver.find_element(By.XPATH, "//button[text()='Sign out']").click()
        wait_until(lambda: "/sign-in" in self.driver.current_url, "signing out")
        self.sign_in_with_the_keyboard(read_key)
        self.open("/pipeline")
        assert not self.driver.find_elements(By.CSS_SELECTOR, "article.card form"), "a read key is offered no move"
        self.open("/keys")
        assert "403" in self.driver.find_element(By.TAG_NAME, "h1").text, "a read key may not see the keys"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True)
    parser.add_argument("--database-url")
    parser.add_argument("--screenshots")
    arguments = parser.parse_args()
    server = Server(arguments.bin, arguments.database_url)
    driver = None
    try:
        read_key = server.api("POST", "/api/keys", {"name": "looker", "scopes": ["read"]}, expect=201)["key"]
        # Deals and contacts in our database: a sync of each, as the scheduler would run it.
        for object_name in ("contacts", "deals"):
            server.api("POST", f"/api/sync/{object_name}", {}, expect=202)
        def synced():
            statuses = server.api("GET", "/api/sync", expect=200)
            objects = statuses["objects"]
            done = [o for o in objects if o.get("object") in ("contacts", "deals") and o.get("lastStatus") == "ok"]
            return len(done) == 2
        wait_until(synced, "the first sync of contacts and deals", timeout=180)
        contact = server.api("GET", "/api/contacts?limit=50", expect=200)["contacts"]
        email = next(c["email"] for c in contact if c.get("email"))
        driver = browser()
        DashboardTest(server, driver, arguments.screenshots).run(read_key, email)
        print("dashboard browser tests passed")
    finally:
        if driver:
            driver.quit()
        server.stop()


if __name__ == "__main__":
    try:
        main()
    except AssertionError as failure:
        print(f"dashboard browser test failed: {failure}", file=sys.stderr)
        sys.exit(1)
