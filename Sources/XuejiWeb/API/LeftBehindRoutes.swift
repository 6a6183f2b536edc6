import XuejiCore
import XuejiHTTP
import XuejiServices
import XuejiStore

/// The living record of a left-behind child and its contact log (issue 8).
struct LeftBehindRoutes {
    let context: RouteContext
    init(_ context: RouteContext) { self.context = context }

    static let fields = ["parents_away", "father_place", "mother_place", "away_since", "carer_name", "carer_relation", "carer_phone", "care_measures"]

    var routes: [Route] {
        [
            Route("GET", "/api/v1/pupils/{number}/left-behind", handler: context.authenticated { [context] request, actor in
                .json(Self.json(try context.leftBehind.get(request.parameter("number"), by: actor)))
            }),
            Route("PUT", "/api/v1/pupils/{number}/left-behind", handler: context.authenticated { [context] request, actor in
                var body = try BodyReader(request)
                var values: [String: String] = [:]
                for field in Self.fields { values[field] = body.string(field, required: false) }
                try body.finish()
                return .json(Self.json(try context.leftBehind.save(request.parameter("number"), fields: values, by: actor)))
            }),
            Route("POST", "/api/v1/pupils/{number}/left-behind/contacts", handler: context.authenticated { [context] request, actor in
                var body = try BodyReader(request)
                let day = body.string("day", required: false) ?? context.clock.today.description
                let kind = body.string("kind") ?? "", note = body.string("note") ?? ""
                try body.finish()
                return .json(Self.json(try context.leftBehind.addContact(request.parameter("number"), day: day, kind: kind, note: note, by: actor)), status: 201)
            }),
        ]
    }

    static func json(_ v: LeftBehindService.View) -> JSON {
        let record: JSON = v.record.map { r in
            ["parents_away": .string(r.parentsAway), "father_place": .string(r.fatherPlace), "mother_place": .string(r.motherPlace),
             "away_since": .string(r.awaySince.description), "carer_name": .string(r.carerName), "carer_relation": .string(r.carerRelation),
             "carer_phone": .string(r.carerPhone), "care_measures": .string(r.careMeasures)]
        } ?? .null
        return ["number": .string(v.number), "name": .string(v.name), "left_behind": .string(v.flag), "record": record,
                "contacts": .array(v.contacts.map { ["day": .string($0.day), "kind": .string($0.kind), "note": .string($0.note), "by": .string($0.author)] })]
    }
}
