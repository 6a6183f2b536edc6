import Foundation
import XuejiCore
import XuejiHTTP
import XuejiServices
import XuejiStore

/// `GET /api/v1/exports/pupils?…filters…&format=csv|xlsx&reason=…[&full=1][&encoding=gb18030]`.
struct ExportRoutes {
    let context: RouteContext
    init(_ context: RouteContext) { self.context = context }

    var routes: [Route] {
        [
            Route("GET", "/api/v1/exports/pupils", handler: context.authenticated { [context] request, actor in
                let filter = try PupilRoutes.filter(request)
                let q = request.query
                guard let format = ExportService.Format(rawValue: q["format"] ?? "csv") else { throw Self.bad("format", "csv | xlsx") }
                guard let encoding = TextEncoding(rawValue: (q["encoding"] ?? "utf-8").lowercased()) else { throw Self.bad("encoding", "utf-8 | gb18030") }
                let url = FileManager.default.temporaryDirectory.appendingPathComponent("xueji-export-\(UUID().uuidString).\(format.rawValue)")
                defer { try? FileManager.default.removeItem(at: url) }
                _ = try context.exports.export(filter, format: format, full: q["full"] == "1", reason: q["reason"] ?? "", encoding: encoding, by: actor, to: url)
                let bytes = [UInt8](try Data(contentsOf: url))
                let type = format == .xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                                           : "text/csv; charset=\(encoding == .utf8 ? "utf-8" : "gb18030")"
                return Response(status: 200, headers: [("Content-Type", type),
                                                      ("Content-Disposition", "attachment; filename=\"pupils.\(format.rawValue)\"")], body: bytes)
            }),
        ]
    }

    static func bad(_ field: String, _ allowed: String) -> DomainError {
        DomainError.validation([FieldError(field: field, code: "invalid_filter", message: LocalizedText(zh: "可选值：\(allowed)。", en: "One of \(allowed)."))])
    }
}
