import XuejiCore
import XuejiHTTP
import XuejiServices
import XuejiStore

/// The class register (考勤) for a school day: the school's classes with a date, then one screen per
/// class where each pupil is present unless one click says otherwise (a radio group per pupil, so the
/// keyboard's arrows move through the marks). Saving records the day and says which dropout alerts
/// it raised.
enum AttendancePages {
    static let marks: [(AttendanceMark, LocalizedText)] = [
        (.present, LocalizedText(zh: "出勤", en: "Present")), (.unexcused, LocalizedText(zh: "旷课", en: "Unexcused")),
        (.sick, LocalizedText(zh: "病假", en: "Sick")), (.personal, LocalizedText(zh: "事假", en: "Personal")),
        (.late, LocalizedText(zh: "迟到", en: "Late")),
    ]

    static func classes(_ request: Request, identity: SessionIdentity, context: RouteContext) throws -> Response {
        let en = PageLayout.english(request), t = { (zh: String, e: String) in en ? e : zh }
        guard case .school(let school) = identity.actor.scope else { throw DomainError.forbidden }
        let today = context.clock.today
        let day = request.query["date"].flatMap(CivilDate.init) ?? today
        let classes = try context.schools.classes(school: school.rawValue, by: identity.actor)
        let rows: [HTML] = classes.map { c in
            "<tr><td>\(c.grade)</td><td><a href=\"/classes/\(c.id)/attendance/\(day.description)\">\(c.name)</a></td></tr>"
        }
        let body: HTML = """
            <h1>\(t("考勤登记", "Attendance"))</h1>
            <form method="get" action="/attendance" class="search"><label for="date">\(t("日期", "Date"))</label>
            <input type="date" id="date" name="date" value="\(day.description)" max="\(today.description)">
            <p><button type="submit" id="choose-date">\(t("选择", "Choose"))</button></p></form>
            <table id="classes"><thead><tr><th>\(t("年级", "Grade"))</th><th>\(t("班级", "Class"))</th></tr></thead><tbody>\(rows.joined())</tbody></table>
            """
        return PageLayout.render(request, title: LocalizedText(zh: "考勤登记", en: "Attendance"), viewer: PageLayout.viewer(identity), body: body)
    }

    static func register(_ request: Request, classID: String, day: String, identity: SessionIdentity, context: RouteContext,
                         error: DomainError? = nil, status: Int = 200) throws -> Response {
        let kit = FormKit(request, values: [:], error: error)
        let register = try context.attendance.register(classID: classID, day: day, by: identity.actor)
        let q = request.query
        let saved: HTML = q["saved"] == "1" ? """
            <p class="ok" role="status" id="saved">\(kit.t("已保存", "Saved")): \(kit.t("出勤", "present")) \(q["present"] ?? "0") · \(kit.t("缺勤", "absent")) \(q["absent"] ?? "0")\
            \(q["alerts"].flatMap(Int.init).map { $0 > 0 ? HTML(trusted: " · <a href=\"/alerts\" class=\"error\" id=\"new-alerts\">" + HTML.escape(kit.t("新预警 \($0) 条", "\($0) new alerts")) + "</a>") : "" } ?? "")</p>
            """ : ""
        let rows: [HTML] = register.pupils.map { p in
            let current = p.mark == .unrecorded ? AttendanceMark.present : p.mark
            let choices: [HTML] = marks.map { mark, label in
                """
                <label class="mark"><input type="radio" name="m_\(p.number)" value="\(mark.name)" id="m_\(p.number)_\(mark.name)"\(mark == current ? HTML(trusted: " checked") : "")> \(kit.en ? label.en : label.zh)</label>
                """
            }
            return "<tr><td>\(p.name)</td><td><fieldset class=\"marks\"><legend class=\"visually-hidden\">\(p.name)</legend>\(choices.joined())</fieldset></td></tr>"
        }
        let body: HTML = """
            <h1>\(kit.t("考勤", "Register")) · \(register.className) · \(register.day.description)</h1>\(saved)\(kit.top)
            <p class="note">\(register.taken ? kit.t("当天已登记；再次保存将替换原记录（记入审计日志）。", "Taken already; saving again replaces it (audited).")
                                              : kit.t("默认全部出勤，只需点选缺勤的学生。", "Everyone is present unless you mark otherwise."))</p>
            <form method="post" action="/classes/\(register.classID)/attendance/\(register.day.description)">\(FormKit.csrf(identity.csrfToken))
            <table id="register"><thead><tr><th>\(kit.t("姓名", "Name"))</th><th>\(kit.t("出勤情况", "Attendance"))</th></tr></thead><tbody>\(rows.joined())</tbody></table>
            <p><button type="submit" id="save-register">\(kit.t("保存考勤", "Save the register"))</button> <a href="/attendance?date=\(register.day.description)">\(kit.t("返回班级列表", "Back to the classes"))</a></p></form>
            """
        return PageLayout.render(request, title: LocalizedText(zh: "考勤", en: "Register"), viewer: PageLayout.viewer(identity), body: body, status: status)
    }

    static func save(_ request: Request, classID: String, day: String, identity: SessionIdentity, context: RouteContext) throws -> Response {
        let form = request.form
        guard Authenticator.constantTimeEqual(form["csrf_token"] ?? "", identity.csrfToken) else { throw Authenticator.csrfMissing }
        let absences = form.filter { $0.key.hasPrefix("m_") && $0.value != "present" }.map { (pupil: String($0.key.dropFirst(2)), kind: $0.value) }
            .sorted { $0.pupil < $1.pupil }
        do {
            let recorded = try context.attendance.record(classID: classID, day: day, absences: absences, by: identity.actor)
            return PageLayout.redirect("/classes/\(classID)/attendance/\(day)?saved=1&present=\(recorded.present)&absent=\(recorded.absent)&alerts=\(recorded.alertsOpened.count)")
        } catch let e as DomainError where e.kind == .invalid {
            return try register(request, classID: classID, day: day, identity: identity, context: context, error: e, status: 422)
        }
    }
}
