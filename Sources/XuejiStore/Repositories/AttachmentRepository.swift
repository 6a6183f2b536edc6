import XuejiCore

/// An uploaded file's metadata; the bytes are in the content-addressed store.
public struct AttachmentRecord: Sendable {
    public let id: String
    public let sha256: String
    public let size: Int
    public let contentType: String
    public let filename: String
    public let ownerScope: String

    public init(id: String, sha256: String, size: Int, contentType: String, filename: String, ownerScope: String) {
        self.id = id
        self.sha256 = sha256
        self.size = size
        self.contentType = contentType
        self.filename = filename
        self.ownerScope = ownerScope
    }
}

/// Stores attachment metadata.
public struct AttachmentRepository {
    let connection: Connection
    public init(_ connection: Connection) { self.connection = connection }

    public func insert(_ a: AttachmentRecord, province: String, uploadedBy: Int64, now: Int64) throws {
        try connection.execute("""
            INSERT INTO attachments (id, sha256, size, content_type, filename, owner_scope, province, uploaded_by, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [.text(a.id), .text(a.sha256), .integer(Int64(a.size)), .text(a.contentType), .text(a.filename),
                  .text(a.ownerScope), .text(province), .integer(uploadedBy), .integer(now)])
    }

    public func get(_ id: String) throws -> AttachmentRecord? {
        try connection.queryOne("SELECT id, sha256, size, content_type, filename, owner_scope FROM attachments WHERE id = ?", .text(id)).map { r in
            AttachmentRecord(id: r.string("id") ?? "", sha256: r.string("sha256") ?? "", size: r.int("size") ?? 0,
                             contentType: r.string("content_type") ?? "", filename: r.string("filename") ?? "", ownerScope: r.string("owner_scope") ?? "")
        }
    }
}
