#!/usr/bin/env python3
"""Browser tests of the web pages (issue 7), part 1: logging in, registering, searching, the
language switch, a four-party transfer through each party's inbox, importing from Excel and
exporting. Usage: test_pages.py PATH/TO/xueji. Exit 0 when every check passes, 1 otherwise."""
import os, sys, tempfile, urllib.error, urllib.parse, urllib.request

from harness import *

def main():
    work = tempfile.mkdtemp(prefix="xueji-browser-")
    server, base = start_server(work)
    driver = browser()
    try:
        driver.get(base + "/")
        check(url_ends(driver, "/login"), "an anonymous visitor is sent to the login page")
        check(heading(driver, "登录") == "登录", "the login page is in Chinese by default")
        shot(driver, "login-zh")

        login(driver, base, "registrar", "wrong-password")
        WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.CLASS_NAME, "error"))
        check("密码" in driver.find_element(By.CLASS_NAME, "error").text, "a wrong password is refused with a message in Chinese")

        login(driver, base, "registrar")
        check(heading(driver, "今日待办") == "今日待办", "the registrar lands on today's tasks")
        check("registrar" in driver.find_element(By.CLASS_NAME, "who").text, "the top bar names who is logged in")
        check(len(driver.find_elements(By.CSS_SELECTOR, "#tasks .card .figure")) == 5, "the registrar's dashboard shows five task cards")
        shot(driver, "dashboard-registrar-zh")

        # Registering a pupil: a wrong ID check digit is shown next to the field, then the right one is accepted.
        weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        body = "41010220200612022"
        right = body + "10X98765432"[sum(int(c) * w for c, w in zip(body, weights)) % 11]
        wrong = body + ("0" if right[-1] != "0" else "1")
        driver.find_element(By.ID, "nav-register").click()
        heading(driver, "新生建籍")
        values = {"name": "林小夏", "birth_date": "2020-06-12", "id_number": wrong, "birthplace": "410102", "native_place": "410102",
                  "hukou_place": "410102", "class": "一年级1班", "entry_date": "2026-09-01", "address": "郑州市中原区建设路1号",
                  "phone": "13812345678", "guardian_name": "林大", "guardian_phone": "13900001111"}
        for field, value in values.items():
            driver.find_element(By.ID, field).send_keys(value)
        for field, code in [("sex", "2"), ("hukou_nature", "2")]:
            driver.find_element(By.CSS_SELECTOR, f"#{field} option[value='{code}']").click()
        driver.find_element(By.ID, "preschool").click()
        driver.find_element(By.ID, "register").click()
        WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.ID, "error-id_number"))
        check(len(driver.find_elements(By.ID, "error-id_number")) == 1, "a wrong check digit is shown next to the ID field")
        check(driver.find_element(By.ID, "name").get_attribute("value") == "林小夏", "the values typed are kept")
        shot(driver, "register-error-zh")
        field = driver.find_element(By.ID, "id_number")
        field.clear()
        field.send_keys(right)
        driver.find_element(By.ID, "register").click()
        check((heading(driver, "林小夏 G" + right) or "").startswith("林小夏"), "the corrected registration opens the new pupil's page")
        _, registered = api(base, "GET", "/api/v1/pupils/G" + right, cookie=driver.get_cookie("xueji_session")["value"])
        check(registered["preschool"] is True and registered["only_child"] is False, "the ticked and unticked boxes are recorded")

        driver.find_element(By.ID, "nav-pupils").click()
        heading(driver, "学生")
        driver.find_element(By.ID, "grade").send_keys("1")
        driver.find_element(By.ID, "search").click()
        WebDriverWait(driver, 10).until(lambda d: "grade=1" in d.current_url)
        rows = driver.find_elements(By.CSS_SELECTOR, "#pupils tbody tr")
        check(len(rows) > 0 and all(r.find_elements(By.TAG_NAME, "td")[7].text.startswith("一年级") for r in rows),
              "the pupil search lists the school's first-graders")
        check(all("*" in r.find_elements(By.TAG_NAME, "td")[4].text for r in rows), "ID numbers are masked in the list")
        shot(driver, "pupils-registrar-zh")
        first = rows[0].find_element(By.TAG_NAME, "a")
        number, name = first.text, rows[0].find_elements(By.TAG_NAME, "td")[1].text
        first.click()
        check((heading(driver, f"{name} {number}") or "").startswith(name), "the pupil page opens with the pupil's name")
        check(len(driver.find_elements(By.CSS_SELECTOR, "#history li")) >= 1, "the pupil page shows the enrolment history")
        shot(driver, "pupil-registrar-zh")
        driver.get(base + "/")
        heading(driver, "今日待办")

        driver.find_element(By.ID, "language").click()
        check(heading(driver, "Today's tasks") == "Today's tasks", "the language switch shows English")
        driver.get(base + "/")
        check(heading(driver, "Today's tasks") == "Today's tasks", "English is remembered")
        shot(driver, "dashboard-registrar-en")
        driver.find_element(By.ID, "language").click()
        check(heading(driver, "今日待办") == "今日待办", "and Chinese comes back")

        driver.find_element(By.CSS_SELECTOR, "header form button").click()
        check(url_ends(driver, "/login") and heading(driver, "登录") == "登录", "logging out returns to the login page")
        # Another county's school cannot open this pupil: the page says "not found".
        login(driver, base, "registrar2")
        heading(driver, "今日待办")
        driver.get(base + "/pupils/" + number)
        check(heading(driver, "无法完成") == "无法完成" and "未找到" in driver.find_element(By.CLASS_NAME, "error").text,
              "a school outside the pupil's scope gets 'not found'")
        driver.find_element(By.CSS_SELECTOR, "header form button").click()
        url_ends(driver, "/login")
        driver.get(base + "/")
        check(url_ends(driver, "/login"), "after logging out the dashboard needs a login again")

        # A forged logout without the CSRF token does nothing.
        login(driver, base, "county-reviewer")
        heading(driver, "今日待办")
        cookie = driver.get_cookie("xueji_session")["value"]
        post_form(base, "/logout", {"csrf_token": "forged"}, cookie)
        driver.get(base + "/")
        check(heading(driver, "今日待办") == "今日待办", "a forged logout without the CSRF token leaves the session")
        check(len(driver.find_elements(By.ID, "card-registrations")) == 1, "a reviewer sees registrations to approve")
        shot(driver, "dashboard-reviewer-zh")
        logout(driver)

        # A four-party transfer: filed on the page by the receiving school, then decided in each inbox.
        cookie, _ = api_login(base, "registrar")
        _, found = api(base, "GET", "/api/v1/pupils?school=4101029001&grade=1&limit=1", cookie=cookie)
        number, name = found["items"][0]["number"], found["items"][0]["name"]
        certificate = os.path.join(tempfile.mkdtemp(prefix="xueji-cert-"), "转学证明.pdf")
        with open(certificate, "wb") as f:
            f.write(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
        login(driver, base, "registrar2")
        heading(driver, "今日待办")
        driver.find_element(By.ID, "nav-transfer").click()
        heading(driver, "办理转入")
        for field, value in [("pupil", number), ("name", name), ("to_grade", "1"), ("to_class", "一年级1班"), ("reason", "随父母工作调动")]:
            driver.find_element(By.ID, field).send_keys(value)
        driver.find_element(By.ID, "certificate").send_keys(certificate)
        shot(driver, "transfer-form-zh")
        driver.find_element(By.ID, "file-transfer").click()
        check(heading(driver, f"转学 · {name}") == f"转学 · {name}", "the receiving school files the transfer on the page")
        change = driver.current_url.rsplit("/", 1)[-1]
        check(driver.find_element(By.ID, "state").text == "pending" and len(driver.find_elements(By.CSS_SELECTOR, "#steps li.step-approved")) == 1,
              "the filed transfer waits for the next party")
        logout(driver)
        for user, next_state in [("county-reviewer2", "pending"), ("principal", "pending"), ("county-reviewer", "completed")]:
            login(driver, base, user)
            heading(driver, "今日待办")
            driver.find_element(By.ID, "nav-inbox").click()
            heading(driver, "待办异动")
            links = [a for a in driver.find_elements(By.CSS_SELECTOR, "#inbox a") if a.get_attribute("href").endswith(change)]
            check(len(links) == 1, f"the change waits in {user}'s inbox")
            if not links:
                break
            links[0].click()
            WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.ID, "approve"))
            if user == "county-reviewer2":
                driver.find_element(By.ID, "reject").click()   # a rejection needs a reason
                check(heading(driver, "无法完成") == "无法完成", "rejecting without a reason is refused with a message")
                driver.back()
                WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.ID, "approve"))
                shot(driver, "change-in-bureau-zh")
            token = driver.find_element(By.CSS_SELECTOR, "form.decide input[name=csrf_token]").get_attribute("value")
            driver.find_element(By.ID, "comment").send_keys("同意")
            driver.find_element(By.ID, "approve").click()
            WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.ID, "state") and not d.find_elements(By.ID, "approve"))
            check(driver.find_element(By.ID, "state").text == next_state, f"{user}'s approval leaves the change {next_state}")
            if user == "county-reviewer2":
                # The back button shows the decided state (the page is fetched again, without the forms) ...
                driver.back()
                WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.ID, "state"))
                check(not driver.find_elements(By.ID, "approve"), "after the decision, going back offers no decision again")
                # ... and the same form posted a second time changes nothing and says why.
                cookie = driver.get_cookie("xueji_session")["value"]
                status, _, text = post_form(base, f"/changes/{change}/approve", {"csrf_token": token, "comment": "again"}, cookie)
                check(status == 409 and "已由他人处理" in text, "a double-submitted decision changes nothing and says so")
            logout(driver)
        # Importing a class from Excel: upload, progress, the bad row with its column, the error file.
        login(driver, base, "registrar")
        heading(driver, "今日待办")
        driver.find_element(By.ID, "nav-import").click()
        heading(driver, "导入新生")
        xlsx = os.path.join(tempfile.mkdtemp(prefix="xueji-xlsx-"), "新生.xlsx")
        template_xlsx(xlsx)
        driver.find_element(By.ID, "file").send_keys(xlsx)
        driver.find_element(By.ID, "upload").click()
        check(heading(driver, "导入结果", timeout=30) == "导入结果", "the import runs and shows its result")
        check(driver.find_element(By.ID, "accepted").text == "2" and driver.find_element(By.ID, "rejected").text == "1",
              "two rows are accepted and one rejected")
        cells = [td.text for td in driver.find_elements(By.CSS_SELECTOR, "#errors tbody td")]
        check(len(cells) >= 3 and cells[0] == "3" and cells[1] == "联系电话", "the bad row is listed with its column")
        shot(driver, "import-result-zh")
        href = driver.find_element(By.ID, "errors-csv").get_attribute("href")
        cookie = driver.get_cookie("xueji_session")["value"]
        with urllib.request.urlopen(urllib.request.Request(href, headers={"Cookie": f"xueji_session={cookie}"})) as r:
            text = r.read().decode("utf-8-sig")
        check("错误原因" in text and "周小雷" in text, "the error file downloads with the bad row and its reason")
        # Exporting: the form sends its fields to the export API, which answers with the file.
        driver.find_element(By.ID, "nav-export").click()
        heading(driver, "导出学生名单")
        form = driver.find_element(By.ID, "export")
        check(form.get_attribute("action").endswith("/api/v1/exports/pupils") and driver.find_element(By.ID, "reason").get_attribute("required") is not None,
              "the export form asks for a reason and sends it to the export API")
        with urllib.request.urlopen(urllib.request.Request(base + "/api/v1/exports/pupils?grade=1&format=csv&reason=" + urllib.parse.quote("核对名单"),
                                                           headers={"Cookie": f"xueji_session={cookie}"})) as r:
            exported = r.read().decode("utf-8-sig")
        check(exported.startswith("导出人：registrar") and "********" in exported, "the export names its exporter and masks ID numbers")
        logout(driver)

        login(driver, base, "registrar2")
        heading(driver, "今日待办")
        driver.get(base + "/changes/" + change)
        WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.ID, "steps"))
        check(len(driver.find_elements(By.CSS_SELECTOR, "#steps li.step-approved")) == 4, "all four steps are approved")
        shot(driver, "change-completed-zh")
    except Exception as e:   # a step that could not even run is a failure too, named, after the cleanup
        return finish(driver, server, work, crashed=e)
    return finish(driver, server, work)


if __name__ == "__main__":
    sys.exit(main())
