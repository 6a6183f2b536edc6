import XuejiCore
import XuejiStore

/// Problem records (问题学籍, DOMAIN.md §4): listing them for the school and resolving each by
/// deleting the record (the pupil is not there), confirming it with proof, or correcting it.
public struct ProblemService: Sendable {
    let database: any Database
    let clock: Clock
    let pupils: PupilService
    let attachments: AttachmentService
    let audit = AuditTrail()

    public init(database: any Database, clock: Clock, pupils: PupilService, attachments: AttachmentService) {
        self.database = database
        self.clock = clock
        self.pupils = pupils
        self.attachments = attachments
    }

    public static let kinds: Set<String> = ["duplicate_id", "invalid_id", "identity_mismatch", "duplicate_candidate"]
    static let unknown = DomainError.notFound(LocalizedText(zh: "该问题学籍", en: "problem record"))

    public func list(by actor: Actor, school: String?, kind: String?, state: String?, after: String?, limit: Int) throws -> Page<ProblemRecord> {
        try pupils.requireReader(actor)
        var errors: [FieldError] = []
        let schoolCode = school.flatMap(SchoolCode.init)
        if school != nil && schoolCode == nil { errors.append(FieldError(field: "school", code: "invalid_school_code", message: LocalizedText(zh: "学校标识码为10位数字。", en: "A school code has 10 digits."))) }
        if let kind, !Self.kinds.contains(kind) { errors.append(FieldError(field: "kind", code: "invalid_code", message: LocalizedText(zh: "未知的问题类型。", en: "Unknown kind."))) }
        let state = state ?? "open"
        if state != "open" && state != "resolved" { errors.append(FieldError(field: "state", code: "invalid_code", message: LocalizedText(zh: "状态为 open 或 resolved。", en: "State is open or resolved."))) }
        if !errors.isEmpty { throw DomainError.validation(errors) }
        return try database.read { try ProblemRepository($0).list(scope: ScopeFilter(actor.scope), school: schoolCode, kind: kind, state: state, after: after, limit: limit) }
    }

    /// One problem record inside the reader's scope.
    public func get(_ id: String, by actor: Actor) throws -> ProblemRecord {
        try pupils.requireReader(actor)
        guard let problem = try database.read({ try ProblemRepository($0).get(id, scope: ScopeFilter(actor.scope)) }) else { throw Self.unknown }
        return problem
    }

    public enum Action: String, Sendable { case delete, confirm, correct }

    /// Resolves one problem. `attachment` is the id of an uploaded proof (`POST /api/v1/attachments`)
    /// for a confirmation; `corrections` are
    /// record fields for a correction, checked like any edit.
    public func resolve(_ id: String, action: Action, attachment: String?, corrections: PupilDraft, by actor: Actor) throws {
        let scope = ScopeFilter(actor.scope)
        guard let problem = try database.read({ try ProblemRepository($0).get(id, scope: scope) }) else { throw Self.unknown }
        guard actor.role == .schoolRegistrar || actor.role == .systemAdmin else { throw DomainError.forbidden }
        guard problem.state == "open" else { throw Self.decided }
        let now = clock.now()
        switch action {
        case .delete:
            try database.write { connection in
                let before = try PupilRepository(connection).find(number: problem.pupilNumber, scope: scope).map { "{\"name\":\(PupilService.quoted($0.record.name)),\"id_number\":\(PupilService.quoted($0.record.idNumber))}" }
                guard try ProblemRepository(connection).resolve(id, resolution: "deleted", by: actor.userID, now: now) else { throw Self.decided }
                try ProblemRepository(connection).deletePupil(problem.pupilID)
                try audit.record(connection, actor: actor, action: "pupil.delete", subject: problem.pupilNumber, before: before, now: now)
            }
        case .confirm:
            guard let attachment, !attachment.trimmedBlanks.isEmpty else {
                throw DomainError.validation([FieldError(field: "attachment", code: "proof_required",
                                                         message: LocalizedText(zh: "确认须附证明材料。", en: "A confirmation needs proof attached."))])
            }
            do { _ = try attachments.visible(attachment, to: actor) } catch {
                throw DomainError.validation([FieldError(field: "attachment", code: "unknown_attachment",
                                                         message: LocalizedText(zh: "附件不存在，请先上传。", en: "No such attachment; upload it first."))])
            }
            try database.write { connection in
                guard try ProblemRepository(connection).resolve(id, resolution: "confirmed:" + attachment, by: actor.userID, now: now) else { throw Self.decided }
                try audit.record(connection, actor: actor, action: "problem.confirm", subject: id, after: PupilService.quoted(attachment), now: now)
            }
        case .correct:
            guard !corrections.fields.isEmpty || !corrections.flags.isEmpty || !corrections.guardians.isEmpty else {
                throw DomainError.validation([FieldError(field: "corrections", code: "required", message: LocalizedText(zh: "请填写更正内容。", en: "Say what to correct."))])
            }
            let version = try database.read { try PupilRepository($0).find(number: problem.pupilNumber, scope: scope)?.version } ?? 0
            _ = try pupils.update(problem.pupilNumber, patch: corrections, expectedVersion: version, by: actor)
            try database.write { connection in
                guard try ProblemRepository(connection).resolve(id, resolution: "corrected", by: actor.userID, now: now) else { throw Self.decided }
                try audit.record(connection, actor: actor, action: "problem.correct", subject: id, now: now)
            }
        }
    }

    static let decided = DomainError(.conflict, code: "already_resolved",
                                     message: LocalizedText(zh: "该问题学籍已处理。", en: "This problem record is already resolved."))
}
