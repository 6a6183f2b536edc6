#!/usr/bin/env python3
"""Browser tests of the web pages (issue 7), part 2: every role's dashboard with its charts, the ID
check as you type, a script typed as a name, editing with a stale-edit conflict, an expired session
mid-form, a double-submitted form, a 20 MB upload, problem records, approving registrations,
promotion and graduation with a preview, administration, English throughout, and a phone's width.
Usage: test_records.py PATH/TO/xueji. Exit 0 when every check passes, 1 otherwise."""
import os, sys, tempfile, urllib.error, urllib.parse, urllib.request

from harness import *
from selenium.common.exceptions import NoAlertPresentException

ROLES = ["admin", "henan-admin", "zhengzhou-admin", "county-reviewer", "county-analyst", "registrar", "principal",
         "registrar2", "county-reviewer2", "henan-reviewer"]


def form_token(driver):
    return driver.find_element(By.CSS_SELECTOR, "main form input[name=csrf_token]").get_attribute("value")


def registration_form(driver, base):
    driver.get(base + "/pupils/new")
    heading(driver, "新生建籍")


def fill(driver, values):
    for field, value in values.items():
        element = driver.find_element(By.ID, field)
        element.clear()
        element.send_keys(value)


def pupil_values(name, id_number):
    return {"name": name, "birth_date": "2020-06-12", "id_number": id_number, "birthplace": "410102", "native_place": "410102",
            "hukou_place": "410102", "class": "一年级1班", "entry_date": "2026-09-01", "address": "郑州市中原区建设路2号",
            "phone": "13812345670", "guardian_name": "王大", "guardian_phone": "13900002222"}


def select(driver, field, code):
    driver.find_element(By.CSS_SELECTOR, f"#{field} option[value='{code}']").click()


def from_reports(driver, base, hub, title):
    """Opens a report or check the way users reach it: from the reports page's hub."""
    driver.get(base + "/reports")
    heading(driver, "统计报表")
    driver.find_element(By.ID, hub).click()
    heading(driver, title)


