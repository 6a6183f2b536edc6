import XuejiCore
import XuejiHTTP
import XuejiServices

/// The identity check (no side effects) and the code tables (API.md "Identity check", "Conventions").
struct ReferenceRoutes {
    let context: RouteContext
    init(_ context: RouteContext) { self.context = context }

    var routes: [Route] {
        [
            Route("GET", "/api/v1/identity/check", handler: context.authenticated { [context] request, _ in
                let english = request.prefersEnglish
                let idType = request.query["id_type"] ?? "1"
                guard idType == "1" else {
                    return .json(["valid": false, "errors": [["code": "id_type_not_checked", "message": .string(english
                        ? "Only resident ID numbers (id_type 1) can be checked." : "只能校验居民身份证号（证件类型1）。")]]])
                }
                let (id, problems) = ResidentID.problems(in: request.query["id_number"] ?? "", today: context.clock.today,
                                                         divisions: context.reference.history)
                guard let id else {
                    return .json(["valid": false, "errors": .array(problems.map { ["code": .string($0.code), "message": .string($0.message.text(in: Language(prefersEnglish: english)))] })])
                }
                return .json(["valid": true, "id_number": .string(id.rawValue), "birth_date": .string(id.birthDate.description),
                              "sex": .string(id.sex), "region": .string(id.region)])
            }),
            Route("GET", "/api/v1/codes", handler: context.authenticated { _, _ in
                .json(["items": .array(CodeTables.all.keys.sorted().map { .string($0) }), "next_cursor": nil])
            }),
            Route("GET", "/api/v1/codes/{table}", handler: context.authenticated { request, _ in
                guard let table = CodeTables.all[request.parameter("table")] else { throw DomainError.notFound(LocalizedText(zh: "该代码表", en: "code table")) }
                return .json(["name": .string(table.name), "version": .string(table.version),
                              "items": .array(table.entries.map { ["code": .string($0.code), "zh-Hans": .string($0.label.zh), "en": .string($0.label.en)] })])
            }),
        ]
    }
}
