import XuejiCore
import XuejiHTTP
import XuejiServices

/// Programme rates (effective-dated, in fen) and the nutrition plan's pilot counties (issue 9).
struct ProgrammeRoutes {
    let context: RouteContext
    init(_ context: RouteContext) { self.context = context }

    var routes: [Route] {
        [
            Route("GET", "/api/v1/rates", handler: context.authenticated { [context] request, _ in
                .json(["items": .array(try context.programmes.rates(programme: request.query["programme"]).map(Self.json)), "next_cursor": nil])
            }),
            Route("POST", "/api/v1/rates", handler: context.authenticated { [context] request, actor in
                try context.programmes.requireAdministrator(actor)
                var body = try BodyReader(request)
                let programme = body.string("programme") ?? "", province = body.string("province") ?? ""
                let from = body.string("effective_from") ?? "", to = body.string("effective_to", required: false)
                let fen = body.int("amount_fen"), source = body.string("source") ?? ""
                try body.finish()
                let rates = try context.programmes.addRate(programme: programme, province: province, from: from, to: to, fen: fen.map(Int64.init),
                                                           source: source, by: actor)
                return .json(["items": .array(rates.map(Self.json)), "next_cursor": nil], status: 201)
            }),
            Route("GET", "/api/v1/meal-pilots", handler: context.authenticated { [context] _, _ in
                .json(["items": .array(try context.programmes.pilots().map { ["county": .string($0.county), "pilot": .string($0.pilot), "since": .string($0.since.description)] }),
                       "next_cursor": nil])
            }),
            Route("PUT", "/api/v1/meal-pilots/{county}", handler: context.authenticated { [context] request, actor in
                try context.programmes.requireAdministrator(actor)
                var body = try BodyReader(request)
                let pilot = body.string("pilot") ?? "", since = body.string("since") ?? ""
                try body.finish()
                try context.programmes.setPilot(county: request.parameter("county"), pilot: pilot, since: since, by: actor)
                return .json(["county": .string(request.parameter("county")), "pilot": .string(pilot), "since": .string(since)])
            }),
        ]
    }

    static func json(_ r: ProgrammeRate) -> JSON {
        ["programme": .string(r.programme), "province": .string(r.province), "effective_from": .string(r.from.description),
         "effective_to": JSON(r.to?.description), "amount_fen": .int(r.fen)]
    }
}
