import XuejiCore

/// The aggregate reports by name, one place for the API (`GET /api/v1/reports/{name}`) and the
/// command line (`xueji report NAME`): their titles, the parameters they read, and the table each
/// gives the reader (inside the reader's scope, analysts' small cells hidden by `StatisticsService`).
public enum ReportCatalogue {
    /// The reports by name: title and the header of the row labels.
    public static let reports: [String: (title: LocalizedText, rowHeader: String)] = [
        "enrolment": (LocalizedText(zh: "在校学生数（按年级、性别）", en: "Pupils in school by grade and sex"), "年级 grade"),
        "pending-changes": (LocalizedText(zh: "待审核异动（按已等待天数）", en: "Changes waiting, by days since filing"), "状态 state"),
        "changes-by-month": (LocalizedText(zh: "每月提交的异动", en: "Changes filed per month"), ""),
        "dropout-monthly": (LocalizedText(zh: "控辍保学月报（新增、劝返、确认辍学、仍未返校）", en: "Dropout control, monthly: new, returned, confirmed, still out"), "县 county"),
        "left-behind": (LocalizedText(zh: "留守儿童（学籍口径3个月、统计口径6个月、有档案、久未联系）", en: "Left-behind children: registry (3 months), statistics (6 months), with a record, no recent contact"), "县 county"),
        "migrants-by-school": (LocalizedText(zh: "各校随迁子女（其中外省、农业户口）", en: "Migrant pupils by school (of whom from another province, agricultural household)"), "学校 school"),
        "class-sizes": (LocalizedText(zh: "班额（≤45、46–55、56–65大班额、≥66超大班额，班级数）", en: "Class sizes (classes of up to 45, 46–55, 56–65 large, 66+ super-large)"), "县 county / 学校 school"),
        "class-size-targets": (LocalizedText(zh: "班额对照目标（每县：班级、大班额、超大班额、千分比与目标、是否超标、致超标学校数）", en: "Class sizes against the targets (per county: classes, large, super-large, per mille and targets, over, schools pushing it over)"), "县 county / 学校 school"),
        "meal-claims": (LocalizedText(zh: "营养改善计划月度申领（分）", en: "Nutrition plan: claims of the month (fen)"), "学校 school / 县 county"),
        "funding": (LocalizedText(zh: "生均公用经费（学期，分）", en: "Per-pupil public funding of a term (fen)"), "学校 school / 县 county"),
        "capacity-outlook": (LocalizedText(zh: "学位预警（各县容量、今后5学年需求、首个不足学年）", en: "Places outlook (per county: capacity, demand in the next five school years, the first year short)"), "县 county"),
        "projection": (LocalizedText(zh: "在校生预测（按年级，今后5学年）", en: "Enrolment projection by grade, next five school years"), "年级 grade"),
        "aid-disbursement": (LocalizedText(zh: "资助发放（学期，分）", en: "Aid paid out in a term (fen)"), "学校 school"),
        "aid-reconciliation": (LocalizedText(zh: "资助对账：应发、实发、差额（分）", en: "Aid reconciliation: due, paid, difference (fen)"), "学校 school"),
        "school-sizes": (LocalizedText(zh: "学校规模（学校数；高中超过3000人为超大规模）", en: "School sizes (schools; senior schools above 3,000 are super-large)"), "县 county"),
        "migrant-flows": (LocalizedText(zh: "随迁子女流向（户籍地 → 就读县）", en: "Migrant pupils: household place → school county"), "户籍地 origin"),
    ]

    /// What a report request says besides its name, checked.
    public struct Parameters: Sendable {
        public var scope: Scope?
        public var asOf: CivilDate?
        public var level = "province"
        /// A term (school year, 1 | 2) for the term reports, a month (year, month) for the monthly ones.
        public var period: (Int, Int)?
        /// The query as written, for what only one report reads (aid-reconciliation's month, programme).
        public var query: [String: String] = [:]
    }

    /// Reads `region` | `school`, `as_of`, `level`, `term` and `month` as the API and the command line
    /// write them; a malformed one is a 422 naming its field.
    public static func parameters(for name: String, _ q: [String: String], today: CivilDate) throws -> Parameters {
        var p = Parameters()
        p.query = q
        p.scope = try scope(q)
        if let text = q["as_of"] {
            guard let date = CivilDate(text), date <= today else {
                throw DomainError.validation([FieldError(field: "as_of", code: "invalid_date",
                                                         message: LocalizedText(zh: "日期格式为 YYYY-MM-DD，且不晚于今天。", en: "A date as YYYY-MM-DD, not after today."))])
            }
            p.asOf = date
        }
        p.level = q["level"] ?? "province"
        guard ["province", "county", "school"].contains(p.level) else {
            throw DomainError.validation([FieldError(field: "level", code: "invalid_filter", message: LocalizedText(zh: "可选值：province | county | school。", en: "One of province | county | school."))])
        }
        if ["funding", "aid-disbursement", "aid-reconciliation"].contains(name), let text = q["term"] {
            // term=2026-1: the school year's autumn term (2 is spring).
            p.period = try TermParameter.parse(text, default: (0, 0))
        } else if name != "aid-reconciliation", let text = q["month"] {
            let parts = text.split(separator: "-")
            guard parts.count == 2, let y = Int(parts[0]), let m = Int(parts[1]), (2000...2100).contains(y), (1...12).contains(m) else {
                throw DomainError.validation([FieldError(field: "month", code: "invalid_date", message: LocalizedText(zh: "月份格式为 YYYY-MM。", en: "A month is YYYY-MM."))])
            }
            p.period = (y, m)
        }
        return p
    }

