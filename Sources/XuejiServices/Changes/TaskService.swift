import XuejiCore
import XuejiStore

/// Follow-up tasks left by completed changes (DOMAIN.md §4: the paper file follows within one month).
/// A school sees and closes its own; bureaus see those of their subtree.
public struct TaskService: Sendable {
    let database: any Database
    let clock: Clock
    let audit = AuditTrail()

    public init(database: any Database, clock: Clock) {
        self.database = database
        self.clock = clock
    }

    static let unknown = DomainError.notFound(LocalizedText(zh: "该任务", en: "task"))

    public func list(by actor: Actor, state: String?, limit: Int) throws -> [FollowUpTask] {
        guard actor.role != .analyst else { throw DomainError.forbidden }
        if let state, state != "open" && state != "done" {
            throw DomainError.validation([FieldError(field: "state", code: "invalid_filter", message: LocalizedText(zh: "筛选条件无效。", en: "Invalid filter value."))])
        }
        return try database.read { try TaskRepository($0).list(ScopeFilter(actor.scope), state: state, limit: limit) }
    }

    /// Marks the school's task done (the school's own roles only).
    public func complete(_ id: String, by actor: Actor) throws -> FollowUpTask {
        guard actor.role == .schoolRegistrar || actor.role == .schoolApprover, case .school(let school) = actor.scope else { throw DomainError.forbidden }
        guard let number = Int64(id) else { throw Self.unknown }
        return try database.write { connection in
            let repository = TaskRepository(connection)
            guard let task = try repository.get(number), task.school == school.rawValue else { throw Self.unknown }
            guard try repository.complete(number) else {
                throw DomainError(.conflict, code: "task_done", message: LocalizedText(zh: "该任务已完成。", en: "The task is already done."))
            }
            try audit.record(connection, actor: actor, action: "task.complete", subject: id, now: clock.now())
            return try repository.get(number) ?? task
        }
    }
}
