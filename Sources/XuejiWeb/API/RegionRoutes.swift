import XuejiCore
import XuejiHTTP

/// The division list (API.md "Divisions, schools, classes").
struct RegionRoutes {
    let context: RouteContext
    init(_ context: RouteContext) { self.context = context }

    var routes: [Route] {
        [
            Route("GET", "/api/v1/regions", handler: context.authenticated { [context] request, _ in
                let children = try context.regions.children(of: request.query["parent"])
                return .json(["items": .array(children.map(Self.json)), "next_cursor": nil])
            }),
            Route("GET", "/api/v1/regions/{code}", handler: context.authenticated { [context] request, _ in
                .json(Self.json(try context.regions.get(request.parameter("code"))))
            }),
        ]
    }

    static func json(_ region: Region) -> JSON {
        let level: String
        switch region.level {
        case .nation: level = "nation"
        case .province: level = "province"
        case .prefecture: level = "prefecture"
        case .county: level = "county"
        }
        return ["code": .string(region.code.rawValue), "name": .string(region.name), "level": .string(level),
                "parent": JSON(region.parent?.rawValue), "longitude": JSON(region.longitude), "latitude": JSON(region.latitude)]
    }
}
