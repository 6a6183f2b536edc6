import Foundation
import XuejiCore
import XuejiHTTP
import XuejiServices
import XuejiStore

/// Imports over HTTP (API.md "School-year cycle and batches"): upload, poll, download the errors.
struct ImportRoutes {
    let context: RouteContext
    init(_ context: RouteContext) { self.context = context }

    var routes: [Route] {
        [
            Route("POST", "/api/v1/imports", handler: context.authenticated { [context] request, actor in
                guard actor.role == .schoolRegistrar || actor.role == .systemAdmin else { throw DomainError.forbidden }
                let field = request.formField
                guard let file = request.formParts.first(where: { $0.name == "file" && $0.filename != nil }) else {
                    throw DomainError.validation([FieldError(field: "file", code: "required",
                                                             message: LocalizedText(zh: "请以 multipart/form-data 上传 file 字段。", en: "Upload the file as the multipart/form-data field \"file\"."))])
                }
                let modeText = field("mode") ?? "commit"
                guard let mode = ImportService.Mode(rawValue: modeText) else {
                    throw DomainError.validation([FieldError(field: "mode", code: "invalid_mode", message: LocalizedText(zh: "mode 为 validate 或 commit。", en: "mode is validate or commit."))])
                }
                let school = field("school") ?? (actor.scope.description.count == 10 ? actor.scope.description : "")
                let id = try context.imports.start(file.data, school: school, mode: mode, strict: field("strict") == "true" || field("strict") == "1",
                                                     sheet: field("sheet"), by: actor)
                var response = Response.json(["id": .string(id), "state": "running"], status: 202)
                response.headers.append(("Location", "/api/v1/imports/\(id)"))
                return response
            }),
            Route("GET", "/api/v1/import-template", handler: context.authenticated { _, _ in
                let url = FileManager.default.temporaryDirectory.appendingPathComponent("xueji-template-\(UUID().uuidString).xlsx")
                defer { try? FileManager.default.removeItem(at: url) }
                try TemplateService.write(to: url)
                return Response(status: 200, headers: [("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
                                                      ("Content-Disposition", "attachment; filename=\"xueji-import-template.xlsx\"")],
                                body: [UInt8](try Data(contentsOf: url)))
            }),
            Route("GET", "/api/v1/imports/{id}", handler: context.authenticated { [context] request, actor in
                let job = try context.imports.get(request.parameter("id"), by: actor)
                var members: [(String, JSON)] = [("id", .string(job.id)), ("state", .string(job.state)), ("phase", .string(job.phase)),
                                                  ("progress", .double((job.progress * 1000).rounded() / 1000)), ("school", .string(job.school))]
                if let r = job.report {
                    members += [("rows", .int(Int64(r.rows))), ("accepted", .int(Int64(r.accepted))), ("rejected", .int(Int64(r.rejected))),
                                ("committed", .bool(r.committed)), ("batch", JSON(r.batch)), ("encoding", .string(r.encoding)),
                                ("unknown_columns", .array(r.unknownColumns.map { .string($0) })),
                                ("errors", .array(r.errors.prefix(1000).map { e in
                                    ["row": .int(Int64(e.row)), "column": .string(e.column), "code": .string(e.code),
                                     "message": .string(request.prefersEnglish ? e.message.en : e.message.zh)]
                                }))]
                } else {
                    members.append(("rows", .int(Int64(job.rows))))
                }
                if let f = job.failure {
                    members.append(("error", ["code": .string(f.code), "message": .string(request.prefersEnglish ? f.message.en : f.message.zh)]))
                }
                return .json(.object(members))
            }),
            Route("GET", "/api/v1/imports/{id}/errors", handler: context.authenticated { [context] request, actor in
                let format = request.query["format"] ?? "csv"
                guard format == "csv" || format == "xlsx" else {
                    throw DomainError.validation([FieldError(field: "format", code: "unsupported_format",
                                                             message: LocalizedText(zh: "错误文件格式为 csv 或 xlsx。", en: "The error file is csv or xlsx."))])
                }
                let bytes = try context.imports.errorFile(request.parameter("id"), by: actor, english: request.prefersEnglish, xlsx: format == "xlsx")
                let type = format == "xlsx" ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv; charset=utf-8"
                return Response(status: 200, headers: [("Content-Type", type),
                                                      ("Content-Disposition", "attachment; filename=\"import-errors.\(format)\"")], body: bytes)
            }),
        ]
    }
}
