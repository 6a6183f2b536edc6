import Foundation
import XuejiCore
import XuejiHTTP
import XuejiServices
import XuejiStore

/// Reconciliation with the annual statistics and the county's census snapshots (issue 9).
struct ReconciliationRoutes {
    let context: RouteContext
    init(_ context: RouteContext) { self.context = context }

    var routes: [Route] {
        [
            Route("POST", "/api/v1/reconciliations", handler: context.authenticated { [context] request, actor in
                guard [.systemAdmin, .bureauAdmin, .bureauReviewer].contains(actor.role) else { throw DomainError.forbidden }
                guard let part = request.filePart("file") else {
                    throw DomainError.validation([FieldError(field: "file", code: "required", message: LocalizedText(zh: "请上传统计表。", en: "Upload the statistics table."))])
                }
                var region: Scope?
                if let text = request.formField("region"), !text.isEmpty {
                    guard text.count == 6, let code = DivisionCode(text) else { throw YearCycleRoutes.bad("region") }
                    region = .division(code)
                }
                let o = try context.reconciliation.compare(part.data, region: region, asOf: request.formField("as_of").flatMap { $0.isEmpty ? nil : $0 }, by: actor)
                let english = request.prefersEnglish
                return .json(["as_of": .string(o.asOf.description), "rows": .int(Int64(o.rows)), "matched": .int(Int64(o.matched)),
                              "differences": .array(o.differences.map { ["school": .string($0.school), "grade": .int(Int64($0.grade)), "sex": .string($0.sex),
                                                                         "statistics": .int(Int64($0.statistics)), "registry": .int(Int64($0.registry)),
                                                                         "difference": .int(Int64($0.registry - $0.statistics))] }),
                              "rejected": RefusedRows.json(o.rejected, english: english)])
            }),
            Route("GET", "/api/v1/reconciliations/pupils", handler: context.authenticated { [context] request, actor in
                let q = request.query
                guard let school = q["school"], let grade = q["grade"].flatMap({ Int($0) }), let sex = q["sex"], ["1", "2"].contains(sex) else {
                    throw DomainError.validation([FieldError(field: "school", code: "required", message: LocalizedText(zh: "请给出学校、年级、性别。", en: "Give school, grade and sex."))])
                }
                let pupils = try context.reconciliation.pupils(school: school, grade: grade, sex: sex, asOf: q["as_of"], by: actor)
                return .json(["items": .array(pupils.map { ["number": .string($0.number), "name": .string($0.name)] }), "next_cursor": nil])
            }),
            Route("POST", "/api/v1/census-snapshots", handler: context.authenticated { [context] request, actor in
                var body = try BodyReader(request)
                let county = body.string("county") ?? "", asOf = body.string("as_of", required: false)
                try body.finish()
                let (id, pupils) = try context.reconciliation.signOff(county: county, asOf: asOf, by: actor)
                return .json(["id": .int(id), "county": .string(county), "as_of": .string(asOf ?? context.reconciliation.defaultDate().description),
                              "pupils": .int(Int64(pupils))], status: 201)
            }),
            Route("GET", "/api/v1/census-snapshots/{county}", handler: context.authenticated { [context] request, actor in
                let (counts, corrections) = try context.reconciliation.snapshot(county: request.parameter("county"), asOf: request.query["as_of"], by: actor)
                let ordered = counts.sorted { ($0.key.school, $0.key.grade, $0.key.sex) < ($1.key.school, $1.key.grade, $1.key.sex) }
                let pupils = counts.values.reduce(0, +)
                return .json(["county": .string(request.parameter("county")), "pupils": .int(Int64(pupils)),
                              "counts": .array(ordered.map { ["school": .string($0.key.school), "grade": .int(Int64($0.key.grade)), "sex": .string($0.key.sex),
                                                              "pupils": .int(Int64($0.value))] }),
                              "corrections": .array(corrections.map(Self.json)),
                              "corrected_pupils": .int(Int64(pupils + corrections.map(\.delta).reduce(0, +)))])
            }),
            Route("POST", "/api/v1/census-snapshots/{county}/corrections", handler: context.authenticated { [context] request, actor in
                var body = try BodyReader(request)
                let asOf = body.string("as_of", required: false), school = body.string("school") ?? "", grade = body.int("grade") ?? 0
                let sex = body.string("sex") ?? "", delta = body.int("delta") ?? 0, reason = body.string("reason") ?? ""
                try body.finish()
                let c = try context.reconciliation.correct(county: request.parameter("county"), asOf: asOf, school: school, grade: grade, sex: sex,
                                                           delta: delta, reason: reason, by: actor)
                return .json(Self.json(c), status: 201)
            }),
        ]
    }

    static func json(_ c: CensusRepository.Correction) -> JSON {
        ["school": .string(c.count.school), "grade": .int(Int64(c.count.grade)), "sex": .string(c.count.sex), "delta": .int(Int64(c.delta)),
         "reason": .string(c.reason), "written_by": .string(c.writtenBy)]
    }
}