def main():
    work = tempfile.mkdtemp(prefix="xueji-browser-")
    server, base = start_server(work, attendance=True)
    driver = browser()
    try:
        # Every demo login reaches its dashboard, with the charts of its scope and their data tables.
        for user in ROLES:
            login(driver, base, user)
            expected = "本辖区概况" if user == "county-analyst" else "今日待办"
            check(heading(driver, expected) == expected, f"{user} logs in and sees {'the picture of the scope' if user == 'county-analyst' else 'today' + chr(39) + 's tasks'}")
            charts = driver.find_elements(By.CSS_SELECTOR, "figure.chart svg")
            tables = driver.find_elements(By.CSS_SELECTOR, "figure.chart table.chart-data")
            check(len(charts) == 3 and len(tables) == 3, f"{user}'s dashboard draws three charts, each with its table")
            if user in ("admin", "county-analyst", "registrar"):
                shot(driver, f"dashboard-{user}-zh", full=True)
            if user == "county-analyst":
                check(not driver.find_elements(By.ID, "tasks") and not driver.find_elements(By.ID, "nav-pupils"),
                      "an analyst gets figures and charts only: no task cards, no pupil list")
            if user == "registrar":
                bars = driver.find_elements(By.CSS_SELECTOR, "#chart-enrolment rect")
                check(len(bars) >= 6, "the registrar's enrolment chart has bars for the school's grades")
            logout(driver)

        # An analyst of a county sees small cells hidden in a school's table (the API behind the charts).
        cookie, _ = api_login(base, "county-analyst")
        _, report = api(base, "GET", "/api/v1/reports/enrolment?school=4101029001", cookie=cookie)
        check(report["suppressed"] and any(c is None for row in report["rows"] for c in row["cells"]),
              "the analyst's table of one school hides its small cells")

        login(driver, base, "registrar")
        heading(driver, "今日待办")
        # The resident ID is checked as it is typed; a valid one fills in birth date and sex.
        registration_form(driver, base)
        right = valid_id("41010220200612044")
        wrong = right[:-1] + ("0" if right[-1] != "0" else "1")
        driver.find_element(By.ID, "id_number").send_keys(wrong)
        WebDriverWait(driver, 10).until(lambda d: "error" in d.find_element(By.ID, "hint-id_number").get_attribute("class"))
        check("校验" in driver.find_element(By.ID, "hint-id_number").text, "a wrong check character is pointed out while typing")
        field = driver.find_element(By.ID, "id_number")
        field.clear()
        field.send_keys(right)
        WebDriverWait(driver, 10).until(lambda d: d.find_element(By.ID, "birth_date").get_attribute("value") == "2020-06-12")
        check(driver.find_element(By.ID, "sex").get_attribute("value") == "2", "a valid ID fills in the birth date and sex it encodes")
        shot(driver, "register-id-check-zh")

        # A script typed as a name is kept as text: refused by the name rule, shown back, never run.
        script = "<script>alert(1)</script>"
        values = pupil_values(script, right)
        values.pop("birth_date")
        fill(driver, values)
        select(driver, "hukou_nature", "2")
        driver.find_element(By.ID, "register").click()
        WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.ID, "error-name"))
        try:
            driver.switch_to.alert
            ran = True
        except NoAlertPresentException:
            ran = False
        check(not ran and driver.find_element(By.ID, "name").get_attribute("value") == script,
              "a script in the name field is shown as text and never runs")

        # Registered with a real name, twice from the same form (a double submission): one pupil.
        token = form_token(driver)
        key = driver.find_element(By.CSS_SELECTOR, "input[name=form_key]").get_attribute("value")
        cookie = driver.get_cookie("xueji_session")["value"]
        fields = {k: driver.find_element(By.ID, k).get_attribute("value") for k in list(values) + ["birth_date", "sex", "hukou_nature", "id_type",
                  "ethnicity", "nationality", "overseas", "health", "grade", "entry_mode", "study_mode", "left_behind", "guardian_relation"]}
        fields.update({"name": "王小满", "csrf_token": token, "form_key": key})
        first = post_form(base, "/pupils/new", fields, cookie)
        second = post_form(base, "/pupils/new", fields, cookie)
        check(first[0] == 303 and second[0] == 303 and first[1] == second[1] == "/pupils/G" + right,
              "the same form sent twice registers one pupil and both answers lead to it")

        # Editing: saved, then a stale edit (someone saved in between) is shown plainly.
        number = "G" + right
        driver.get(base + f"/pupils/{number}")
        heading(driver, f"王小满 {number}")
        driver.find_element(By.ID, "edit").click()
        heading(driver, f"修改学籍信息 · 王小满 {number}")
        fill(driver, {"address": "郑州市中原区建设路3号"})
        driver.find_element(By.ID, "save").click()
        WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.ID, "saved"))
        check("建设路3号" in driver.find_element(By.ID, "record").text, "an edit is saved and shown on the pupil's page")
        driver.find_element(By.ID, "edit").click()
        heading(driver, f"修改学籍信息 · 王小满 {number}")
        api_cookie, api_csrf = api_login(base, "registrar")
        request = urllib.request.Request(base + f"/api/v1/pupils/{number}", method="GET", headers={"Cookie": f"xueji_session={api_cookie}"})
        with urllib.request.urlopen(request) as r:
            etag = r.headers["ETag"]
        request = urllib.request.Request(base + f"/api/v1/pupils/{number}", data=json.dumps({"phone": "13700001234"}).encode(), method="PATCH",
                                         headers={"Cookie": f"xueji_session={api_cookie}", "X-CSRF-Token": api_csrf, "If-Match": etag,
                                                  "Content-Type": "application/json"})
        urllib.request.urlopen(request).read()
        fill(driver, {"phone": "13600005678"})
        driver.find_element(By.ID, "save").click()
        WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.ID, "conflict"))
        conflict = driver.find_element(By.ID, "conflict").text
        check("13700001234" in conflict and "13600005678" in conflict and "他人修改" in driver.find_element(By.ID, "form-error").text,
              "a stale edit says someone else saved, with what is stored beside what was typed")
        shot(driver, "edit-conflict-zh")
        driver.find_element(By.ID, "save").click()
        WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.ID, "saved"))
        check("136****5678" in driver.find_element(By.ID, "record").text or "13600005678" in driver.find_element(By.ID, "record").text,
              "sending again keeps what the user typed")

        # An expired session mid-form: the typed text survives the new login.
        registration_form(driver, base)
        fill(driver, {"name": "赵小北", "address": "郑州市中原区建设路9号"})
        session = driver.get_cookie("xueji_session")["value"]
        request = urllib.request.Request(base + "/api/v1/session", method="DELETE",
                                         headers={"Cookie": f"xueji_session={session}", "X-CSRF-Token": form_token(driver)})
        urllib.request.urlopen(request).read()
        driver.find_element(By.ID, "register").click()
        check(heading(driver, "登录") == "登录" and "保留" in driver.find_element(By.CLASS_NAME, "error").text,
              "a form sent after the session ended asks for a login and says the input is kept")
        driver.find_element(By.ID, "username").send_keys("registrar")
        driver.find_element(By.ID, "password").send_keys(PASSWORD)
        driver.find_element(By.ID, "login").click()
        heading(driver, "新生建籍")
        check(driver.find_element(By.ID, "name").get_attribute("value") == "赵小北"
              and driver.find_element(By.ID, "address").get_attribute("value") == "郑州市中原区建设路9号",
              "after logging in again the form comes back with what was typed")

        # A 20 MB upload gets a page that says the limit, in the user's language.
        big = os.path.join(tempfile.mkdtemp(prefix="xueji-big-"), "太大.xlsx")
        with open(big, "wb") as f:
            f.write(os.urandom(20 * 1024 * 1024))
        driver.get(base + "/imports/new")
        heading(driver, "导入新生")
        driver.find_element(By.ID, "file").send_keys(big)
        driver.find_element(By.ID, "upload").click()
        check(heading(driver, "文件过大", timeout=30) == "文件过大" and "10 MB" in driver.find_element(By.ID, "too-large").text,
              "a 20 MB upload is answered with the limit, nothing stored")
        os.remove(big)

        # Problem records: a pupil without an ID who matches another's name, sex and birth date.
        cookie, csrf = api_login(base, "registrar")
        _, found = api(base, "GET", "/api/v1/pupils?school=4101029001&grade=2&limit=1", cookie=cookie)
        twin = found["items"][0]
        _, created = api(base, "POST", "/api/v1/pupils", {
            "school": "4101029001", "grade": 2, "class": twin["class"], "entry_date": "2026-09-01", "entry_mode": "11", "study_mode": "1",
            "name": twin["name"], "sex": twin["sex"], "birth_date": twin["birth_date"], "birthplace": "410102", "native_place": "410102",
            "ethnicity": "01", "nationality": "CHN", "id_type": "Z", "overseas": "00", "health": "10", "hukou_place": "410102",
            "hukou_nature": "2", "address": "郑州市中原区建设路5号", "phone": "13812345678", "only_child": True, "preschool": True,
            "left_behind": "0", "migrant": False, "orphan": False, "martyr_family": False,
            "guardians": [{"name": "付大", "relation": "51", "is_guardian": True, "phone": "13900001111"}]}, cookie=cookie, csrf=csrf)
        driver.get(base + "/")
        heading(driver, "今日待办")
        check(driver.find_element(By.CSS_SELECTOR, "#card-problems .figure").text == "1", "the dashboard counts the open problem record")
        driver.find_element(By.CSS_SELECTOR, "#card-problems a").click()
        heading(driver, "问题学籍")
        links = driver.find_elements(By.CSS_SELECTOR, "#problems tbody a")
        check(len(links) >= 1 and links[0].text == "疑似重复学籍", "the problem list names the kind")
        shot(driver, "problems-zh")
        links[0].click()
        heading(driver, f"疑似重复学籍 · {twin['name']}")
        driver.find_element(By.ID, "delete").click()
        WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.ID, "error-really"))
        check(driver.find_element(By.ID, "problem-state").text == "open", "deleting without ticking the confirmation does nothing and says why")
        shot(driver, "problem-zh")
        driver.find_element(By.ID, "really").click()
        driver.find_element(By.ID, "delete").click()
        WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.ID, "deleted"))
        _, problems = api(base, "GET", "/api/v1/problems?state=open", cookie=cookie)
        check(problems["items"] == [], "the confirmed deletion resolves the problem record")
        logout(driver)

        # The county bureau approves the registrations waiting for it.
        login(driver, base, "county-reviewer")
        heading(driver, "今日待办")
        check(driver.find_element(By.CSS_SELECTOR, "#card-aid a").get_attribute("href").endswith("/aid"),
              "the county's tasks include the aid applications to decide")
        driver.find_element(By.ID, "nav-reports").click()
        heading(driver, "统计报表")
        check(present(driver, "target-410102"), "the county is set against the class-size targets")
        heading(driver, "统计报表")
        driver.find_element(By.ID, "hub-projection").click()
        heading(driver, "在校生预测")
        check(present(driver, "projection") or present(driver, "insufficient"), "the county's projection, or why there is none")
        shot(driver, "projection-zh", full=True)
        # The annual statistics: a table two boys short for one school and grade, then the pupils behind the count.
        statistics = os.path.join(tempfile.mkdtemp(prefix="xueji-statistics-"), "事业统计.csv")
        with open(statistics, "w", encoding="utf-8") as f:
            f.write("学校标识码,年级,性别,在校生数\n4101029001,1,男,0\n9999999999,1,男,3\n")
        from_reports(driver, base, "hub-statistics", "学籍与事业统计比对")
        driver.find_element(By.ID, "file").send_keys(statistics)
        submit(driver, "reconcile")
        check(present(driver, "differences") and int(driver.find_element(By.ID, "differing").text) >= 1
              and len(driver.find_elements(By.CSS_SELECTOR, "#refused tbody tr")) == 1, "the comparison lists the differences and the refused row")
        shot(driver, "statistics-check-zh", full=True)
        apart = [[c.get_attribute("textContent") for c in r.find_elements(By.CSS_SELECTOR, "th, td")]
                 for r in driver.find_elements(By.CSS_SELECTOR, "#chart-reconciliation table.chart-data tbody tr")]
        check(len(driver.find_elements(By.CSS_SELECTOR, "#chart-reconciliation svg rect")) >= 1 and ["4101029001", "0"] in [r[:2] for r in apart]
              and [int(r[2]) for r in apart] == sorted((int(r[2]) for r in apart), reverse=True),
              "the schools furthest apart are drawn, largest first, statistics (0 for the school listed) beside registry")
        driver.find_element(By.CSS_SELECTOR, "#differences tbody a").click()
        heading(driver, "学籍数背后的学生")
        check(len(driver.find_elements(By.CSS_SELECTOR, "#count-pupils li")) >= 1, "the pupils behind a registry count are listed")
        # The money: this month's meal claims and this term's funding, each a chart with its table.
        from_reports(driver, base, "hub-meals", "营养改善计划申领")
        check(len(driver.find_elements(By.CSS_SELECTOR, "#chart-meals svg rect")) >= 1 and len(driver.find_elements(By.CSS_SELECTOR, "#meal-claims tbody tr")) >= 1,
              "the pilot county's town and rural schools claim meals, drawn and tabled")
        shot(driver, "meals-zh", full=True)
        from_reports(driver, base, "hub-funding", "生均公用经费")
        check(len(driver.find_elements(By.CSS_SELECTOR, "#chart-funding svg rect")) >= 1 and len(driver.find_elements(By.CSS_SELECTOR, "#funding tbody tr")) >= 1,
              "the term's funding per school is drawn and tabled")
        shot(driver, "funding-zh", full=True)
        # The aid ledger: a payment recorded on the page, the same voucher refused, a bank list with one bad row.
        from_reports(driver, base, "hub-aid", "资助发放对账")
        fill(driver, {"school": "4101029001", "amount": "123.45", "reference": "BANK-0001"})
        submit(driver, "record-payment")
        check(shows(driver, "aid-ledger", "123.45") and len(driver.find_elements(By.CSS_SELECTOR, "#chart-aid svg rect")) >= 2,
              "the payment is in the ledger, and the demo's awards are drawn due beside paid")
        recorded = len(driver.find_elements(By.CSS_SELECTOR, "#aid-ledger tbody tr"))
        fill(driver, {"school": "4101029001", "amount": "10", "reference": "BANK-0001"})
        submit(driver, "record-payment")
        check(present(driver, "error-reference") and len(driver.find_elements(By.CSS_SELECTOR, "#aid-ledger tbody tr")) == recorded,
              "the same voucher twice is refused and says why")
        month = driver.find_element(By.ID, "month").get_attribute("value")
        term = driver.find_element(By.ID, "term").get_attribute("value")
        payments = os.path.join(tempfile.mkdtemp(prefix="xueji-payments-"), "发放清单.csv")
        with open(payments, "w", encoding="gb18030") as f:
            f.write(f"学校标识码,资助项目,学期,月份,金额（元）,支付日期,凭证号\n4101029001,生活补助,{term},{month},200,{month}-01,BANK-0002\n"
                    f"4101029001,生活补助,{term},{month},abc,{month}-01,BANK-0003\n")
        driver.find_element(By.ID, "file").send_keys(payments)
        submit(driver, "import-payments")
        check(present(driver, "imported") and len(driver.find_elements(By.CSS_SELECTOR, "#refused tbody tr")) == 1
              and shows(driver, "aid-ledger", "200.00"), "the GB18030 bank list records its good row and lists the bad one")
        shot(driver, "aid-ledger-zh", full=True)
        # Births for the projection, loaded on its page.
        births = os.path.join(tempfile.mkdtemp(prefix="xueji-births-"), "出生人口.csv")
        with open(births, "w", encoding="utf-8") as f:
            f.write("县级行政区划代码,出生年份,出生人数\n410102,2021,5000\n410102,2022,4800\n410103,2021,10\n")
        driver.get(base + "/reports/projection?county=410102")
        heading(driver, "在校生预测")
        driver.find_element(By.ID, "file").send_keys(births)
        submit(driver, "import-births")
        check(present(driver, "births-imported") and len(driver.find_elements(By.CSS_SELECTOR, "#refused tbody tr")) == 1,
              "the births of the county are written; another county's row is refused")
        # Migrant pupils: counts by county and the flows as a heat map, each with its table.
        from_reports(driver, base, "hub-migrants", "随迁子女")
        check(len(driver.find_elements(By.CSS_SELECTOR, "#chart-flows svg rect")) >= 1 and driver.find_elements(By.CSS_SELECTOR, "#chart-flows table"),
              "the migrant flows are drawn as a heat map beside their table")
        shot(driver, "migrants-zh", full=True)
        # 四查三比对: a household list with one child in no school and one unreadable row.
        _, someone = api(base, "GET", "/api/v1/pupils?region=410102&limit=1", cookie=api_login(base, "county-reviewer")[0])
        household = os.path.join(tempfile.mkdtemp(prefix="xueji-household-"), "户籍名单.csv")
        with open(household, "w", encoding="utf-8") as f:
            f.write("姓名,身份证号\n失学儿童," + valid_id("41010220170202973") + "\n错号,4101\n")
        from_reports(driver, base, "hub-household", "四查三比对")
        driver.find_element(By.ID, "household").send_keys(household)
        driver.find_element(By.ID, "compare").click()
        check(present(driver, "check-figures") and len(driver.find_elements(By.CSS_SELECTOR, "#out-of-school tbody tr")) == 1
              and len(driver.find_elements(By.CSS_SELECTOR, "#rejected tbody tr")) == 1, "the comparison finds the child in no school and lists the unreadable row")
        check("*" in driver.find_element(By.CSS_SELECTOR, "#out-of-school tbody tr").text, "the list shows the ID number masked")
        shot(driver, "household-check-zh", full=True)
        driver.find_element(By.ID, "nav-registrations").click()
        heading(driver, "新生学籍核准")
        pending = len(driver.find_elements(By.CSS_SELECTOR, "#registrations tbody tr"))
        check(pending >= 1, "the registrations of the day wait for the bureau")
        shot(driver, "registrations-zh")
        driver.find_element(By.ID, "approve-registrations").click()
        WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.ID, "outcome"))
        check(f"已核准 {pending}" in driver.find_element(By.ID, "outcome").text, "one press approves every ticked registration")
        logout(driver)

        # Graduation with a preview of the count, run, then reverted behind a confirmation.
        login(driver, base, "registrar")
        heading(driver, "今日待办")
        driver.find_element(By.ID, "nav-year-cycle").click()
        heading(driver, "升级与毕业")
        driver.find_element(By.ID, "action-graduate").click()
        driver.find_element(By.ID, "preview-button").click()
        WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.ID, "preview-moved"))
        expected = int(driver.find_element(By.ID, "preview-moved").text)
        _, sixth = api(base, "GET", "/api/v1/pupils?school=4101029001&grade=6&status=active&limit=500", cookie=cookie)
        check(expected == len(sixth["items"]) and expected > 0, "the preview counts the sixth-graders who would graduate")
        shot(driver, "year-cycle-preview-zh")
        driver.find_element(By.ID, "run").click()
        WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.ID, "batch"))
        _, after = api(base, "GET", "/api/v1/pupils?school=4101029001&grade=6&status=active&limit=500", cookie=cookie)
        check(after["items"] == [], "running it graduates them")
        driver.find_element(By.ID, "revert").click()
        # The answer has the same heading as the page it replaces: wait for the error itself.
        check(present(driver, "error-really") and heading(driver, "升级与毕业") == "升级与毕业", "a revert needs its confirmation ticked")
        driver.find_element(By.ID, "really").click()
        driver.find_element(By.ID, "revert").click()
        WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.ID, "reverted"))
        _, back = api(base, "GET", "/api/v1/pupils?school=4101029001&grade=6&status=active&limit=500", cookie=cookie)
        check(len(back["items"]) == expected, "the revert brings every graduate back")

        # Attendance: three school days in a row with one pupil marked unexcused raise a warning,
        # followed up on the alert's page.
        cookie, _ = api_login(base, "registrar")
        today = time.strftime("%Y-%m-%d", time.gmtime(time.time() + 8 * 3600))
        since = time.strftime("%Y-%m-%d", time.gmtime(time.time() + 8 * 3600 - 90 * 86400))
        _, days = api(base, "GET", f"/api/v1/schools/4101029001/school-days?from={since}&to={today}", cookie=cookie)
        last3 = [d for d in days["days"] if d < today][-3:]
        _, classes = api(base, "GET", "/api/v1/schools/4101029001/classes", cookie=cookie)
        class_id = classes["items"][0]["id"]
        driver.find_element(By.ID, "nav-attendance").click()
        heading(driver, "考勤登记")
        check(len(driver.find_elements(By.CSS_SELECTOR, "#classes tbody tr")) == len(classes["items"]), "the register page lists the school's classes")
        absent = None
        for day in last3:
            driver.get(base + f"/classes/{class_id}/attendance/{day}")
            WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.ID, "register"))
            radios = driver.find_elements(By.CSS_SELECTOR, "#register input[value=unexcused]")
            absent = absent or radios[0].get_attribute("name")
            driver.find_element(By.CSS_SELECTOR, f"input[name='{absent}'][value=unexcused]").click()
            driver.find_element(By.ID, "save-register").click()
            check(present(driver, "saved") and "缺勤 1" in driver.find_element(By.ID, "saved").text, f"the register of {day} is saved with one absence")
        shot(driver, "register-zh")
        check(present(driver, "new-alerts"), "the third unexcused day raises a dropout-control alert")
        driver.find_element(By.ID, "new-alerts").click()
        heading(driver, "控辍保学预警")
        shot(driver, "alerts-zh")
        driver.find_element(By.CSS_SELECTOR, "#alerts tbody a").click()
        WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.ID, "add-note"))
        driver.find_element(By.ID, "add-note").click()
        check(present(driver, "error-note"), "a follow-up needs a note")
        driver.find_element(By.ID, "note").send_keys("电话联系家长，明天返校")
        driver.find_element(By.CSS_SELECTOR, "#state option[value=contacted]").click()
        submit(driver, "add-note")
        check(shows(driver, "alert-state", "已联系") and shows(driver, "notes", "明天返校"), "the follow-up is recorded and the alert is contacted")
        shot(driver, "alert-zh")

        # Financial aid: the school applies for a pupil whose registration the county approved.
        driver.find_element(By.ID, "nav-aid").click()
        heading(driver, "学生资助")
        driver.find_element(By.ID, "pupil").send_keys(number)
        submit(driver, "apply")
        check(shows(driver, "applications", number) and shows(driver, "applications", "pending"), "the school applies for aid and the application waits for the county")
        shot(driver, "aid-zh", full=True)

        # A left-behind child's record: written by the school, a home visit logged.
        api_cookie, api_csrf = api_login(base, "registrar")
        with urllib.request.urlopen(urllib.request.Request(base + f"/api/v1/pupils/{number}", headers={"Cookie": f"xueji_session={api_cookie}"})) as r:
            etag = r.headers["ETag"]
        urllib.request.urlopen(urllib.request.Request(base + f"/api/v1/pupils/{number}", data=json.dumps({"left_behind": "1"}).encode(), method="PATCH",
                                                      headers={"Cookie": f"xueji_session={api_cookie}", "X-CSRF-Token": api_csrf, "If-Match": etag,
                                                               "Content-Type": "application/json"})).read()
        driver.get(base + "/pupils/" + number)
        WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.ID, "left-behind"))
        driver.find_element(By.ID, "left-behind").click()
        WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.ID, "save-record"))
        driver.find_element(By.CSS_SELECTOR, "#parents_away option[value=both]").click()
        for field, value in [("father_place", "广东省东莞市"), ("mother_place", "广东省东莞市"), ("carer_name", "王奶奶"), ("carer_relation", "祖母"),
                             ("carer_phone", "13900007777")]:
            element = driver.find_element(By.ID, field)
            element.clear()
            element.send_keys(value)
        driver.execute_script("document.getElementById('away_since').value = '2026-03-01'")
        submit(driver, "save-record")
        driver.find_element(By.ID, "note").send_keys("家访，学习生活正常")
        submit(driver, "add-contact")
        check(shows(driver, "contacts", "家访，学习生活正常"), "the school logs a home visit")
        _, kept = api(base, "GET", f"/api/v1/pupils/{number}/left-behind", cookie=api_cookie)
        check(kept["record"] is not None and kept["record"]["carer_name"] == "王奶奶" and kept["record"]["away_since"] == "2026-03-01",
              "the left-behind record written on the page is kept")
        shot(driver, "left-behind-zh", full=True)
        driver.get(base + "/reports")
        heading(driver, "统计报表")
        check(len(driver.find_elements(By.CSS_SELECTOR, "figure.chart svg")) == (3 if driver.find_elements(By.ID, "no-dropouts") else 5),
              "the reports page draws class sizes, the dropout month (or says it is empty) and both left-behind definitions")
        check(not driver.find_elements(By.ID, "class-size-targets"), "a school sees its classes, not a county's standing against the targets")
        check("%" in driver.find_element(By.ID, "large-share").text, "the share of large classes is given")
        shot(driver, "reports-zh", full=True)
        driver.find_element(By.ID, "hub-class-sizes").click()
        heading(driver, "班额与学校规模趋势")
        check(len(driver.find_elements(By.CSS_SELECTOR, "#chart-class-trend svg rect")) >= 1 and len(driver.find_elements(By.CSS_SELECTOR, "#size-trend tbody tr")) == 5,
              "class and school sizes are drawn for each of the last five 1 Septembers")

        # A school's registrar keeps its classes.
        driver.find_element(By.ID, "nav-classes").click()
        heading(driver, "新华小学 4101029001")
        fill(driver, {"grade": "1", "name": "一年级9班"})
        driver.find_element(By.ID, "create-class").click()
        check(shows(driver, "classes", "一年级9班"), "a new class appears in the school's list")
        logout(driver)

        # A county administrator creates accounts in its county only, never above its own role.
        login(driver, base, "zhengzhou-admin")
        heading(driver, "今日待办")
        driver.find_element(By.ID, "nav-admin").click()
        heading(driver, "学校管理")
        driver.find_element(By.ID, "admin-accounts").click()
        heading(driver, "账号管理")
        fill(driver, {"username": "new-registrar", "password": "a-long-new-password-1", "scope": "4101029002"})
        select(driver, "role", "school_registrar")
        driver.find_element(By.ID, "create-account").click()
        check(present(driver, "account-new-registrar"), "the new account is listed")
        fill(driver, {"username": "too-high", "password": "a-long-new-password-2", "scope": "000000"})
        select(driver, "role", "system_admin")
        driver.find_element(By.ID, "create-account").click()
        WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.ID, "form-error"))
        check(not driver.find_elements(By.ID, "account-too-high") and driver.find_element(By.ID, "password").get_attribute("value") == "",
              "granting a role above its own is refused, and the password is not echoed back")
        shot(driver, "accounts-zh")
        driver.find_element(By.CSS_SELECTOR, "#account-new-registrar button").click()
        check(shows(driver, "account-new-registrar", "已停用"), "an account is disabled with one press")

        # English throughout.
        driver.find_element(By.ID, "language").click()
        for path, title in [("/", "Today's tasks"), ("/problems", "Problem records"), ("/registrations", "Approve registrations"),
                            ("/year-cycle", "Promotion and graduation"), ("/admin/schools", "Schools"), ("/admin/accounts", "Accounts"),
                            ("/pupils", "Pupils"), ("/changes", "Changes waiting for me"), ("/alerts", "Dropout-control alerts"), ("/reports/migrants", "Migrant pupils"),
                            ("/checks/household", "Household-list comparison"), ("/reports", "Reports"),
                            ("/checks/statistics", "Reconciliation with the statistics"), ("/aid", "Financial aid"),
                            ("/reports/meals", "Nutrition plan claims"), ("/reports/funding", "Per-pupil public funding"),
                            ("/aid/ledger", "Aid reconciliation"), ("/reports/projection?county=410102", "Enrolment projection"),
                            ("/reports/projection", "Enrolment projection"), ("/reports/class-sizes", "Class and school sizes over the years")]:
            driver.get(base + path)
            check(heading(driver, title) == title, f"{path} reads in English")
            if path == "/reports/projection":
                check(present(driver, "outlook") and "Counties projected" in driver.find_element(By.ID, "outlook-summary").text,
                      "a prefecture sees every county's places outlook, and how many had too little history")
            if path in ("/reports/meals", "/reports/funding", "/aid/ledger", "/reports"):
                caption = driver.find_element(By.CSS_SELECTOR, "figure.chart figcaption").text
                check(caption.isascii() and len(driver.find_elements(By.CSS_SELECTOR, "figure.chart svg rect")) >= 1, f"{path} draws its chart in English ({caption})")
                shot(driver, path.strip("/").replace("/", "-") + "-en", full=True)
        shot(driver, "changes-en")
        driver.get(base + "/")
        heading(driver, "Today's tasks")
        shot(driver, "dashboard-zhengzhou-admin-en")
        driver.find_element(By.ID, "language").click()
        heading(driver, "今日待办")

        # A phone's width: nothing wider than the screen, the charts still drawn.
        driver.set_window_size(390, 844)
        for path, name in [("/", "dashboard"), ("/admin/accounts", "accounts"), ("/reports/meals", "meals"), ("/reports/funding", "funding"),
                           ("/aid/ledger", "aid-ledger"), ("/reports/class-sizes", "class-sizes")]:
            driver.get(base + path)
            time.sleep(0.3)
            overflow = driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
            check(overflow <= 1, f"{path} fits a phone's width (overflow {overflow}px)")
            shot(driver, f"{name}-phone-zh", full=True)
        driver.set_window_size(1366, 768)
    except Exception as e:   # a step that could not even run is a failure too, named, after the cleanup
        return finish(driver, server, work, crashed=e)
    return finish(driver, server, work)


if __name__ == "__main__":
    sys.exit(main())
