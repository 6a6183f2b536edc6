"""What the browser tests share: a real `xueji serve` on a demo database, headless Chromium through
Selenium, waits that survive a navigation in progress, the JSON API for setting scenes up, and
screenshots under test-output/screenshots/. Each test script passes PATH/TO/xueji as its argument."""
import json, os, re, signal, subprocess, sys, tempfile, time, urllib.error, urllib.parse, urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait
from selenium.common.exceptions import TimeoutException, WebDriverException

XUEJI = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else ""
OUT = os.path.join(os.getcwd(), "test-output", "screenshots")
PASSWORD = "xueji-demo-2026"
failures = []


def check(condition, what):
    print(("ok   " if condition else "FAIL ") + what)
    if not condition:
        failures.append(what)


def start_server(work, attendance=False):
    db = f"sqlite:{work}/pages.sqlite"
    subprocess.run([XUEJI, "migrate", "--db", db], check=True, stdout=subprocess.DEVNULL)
    subprocess.run([XUEJI, "demo", "--students", "300", "--db", db], check=True, stdout=subprocess.DEVNULL)
    if attendance:  # the term so far, so that meals, alerts and money reports have figures
        subprocess.run([XUEJI, "demo", "--attendance", "--db", db], check=True, stdout=subprocess.DEVNULL)
    log = open(f"{work}/serve.log", "w")
    server = subprocess.Popen([XUEJI, "serve", "--port", "0", "--db", db, "--data-dir", f"{work}/data"], stderr=log)
    for _ in range(100):
        text = open(f"{work}/serve.log").read()
        m = re.search(r'"port":(\d+)', text)
        if m:
            return server, f"http://127.0.0.1:{m.group(1)}"
        time.sleep(0.1)
    raise SystemExit("the server did not start")


def browser():
    options = Options()
    for arg in ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1366,768", "--lang=zh-CN"]:
        options.add_argument(arg)
    options.binary_location = "/usr/bin/chromium"
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def heading(driver, expected, timeout=10):
    """Waits for the page whose <h1> reads `expected` (a click starts a navigation; the old page
    may still be there for a moment) and returns the heading finally seen."""
    def current(d):
        try:
            return d.find_element(By.TAG_NAME, "h1").text
        except WebDriverException:   # the old page's node, gone mid-navigation (stale, or not in the document)
            return None
    try:
        WebDriverWait(driver, timeout).until(lambda d: current(d) == expected)
    except TimeoutException:
        pass
    return current(driver)


def shows(driver, element_id, text, timeout=10):
    """Waits until the element with that id contains the text (across a navigation); True if it did."""
    def seen(d):
        try:
            return text in d.find_element(By.ID, element_id).text
        except WebDriverException:
            return False
    try:
        WebDriverWait(driver, timeout).until(seen)
    except TimeoutException:
        pass
    return seen(driver)


def present(driver, element_id, timeout=10):
    """Waits until an element with that id is on the page; True if it came."""
    try:
        WebDriverWait(driver, timeout).until(lambda d: d.find_elements(By.ID, element_id))
        return True
    except TimeoutException:
        return False


def submit(driver, element_id, timeout=10):
    """Clicks a form's button and waits until the page it was on is gone (the answer has loaded),
    even when the answer has the same elements as the page before."""
    from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
    button = driver.find_element(By.ID, element_id)
    button.click()

    def gone(_):
        try:
            button.is_enabled()
            return False
        except StaleElementReferenceException:
            return True
        except WebDriverException:
            # Asked while the old document is being torn down (Chromium answers "frame detached"
            # or "no such execution context" then, not "stale"): it is going, which is the answer.
            return True
    try:
        WebDriverWait(driver, timeout).until(gone)
    except TimeoutException:
        pass


def url_ends(driver, suffix, timeout=10):
    try:
        WebDriverWait(driver, timeout).until(lambda d: d.current_url.endswith(suffix))
    except TimeoutException:
        pass
    return driver.current_url.endswith(suffix)


def api(base, method, path, body=None, cookie=None, csrf=None, content_type="application/json"):
    """The JSON API, for what the pages do not offer yet (filing a transfer)."""
    data = body if isinstance(body, bytes) or body is None else json.dumps(body).encode()
    headers = {"Content-Type": content_type}
    if cookie: headers["Cookie"] = f"xueji_session={cookie}"
    if csrf: headers["X-CSRF-Token"] = csrf
    try:
        with urllib.request.urlopen(urllib.request.Request(base + path, data=data, method=method, headers=headers)) as r:
            return r.headers, json.loads(r.read() or b"null")
    except urllib.error.HTTPError as e:
        raise SystemExit(f"{method} {path}: {e.code} {e.read().decode()}")


