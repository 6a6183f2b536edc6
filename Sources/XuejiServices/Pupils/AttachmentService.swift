import Foundation
import XuejiCore
import XuejiStore

/// Proof files (证明材料): uploaded once, stored by content under the data directory, readable by
/// the uploader's school and the bureaus above it, and by the parties of a change it is attached to.
/// Every download is audited.
public struct AttachmentService: Sendable {
    let database: any Database
    let clock: Clock
    let directory: URL
    let audit = AuditTrail()

    /// Largest file accepted (the HTTP layer already refuses bodies over 10 MiB). Change types set
    /// smaller limits of their own (suspension evidence: 2 MB, DOMAIN.md §4).
    public static let maxSize = 10 << 20

    public init(database: any Database, clock: Clock, dataDirectory: URL) {
        self.database = database
        self.clock = clock
        directory = dataDirectory.appendingPathComponent("attachments")
    }

    static let unknown = DomainError.notFound(LocalizedText(zh: "该附件", en: "attachment"))

    public func upload(_ bytes: [UInt8], filename: String, by actor: Actor) throws -> AttachmentRecord {
        guard actor.role != .analyst else { throw DomainError.forbidden }
        guard !bytes.isEmpty else { throw Self.invalid("empty_file", zh: "文件为空。", en: "The file is empty.") }
        guard bytes.count <= Self.maxSize else { throw Self.invalid("file_too_large", zh: "文件不能超过10 MB。", en: "The file may not exceed 10 MB.") }
        guard let kind = FileKind(sniffing: bytes) else {
            throw Self.invalid("unsupported_file_type", zh: "只接受 PDF、JPEG 或 PNG 文件（按文件内容判断）。", en: "Only PDF, JPEG or PNG files are accepted (judged by content).")
        }
        let sha = Crypto.sha256(bytes)
        try store(bytes, sha256: sha)
        let record = AttachmentRecord(id: "A" + Crypto.randomToken(bytes: 12), sha256: sha, size: bytes.count, contentType: kind.rawValue,
                                      filename: String(filename.prefix(200)).filter { !$0.isNewline }, ownerScope: actor.scope.description)
        let province: String
        switch actor.scope {
        case .school(let s): province = String(s.rawValue.prefix(2))
        case .division(let d): province = d.province
        }
        let now = clock.now()
        try database.write { connection in
            try AttachmentRepository(connection).insert(record, province: province, uploadedBy: actor.userID, now: now)
            try audit.record(connection, actor: actor, action: "attachment.upload", subject: record.id, after: "{\"sha256\":\"\(sha)\",\"size\":\(bytes.count)}", now: now)
        }
        return record
    }

    /// The file, when the actor may see it: the uploader's own scope, or a bureau whose subtree holds it.
    public func download(_ id: String, by actor: Actor) throws -> (AttachmentRecord, [UInt8]) {
        let record = try visible(id, to: actor)
        let url = path(for: record.sha256)
        guard let data = FileManager.default.contents(atPath: url.path) else { throw Self.unknown }
        try database.write { try audit.record($0, actor: actor, action: "attachment.download", subject: id, now: clock.now()) }
        return (record, Array(data))
    }

    /// The attachment's metadata if the actor may see it, else 404.
    public func visible(_ id: String, to actor: Actor) throws -> AttachmentRecord {
        guard id.utf8.count <= 40, let record = try database.read({ try AttachmentRepository($0).get(id) }), let owner = Scope(record.ownerScope),
              actor.role != .analyst else { throw Self.unknown }
        if try ScopeCheck(database: database).contains(actor.scope, owner) || isPartyOfChange(with: id, actor) { return record }
        throw Self.unknown
    }

    /// Whether the attachment belongs to a change one of whose sides lies in the actor's scope: the
    /// other parties of a transfer read the certificate the receiving school uploaded.
    private func isPartyOfChange(with id: String, _ actor: Actor) throws -> Bool {
        let sides = try database.read { connection in
            try connection.query("""
                SELECT fs.code, c.from_county, ts.code, c.to_county FROM change_attachments ca JOIN changes c ON c.id = ca.change_id
                JOIN schools fs ON fs.id = c.from_school_id LEFT JOIN schools ts ON ts.id = c.to_school_id WHERE ca.attachment_id = ?
                """, .text(id))
        }
        return sides.contains { row in
            switch actor.scope {
            case .school(let s): return row[0].string == s.rawValue || row[2].string == s.rawValue
            case .division(let d):
                return (row[1].string ?? "-").hasPrefix(d.subtreePrefix) || (row[3].string ?? "-").hasPrefix(d.subtreePrefix)
            }
        }
    }

    /// Writes the bytes under their hash, through a temporary file and a rename, so a crash never
    /// leaves half a file under a real name.
    private func store(_ bytes: [UInt8], sha256: String) throws {
        let target = path(for: sha256)
        let fm = FileManager.default
        if fm.fileExists(atPath: target.path) { return }
        try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        let temporary = target.deletingLastPathComponent().appendingPathComponent(".\(sha256).\(UUID().uuidString).tmp")
        try Data(bytes).write(to: temporary)
        if rename(temporary.path, target.path) != 0 {
            try? fm.removeItem(at: temporary)
            throw DomainError.busy
        }
    }

    func path(for sha256: String) -> URL {
        directory.appendingPathComponent(String(sha256.prefix(2))).appendingPathComponent(sha256)
    }

    static func invalid(_ code: String, zh: String, en: String) -> DomainError {
        DomainError.validation([FieldError(field: "file", code: code, message: LocalizedText(zh: zh, en: en))])
    }
}
