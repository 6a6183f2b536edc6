import XuejiCore
import XuejiHTTP
import XuejiServices

/// `GET /api/v1/reports/{name}?region=|school=&as_of=&format=json|csv|xlsx` (API.md "Monitoring,
/// programmes, reports"): aggregate tables of the caller's scope or a part of it. Analysts get
/// cells under 5 pupils hidden (null in JSON, "<5" in files).
struct ReportRoutes {
    let context: RouteContext
    init(_ context: RouteContext) { self.context = context }

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
                guard let report = ReportCatalogue.reports[name] else { throw DomainError.notFound(LocalizedText(zh: "该报表", en: "report")) }
                let q = request.query
                guard let format = ["json", "csv", "xlsx"].first(where: { $0 == (q["format"] ?? "json") }) else {
                    throw ExportRoutes.bad("format", "json | csv | xlsx")
                }
                let p = try ReportCatalogue.parameters(for: name, q, today: context.clock.today)
                let (scope, asOf) = (p.scope, p.asOf)
                let table = try ReportCatalogue.table(name, p, statistics: context.statistics, today: context.clock.today, actor: actor)
                if format == "json" { return .json(Self.json(name, table, scope: scope ?? actor.scope, asOf: asOf ?? context.clock.today)) }
                let bytes = try ReportFile.bytes(table, title: "\(report.title.zh) \(report.title.en) · \((scope ?? actor.scope).description) · \((asOf ?? context.clock.today).description)",
                                                 rowHeader: report.rowHeader, format: format == "csv" ? .csv : .xlsx)
                let type = format == "csv" ? "text/csv; charset=utf-8" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                return Response(status: 200, headers: [("Content-Type", type), ("Content-Disposition", "attachment; filename=\"\(name).\(format)\"")], body: bytes)
            }),
        ]
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
