import XuejiCore
import XuejiHTTP
import XuejiServices

/// Schools and classes (API.md "Divisions, schools, classes").
struct SchoolRoutes {
    let context: RouteContext
    init(_ context: RouteContext) { self.context = context }

    var routes: [Route] {
        [
            Route("POST", "/api/v1/schools", handler: context.authenticated { [context] request, actor in
                try context.schools.requireCreator(actor)
                var body = try BodyReader(request)
                let draft = SchoolDraft(code: body.string("code") ?? "", name: body.string("name") ?? "", region: body.string("region") ?? "",
                                        type: body.string("type") ?? "", ownership: body.string("ownership") ?? "",
                                        locality: body.string("locality") ?? "", grades: body.intArray("grades") ?? [])
                try body.finish()
                let school = try context.schools.create(draft, by: actor)
                var response = Response.json(Self.json(school), status: 201)
                response.headers.append(("Location", "/api/v1/schools/\(school.code)"))
                return response
            }),
            Route("GET", "/api/v1/schools", handler: context.authenticated { [context] request, actor in
                let page = try Pagination(request)
                let result = try context.schools.list(region: request.query["region"], by: actor, after: page.after, limit: page.limit)
                return .json(Pagination.envelope(result, Self.json))
            }),
            Route("GET", "/api/v1/schools/{code}", handler: context.authenticated { [context] request, actor in
                .json(Self.json(try context.schools.get(request.parameter("code"), by: actor)))
            }),
            Route("POST", "/api/v1/schools/{code}/classes", handler: context.authenticated { [context] request, actor in
                var body = try BodyReader(request)
                let grade = body.int("grade"), name = body.string("name"), year = body.int("entry_year")
                try body.finish()
                let created = try context.schools.createClass(ClassDraft(grade: grade ?? 0, name: name ?? "", entryYear: year ?? 0),
                                                              school: request.parameter("code"), by: actor)
                return .json(Self.json(created), status: 201)
            }),
            Route("GET", "/api/v1/schools/{code}/classes", handler: context.authenticated { [context] request, actor in
                let classes = try context.schools.classes(school: request.parameter("code"), by: actor)
                return .json(["items": .array(classes.map(Self.json)), "next_cursor": nil])
            }),
        ]
    }

    static func json(_ school: School) -> JSON {
        ["code": .string(school.code.rawValue), "name": .string(school.name), "region": .string(school.region.rawValue),
         "type": .string(school.type.rawValue), "ownership": .string(school.ownership.rawValue),
         "locality": .string(school.locality.rawValue), "grades": .array(school.grades.map { .int(Int64($0)) })]
    }

    static func json(_ c: SchoolClass) -> JSON {
        ["id": .string(c.id), "school": .string(c.school.rawValue), "grade": .int(Int64(c.grade)), "name": .string(c.name),
         "entry_year": .int(Int64(c.entryYear))]
    }
}
