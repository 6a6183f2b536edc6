import XuejiCore
import XuejiHTTP
import XuejiServices
import XuejiStore

/// Promotion, graduation and reverting batches (API.md "School-year cycle and batches").
struct YearCycleRoutes {
    let context: RouteContext
    init(_ context: RouteContext) { self.context = context }

    var routes: [Route] {
        [
            Route("POST", "/api/v1/year-cycle/promotions", handler: context.authenticated { [context] request, actor in
                let (year, scope, dryRun, _, _) = try Self.body(request, actor)
                let o = try context.yearCycle.promote(schoolYear: year, scope: scope, dryRun: dryRun, by: actor)
                return .json(["batch": JSON(o.batch), "promoted": .int(Int64(o.moved)), "skipped": .int(Int64(o.skipped)), "dry_run": .bool(dryRun)])
            }),
            Route("POST", "/api/v1/year-cycle/graduations", handler: context.authenticated { [context] request, actor in
                let (year, scope, dryRun, completed, leftEarly) = try Self.body(request, actor)
                let o = try context.yearCycle.graduate(schoolYear: year, scope: scope, completed: completed, leftEarly: leftEarly, dryRun: dryRun, by: actor)
                return .json(["batch": JSON(o.batch), "graduated": .int(Int64(o.moved)), "late": .bool(o.late), "dry_run": .bool(dryRun)])
            }),
            Route("POST", "/api/v1/year-cycle/cohort-moves", handler: context.authenticated { [context] request, actor in
                guard [.systemAdmin, .bureauAdmin, .bureauReviewer].contains(actor.role) else { throw DomainError.forbidden }
                var body = try BodyReader(request)
                let from = body.string("from_school"), to = body.string("to_school"), grade = body.int("grade")
                let toGrade = body.int("to_grade", required: false), dryRun = body.bool("dry_run") ?? false
                try body.finish()
                guard let fromCode = from.flatMap(SchoolCode.init) else { throw Self.bad("from_school") }
                guard let toCode = to.flatMap(SchoolCode.init) else { throw Self.bad("to_school") }
                let o = try context.yearCycle.moveCohort(from: fromCode, grade: grade ?? 0, to: toCode, toGrade: toGrade, dryRun: dryRun, by: actor)
                return .json(["batch": JSON(o.batch), "moved": .int(Int64(o.moved)), "skipped": .array(o.skipped.map { .string($0) }), "dry_run": .bool(dryRun)])
            }),
            Route("POST", "/api/v1/batches/{id}/revert", handler: context.authenticated { [context] request, actor in
                let r = try context.batches.revert(request.parameter("id"), by: actor)
                return .json(["batch": .string(r.batch), "kind": .string(r.kind), "reverted": .int(Int64(r.pupils)), "state": "reverted"])
            }),
        ]
    }

    /// `{"school_year", "region"|"school", "dry_run", "completed": [numbers], "left_early": [numbers]}`;
    /// without region or school, the caller's own scope.
    static func body(_ request: Request, _ actor: Actor) throws -> (Int, Scope, Bool, Set<String>, Set<String>) {
        var body = try BodyReader(request)
        let year = body.int("school_year")
        let region = body.string("region", required: false), school = body.string("school", required: false)
        let dryRun = body.bool("dry_run") ?? false
        let completed = body.object["completed"] == nil ? [] : (body.strings("completed") ?? [])
        let leftEarly = body.object["left_early"] == nil ? [] : (body.strings("left_early") ?? [])
        try body.finish()
        var scope = actor.scope
        if let school {
            guard let code = SchoolCode(school) else { throw bad("school") }
            scope = .school(code)
        } else if let region {
            guard let code = DivisionCode(region), region.count == 6 else { throw bad("region") }
            scope = .division(code)
        }
        return (year ?? 0, scope, dryRun, Set(completed), Set(leftEarly))
    }

    static func bad(_ field: String) -> DomainError {
        DomainError.validation([FieldError(field: field, code: "invalid_code", message: LocalizedText(zh: "代码无效。", en: "Invalid code."))])
    }
}