    /// The named report's table for the reader (its scope, its small-cell rule).
    public static func table(_ name: String, _ p: Parameters, statistics: StatisticsService, today: CivilDate, actor: Actor) throws -> StatisticsService.Table {
        let (scope, asOf, month, query) = (p.scope, p.asOf, p.period, p.query)
        let byCounty = p.level == "county", bySchool = p.level == "school"
        switch name {
        case "projection":
            guard case .division(let d)? = scope else {
                throw DomainError.validation([FieldError(field: "region", code: "required", message: LocalizedText(zh: "请给出县级行政区划代码。", en: "Give a county code."))])
            }
            return try statistics.projectionTable(county: d.rawValue, by: actor)
        case "aid-disbursement":
                        let (year, term) = month ?? SchoolTerm.of(today)
            return try statistics.aidDisbursement(in: scope, schoolYear: year, term: term, by: actor)
        case "capacity-outlook": return try statistics.capacityOutlookTable(in: scope, by: actor)
        case "aid-reconciliation":
            // term=YYYY-1|2 (default the current one), month=YYYY-MM of it, programme=living_subsidy|senior_grant.
            let (year, term) = month ?? SchoolTerm.of(today)
            if let m = query["month"], m.utf8.count != 7 || CivilDate(m + "-01") == nil {
                throw DomainError.validation([FieldError(field: "month", code: "invalid_date", message: LocalizedText(zh: "月份格式为 YYYY-MM。", en: "A month is YYYY-MM."))])
            }
            return try statistics.aidReconciliation(in: scope, schoolYear: year, term: term, month: query["month"], programme: query["programme"], by: actor)
        case "funding":
                        let (year, term) = month ?? SchoolTerm.of(today)
            return try statistics.funding(in: scope, schoolYear: year, term: term, byCounty: byCounty, by: actor)
        case "meal-claims":
                        let (year, m) = month ?? (today.year, today.month)
            return try statistics.mealClaims(in: scope, year: year, month: m, byCounty: byCounty, by: actor)
        case "dropout-monthly":
                        let (year, m) = month ?? (today.year, today.month)
            return try statistics.dropoutMonthly(in: scope, year: year, month: m, by: actor)
        case "enrolment": return try statistics.enrolment(in: scope, asOf: asOf, by: actor)
        case "pending-changes": return try statistics.pendingChangesByAge(in: scope, by: actor)
        case "left-behind": return try statistics.leftBehind(in: scope, bySchool: bySchool, by: actor)
        case "school-sizes": return try statistics.schoolSizes(in: scope, asOf: asOf, by: actor)
        case "class-sizes": return try statistics.classSizes(in: scope, asOf: asOf, bySchool: bySchool, by: actor)
        case "class-size-targets": return try statistics.classSizeTargetsTable(in: scope, asOf: asOf, bySchool: bySchool, by: actor)
        case "migrants-by-school": return try statistics.migrantsBySchool(in: scope, by: actor)
        case "migrant-flows": return try statistics.migrantFlows(in: scope, byCounty: byCounty, by: actor)
        default: return try statistics.changesByMonth(in: scope, by: actor)
        }
    }

    /// `region` (a 2-, 4- or 6-digit division) or `school`; neither is the caller's own scope.
    static func scope(_ q: [String: String]) throws -> Scope? {
        if let school = q["school"] {
            guard let code = SchoolCode(school) else { throw invalid("school") }
            return .school(code)
        }
        if let region = q["region"] {
            guard let code = DivisionCode(region) else { throw invalid("region") }
            return .division(code)
        }
        return nil
    }

    static func invalid(_ field: String) -> DomainError {
        DomainError.validation([FieldError(field: field, code: "invalid_code", message: LocalizedText(zh: "代码无效。", en: "Invalid code."))])
    }
}

/// A term as the API, the pages and the command line write it: `YYYY-1` (the school year's autumn
/// term) or `YYYY-2` (its spring term).
public enum TermParameter {
    public static func parse(_ text: String?, default fallback: (Int, Int)) throws -> (Int, Int) {
        guard let text else { return fallback }
        let parts = text.split(separator: "-")
        guard parts.count == 2, let year = Int(parts[0]), let term = Int(parts[1]), (2000...2100).contains(year), (1...2).contains(term) else {
            throw DomainError.validation([FieldError(field: "term", code: "invalid_term", message: LocalizedText(zh: "学期格式为 YYYY-1 或 YYYY-2。", en: "A term is YYYY-1 or YYYY-2."))])
        }
        return (year, term)
    }
}
