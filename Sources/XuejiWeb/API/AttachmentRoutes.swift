import XuejiCore
import XuejiHTTP
import XuejiServices
import XuejiStore

/// Proof files (API.md `POST /api/v1/attachments`): multipart upload, download by those who may see it.
struct AttachmentRoutes {
    let context: RouteContext
    init(_ context: RouteContext) { self.context = context }

    var routes: [Route] {
        [
            Route("POST", "/api/v1/attachments", handler: context.authenticated { [context] request, actor in
                guard let file = request.formParts.first(where: { $0.name == "file" && $0.filename != nil }) else {
                    throw DomainError.validation([FieldError(field: "file", code: "required",
                                                             message: LocalizedText(zh: "请以 multipart/form-data 上传 file 字段。", en: "Upload the file as the multipart/form-data field \"file\"."))])
                }
                let record = try context.attachments.upload(file.data, filename: file.filename ?? "", by: actor)
                return .json(["id": .string(record.id), "sha256": .string(record.sha256), "size": .int(Int64(record.size)),
                              "content_type": .string(record.contentType)], status: 201)
            }),
            Route("GET", "/api/v1/attachments/{id}", handler: context.authenticated { [context] request, actor in
                let (record, bytes) = try context.attachments.download(request.parameter("id"), by: actor)
                let ascii = record.filename.unicodeScalars.allSatisfy { $0.isASCII && $0.value >= 0x20 && $0 != "\"" && $0 != "\\" }
                let encoded = record.filename.utf8.map { b -> String in
                    (b >= 0x30 && b <= 0x39) || (b | 0x20 >= 0x61 && b | 0x20 <= 0x7a) || b == 0x2e ? String(UnicodeScalar(b)) : String(format: "%%%02X", b)
                }.joined()
                return Response(status: 200, headers: [("Content-Type", record.contentType),
                                                      ("Content-Disposition", "attachment; filename=\"\(ascii ? record.filename : "attachment")\"; filename*=UTF-8''\(encoded)")],
                                body: bytes)
            }),
        ]
    }
}