def api_login(base, username):
    headers, body = api(base, "POST", "/api/v1/session", {"username": username, "password": PASSWORD})
    cookie = re.search(r"xueji_session=([^;]+)", headers["Set-Cookie"]).group(1)
    return cookie, body["csrf_token"]


def template_xlsx(path):
    """An XLSX in the national template with two good first-graders and one with a bad phone."""
    import openpyxl
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    def valid_id(body):
        return body + "10X98765432"[sum(int(c) * w for c, w in zip(body, weights)) % 11]
    header = ["姓名", "性别", "出生日期", "出生地", "籍贯", "民族", "国籍/地区", "身份证件类型", "身份证件号", "港澳台侨外", "健康状况",
              "户口所在地", "户口性质", "年级", "班级", "入学年月", "入学方式", "就读方式", "现住址", "联系电话", "是否独生子女",
              "是否受过学前教育", "是否留守儿童", "是否进城务工人员随迁子女", "是否孤儿", "是否烈士或优抚子女", "成员1姓名", "成员1关系",
              "成员1是否监护人", "成员1联系电话"]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(header)
    for i, (name, phone) in enumerate([("周小雨", "13812345678"), ("周小雪", "13812345679"), ("周小雷", "123")]):
        ws.append([name, "女", "2020-05-0" + str(i + 1), "410102", "410102", "汉族", "CHN", "1",
                   valid_id(f"4101022020050{i + 1}{880 + 2 * i:03d}"), "00", "10", "410102", "2", "1", "一年级1班", "202609", "11", "1",
                   "郑州市中原区建设路1号", phone, "是", "是", "0", "否", "否", "否", "周大", "父亲", "是", "13900001111"])
    wb.save(path)


def logout(driver):
    driver.find_element(By.CSS_SELECTOR, "header form button").click()
    url_ends(driver, "/login")


def shot(driver, name, full=False):
    """A screenshot of the window, or (full) of the whole page, as tall as it is."""
    os.makedirs(OUT, exist_ok=True)
    if not full:
        driver.save_screenshot(os.path.join(OUT, f"{name}.png"))
        return
    size = driver.get_window_size()
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(size["width"], min(height + 160, 4000))
    time.sleep(0.2)
    driver.save_screenshot(os.path.join(OUT, f"{name}.png"))
    driver.set_window_size(size["width"], size["height"])


def login(driver, base, username, password=PASSWORD):
    driver.get(base + "/login")
    driver.find_element(By.ID, "username").send_keys(username)
    driver.find_element(By.ID, "password").send_keys(password)
    driver.find_element(By.ID, "login").click()



def valid_id(body):
    """A resident ID with the right MOD 11-2 check character for its 17-digit body."""
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return body + "10X98765432"[sum(int(c) * w for c, w in zip(body, weights)) % 11]


def post_form(base, path, fields, cookie):
    """A form post as a browser sends it, without following the redirect: (status, location, text)."""
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs): return None
    request = urllib.request.Request(base + path, data=urllib.parse.urlencode(fields).encode(), method="POST",
                                     headers={"Cookie": f"xueji_session={cookie}", "Content-Type": "application/x-www-form-urlencoded"})
    try:
        with urllib.request.build_opener(NoRedirect).open(request) as r:
            return r.status, r.headers.get("Location"), r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Location"), e.read().decode()


def finish(driver, server, work, crashed=None):
    if crashed is not None:
        import traceback
        failures.append(f"the test stopped: {crashed!r}")
        print("FAIL the test stopped:", repr(crashed))
        # Where it stopped (the line of the test), without Selenium's long stack of the browser.
        for frame in traceback.extract_tb(crashed.__traceback__):
            if frame.filename.endswith(("test_records.py", "test_pages.py", "harness.py")):
                print(f"     at {os.path.basename(frame.filename)}:{frame.lineno}: {frame.line}")
    driver.quit()
    server.send_signal(signal.SIGTERM)
    server.wait(timeout=10)
    import shutil
    shutil.rmtree(work, ignore_errors=True)
    if failures:
        print(f"{len(failures)} browser check(s) failed")
        return 1
    print("all browser checks passed; screenshots in", OUT)
    return 0
