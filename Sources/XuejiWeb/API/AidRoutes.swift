import XuejiCore
import XuejiHTTP
import XuejiServices
import XuejiStore

/// Financial aid applications and decisions (issue 9).
struct AidRoutes {
    let context: RouteContext
    init(_ context: RouteContext) { self.context = context }

    var routes: [Route] {
        [
            Route("POST", "/api/v1/aid/applications", handler: context.authenticated { [context] request, actor in
                guard actor.role == .schoolRegistrar else { throw DomainError.forbidden }
                var body = try BodyReader(request)
                let pupil = body.string("pupil") ?? "", programme = body.string("programme") ?? "", hardship = body.string("hardship") ?? ""
                let year = body.int("school_year") ?? 0, term = body.int("term") ?? 0, tier = body.int("tier", required: false) ?? 0
                try body.finish()
                let a = try context.aid.apply(number: pupil, programme: programme, schoolYear: year, term: term, hardship: hardship, tier: tier, by: actor)
                return .json(Self.json(a), status: 201)
            }),
            Route("GET", "/api/v1/aid/programmes", handler: context.authenticated { [context] request, actor in
                // The catalogue with what one term's award is worth on the day, in the caller's province (national where it has none).
                let province: String = { if case .division(let d) = actor.scope, d != .nation { return d.province }
                                         if case .school(let code) = actor.scope { return String(code.rawValue.prefix(2)) }
                                         return "00" }()
                let today = context.clock.today
                let rates = RateBook(try context.programmes.rates(programme: nil))
                let award = { (programme: String, grade: Int, boarder: Bool, tier: Int) -> JSON in
                    AidProgrammes.termAward(programme: programme, grade: grade, boarder: boarder, tier: tier, rates: rates, province: province, on: today).map { .int($0) } ?? .null
                }
                let english = request.prefersEnglish
                return .json(["items": .array(AidProgrammes.catalogue.map { p in
                    let amounts: JSON = p.code == "living_subsidy"
                        ? ["primary_boarder": award(p.code, 1, true, 0), "primary_day": award(p.code, 1, false, 0),
                           "junior_boarder": award(p.code, 7, true, 0), "junior_day": award(p.code, 7, false, 0)]
                        : ["tier_1": award(p.code, 10, false, 1), "tier_2": award(p.code, 10, false, 2), "tier_3": award(p.code, 10, false, 3)]
                    return ["code": .string(p.code), "name": .string(english ? p.name.en : p.name.zh), "grades": .array([.int(Int64(p.grades.lowerBound)), .int(Int64(p.grades.upperBound))]),
                            "term_award_fen": amounts, "source": .string(p.source)]
                }), "hardship": .array(AidProgrammes.hardship.sorted { $0.key < $1.key }.map { ["code": .string($0.key), "name": .string(english ? $0.value.en : $0.value.zh)] }),
                    "province": .string(province), "on": .string(today.description)])
            }),
            Route("GET", "/api/v1/aid/applications", handler: context.authenticated { [context] request, actor in
                .json(["items": .array(try context.aid.list(by: actor, state: request.query["state"]).map(Self.json)), "next_cursor": nil])
            }),
            Route("GET", "/api/v1/aid/awards", handler: context.authenticated { [context] request, actor in
                let (year, term) = try TermParameter.parse(request.query["term"] ?? "", default: (0, 0))
                let bytes = try context.aid.export(schoolYear: year, term: term, reason: request.query["reason"] ?? "", by: actor)
                return Response(status: 200, headers: [("Content-Type", "text/csv; charset=utf-8"), ("Content-Disposition", "attachment; filename=\"aid-awards.csv\"")], body: bytes)
            }),
            Route("POST", "/api/v1/aid/applications/{id}/{action}", handler: context.authenticated { [context] request, actor in
                let action = request.parameter("action")
                guard action == "approve" || action == "reject" else { throw DomainError.notFound(LocalizedText(zh: "该操作", en: "action")) }
                guard actor.role == .bureauReviewer || actor.role == .systemAdmin else { throw DomainError.forbidden }
                var body = try BodyReader(request)
                let reason = body.string("reason", required: false)
                try body.finish()
                return .json(Self.json(try context.aid.decide(request.parameter("id"), approve: action == "approve", reason: reason, by: actor)))
            }),
        ]
    }

    static func json(_ a: AidApplication) -> JSON {
        ["id": .string(a.publicID), "pupil": .string(a.pupilNumber), "name": .string(a.pupilName), "programme": .string(a.programme),
         "school_year": .int(Int64(a.schoolYear)), "term": .int(Int64(a.term)), "hardship": .string(a.hardship), "tier": .int(Int64(a.tier)),
         "amount_fen": .int(a.amountFen), "state": .string(a.state), "school": .string(a.school)]
    }
}
