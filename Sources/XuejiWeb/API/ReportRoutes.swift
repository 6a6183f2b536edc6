import XuejiCore
import XuejiHTTP
import XuejiServices

/// `GET /api/v1/reports/{name}?region=|school=&as_of=&format=json|csv|xlsx` (API.md "Monitoring,
/// programmes, reports"): aggregate tables of the caller's scope or a part of it. Analysts get
/// cells under 5 pupils hidden (null in JSON, "<5" in files).
struct ReportRoutes {
    let context: RouteContext
    init(_ context: RouteContext) { self.context = context }

    /// The reports by name: title and the header of the row labels.
    static let reports: [String: (title: LocalizedText, rowHeader: String)] = [
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

    var routes: [Route] {
        [
            Route("GET", "/api/v1/projections/{county}", handler: context.authenticated { [context] request, actor in
                // The detail has every raw count; analysts read the projection report, small cells hidden.
                guard actor.role != .analyst else { throw DomainError.forbidden }
                let p = try context.statistics.projection(county: request.parameter("county"), by: actor)
                let figure = { (v: Int?) -> JSON in v.map { .int(Int64($0)) } ?? .null }
                let demand = p.demand
                return .json([
                    "county": .string(request.parameter("county")), "base_year": .int(Int64(p.baseYear)),
                    "history": .array(p.model.history.map { .array($0.map { .int(Int64($0)) }) }),
                    "ratios": .array(p.model.ratios.map { $0.map { .double($0) } ?? .null }),
                    "entrants": .array(p.model.entrants.map { .int(Int64($0)) }),
                    "entrant_sources": .array(p.model.entrantSources.map { .string($0.rawValue) }),
                    "entry_ratio": p.model.entryRatio.map(JSON.double) ?? .null,
                    "years": .array((1...p.model.projected.count).map { .int(Int64(p.baseYear + $0)) }),
                    "projected": .array(p.model.projected.map { .array($0.map(figure)) }),
                    "demand": .array(demand.map { .int(Int64($0)) }), "capacity": .int(Int64(p.capacity)),
                    "over_capacity": .array(demand.enumerated().filter { $0.element > p.capacity }.map { .int(Int64(p.baseYear + $0.offset + 1)) }),
                ])
            }),
            Route("POST", "/api/v1/birth-cohorts/imports", handler: context.authenticated { [context] request, actor in
                guard let part = request.filePart("file") else {
                    throw DomainError.validation([FieldError(field: "file", code: "required", message: LocalizedText(zh: "请上传出生人口表。", en: "Upload the births list."))])
                }
                let o = try BirthCohorts(database: context.database, clock: context.clock).importList(part.data, by: actor)
                let english = request.prefersEnglish
                return .json(["rows": .int(Int64(o.rows)), "recorded": .int(Int64(o.recorded)), "replaced": .int(Int64(o.replaced)),
                              "rejected": RefusedRows.json(o.rejected, english: english)])
            }),
            Route("GET", "/api/v1/birth-cohorts/{county}", handler: context.authenticated { [context] request, actor in
                let births = try BirthCohorts(database: context.database, clock: context.clock).births(county: request.parameter("county"), by: actor)
                return .json(["county": .string(request.parameter("county")),
                              "items": .array(births.sorted { $0.key < $1.key }.map { ["birth_year": .int(Int64($0.key)), "children": .int(Int64($0.value))] })])
            }),
            Route("GET", "/api/v1/reports/{name}", handler: context.authenticated { [context] request, actor in
                let name = request.parameter("name")
                guard let report = Self.reports[name] else { throw DomainError.notFound(LocalizedText(zh: "该报表", en: "report")) }
                let q = request.query
                guard let format = ["json", "csv", "xlsx"].first(where: { $0 == (q["format"] ?? "json") }) else {
                    throw ExportRoutes.bad("format", "json | csv | xlsx")
                }
                let scope = try Self.scope(q)
                var asOf: CivilDate?
                if let text = q["as_of"] {
                    guard let date = CivilDate(text), date <= context.clock.today else {
                        throw DomainError.validation([FieldError(field: "as_of", code: "invalid_date",
                                                                 message: LocalizedText(zh: "日期格式为 YYYY-MM-DD，且不晚于今天。", en: "A date as YYYY-MM-DD, not after today."))])
                    }
                    asOf = date
                }
                guard ["province", "county", "school"].contains(q["level"] ?? "province") else { throw ExportRoutes.bad("level", "province | county | school") }
                var month: (Int, Int)?
                if ["funding", "aid-disbursement", "aid-reconciliation"].contains(name), let text = q["term"] {
                    // term=2026-1: the school year's autumn term (2 is spring).
                    month = try TermParameter.parse(text, default: (0, 0))
                } else if name != "aid-reconciliation", let text = q["month"] {
                    let parts = text.split(separator: "-")
                    guard parts.count == 2, let y = Int(parts[0]), let m = Int(parts[1]), (2000...2100).contains(y), (1...12).contains(m) else {
                        throw DomainError.validation([FieldError(field: "month", code: "invalid_date", message: LocalizedText(zh: "月份格式为 YYYY-MM。", en: "A month is YYYY-MM."))])
                    }
                    month = (y, m)
                }
                let table = try Self.table(name, scope: scope, asOf: asOf, byCounty: q["level"] == "county", bySchool: q["level"] == "school", month: month,
                                           query: q, actor: actor, context: context)
                if format == "json" { return .json(Self.json(name, table, scope: scope ?? actor.scope, asOf: asOf ?? context.clock.today)) }
                let bytes = try ReportFile.bytes(table, title: "\(report.title.zh) \(report.title.en) · \((scope ?? actor.scope).description) · \((asOf ?? context.clock.today).description)",
                                                 rowHeader: report.rowHeader, format: format == "csv" ? .csv : .xlsx)
                let type = format == "csv" ? "text/csv; charset=utf-8" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                return Response(status: 200, headers: [("Content-Type", type), ("Content-Disposition", "attachment; filename=\"\(name).\(format)\"")], body: bytes)
            }),
        ]
    }

    static func table(_ name: String, scope: Scope?, asOf: CivilDate?, byCounty: Bool = false, bySchool: Bool = false, month: (Int, Int)? = nil,
                      query: [String: String] = [:], actor: Actor, context: RouteContext) throws -> StatisticsService.Table {
        switch name {
        case "projection":
            guard case .division(let d)? = scope else {
                throw DomainError.validation([FieldError(field: "region", code: "required", message: LocalizedText(zh: "请给出县级行政区划代码。", en: "Give a county code."))])
            }
            return try context.statistics.projectionTable(county: d.rawValue, by: actor)
        case "aid-disbursement":
            let today = context.clock.today
            let (year, term) = month ?? SchoolTerm.of(today)
            return try context.statistics.aidDisbursement(in: scope, schoolYear: year, term: term, by: actor)
        case "capacity-outlook": return try context.statistics.capacityOutlookTable(in: scope, by: actor)
        case "aid-reconciliation":
            // term=YYYY-1|2 (default the current one), month=YYYY-MM of it, programme=living_subsidy|senior_grant.
            let (year, term) = month ?? SchoolTerm.of(context.clock.today)
            if let m = query["month"], m.utf8.count != 7 || CivilDate(m + "-01") == nil {
                throw DomainError.validation([FieldError(field: "month", code: "invalid_date", message: LocalizedText(zh: "月份格式为 YYYY-MM。", en: "A month is YYYY-MM."))])
            }
            return try context.statistics.aidReconciliation(in: scope, schoolYear: year, term: term, month: query["month"], programme: query["programme"], by: actor)
        case "funding":
            let today = context.clock.today
            let (year, term) = month ?? SchoolTerm.of(today)
            return try context.statistics.funding(in: scope, schoolYear: year, term: term, byCounty: byCounty, by: actor)
        case "meal-claims":
            let today = context.clock.today
            let (year, m) = month ?? (today.year, today.month)
            return try context.statistics.mealClaims(in: scope, year: year, month: m, byCounty: byCounty, by: actor)
        case "dropout-monthly":
            let today = context.clock.today
            let (year, m) = month ?? (today.year, today.month)
            return try context.statistics.dropoutMonthly(in: scope, year: year, month: m, by: actor)
        case "enrolment": return try context.statistics.enrolment(in: scope, asOf: asOf, by: actor)
        case "pending-changes": return try context.statistics.pendingChangesByAge(in: scope, by: actor)
        case "left-behind": return try context.statistics.leftBehind(in: scope, bySchool: bySchool, by: actor)
        case "school-sizes": return try context.statistics.schoolSizes(in: scope, asOf: asOf, by: actor)
        case "class-sizes": return try context.statistics.classSizes(in: scope, asOf: asOf, bySchool: bySchool, by: actor)
        case "class-size-targets": return try context.statistics.classSizeTargetsTable(in: scope, asOf: asOf, bySchool: bySchool, by: actor)
        case "migrants-by-school": return try context.statistics.migrantsBySchool(in: scope, by: actor)
        case "migrant-flows": return try context.statistics.migrantFlows(in: scope, byCounty: byCounty, by: actor)
        default: return try context.statistics.changesByMonth(in: scope, by: actor)
        }
    }

    /// `region` (a 2-, 4- or 6-digit division) or `school`; neither is the caller's own scope.
    static func scope(_ q: [String: String]) throws -> Scope? {
        if let school = q["school"] {
            guard let code = SchoolCode(school) else { throw YearCycleRoutes.bad("school") }
            return .school(code)
        }
        if let region = q["region"] {
            guard let code = DivisionCode(region) else { throw YearCycleRoutes.bad("region") }
            return .division(code)
        }
        return nil
    }

    static func json(_ name: String, _ t: StatisticsService.Table, scope: Scope, asOf: CivilDate) -> JSON {
        let figure = { (v: Int?) -> JSON in v.map { .int(Int64($0)) } ?? .null }
        let rows: [JSON] = t.rowLabels.enumerated().map { i, label in
            t.additiveRows ? ["label": .string(label), "cells": .array(t.cells[i].map(figure)), "total": figure(t.rowTotals[i])]
                           : ["label": .string(label), "cells": .array(t.cells[i].map(figure))]
        }
        return ["report": .string(name), "scope": .string(scope.description), "as_of": .string(asOf.description),
                "columns": .array(t.columnLabels.map { .string($0) }), "rows": .array(rows),
                "column_totals": .array(t.columnTotals.map(figure)), "total": t.additiveRows ? figure(t.total) : .null, "additive_rows": .bool(t.additiveRows),
                "suppressed": .bool(t.suppressed), "suppression_threshold": .int(Int64(SmallCellSuppression.threshold))]
    }
}
