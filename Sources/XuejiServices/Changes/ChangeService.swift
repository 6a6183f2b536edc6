import XuejiCore
import XuejiStore

/// Status changes (学籍异动) on one workflow engine (issue 5, DOMAIN.md §4, API.md "Changes"). The
/// workflow of each type is data (`Workflows.all`); this service resolves its parties, keeps the
/// steps in order with their working-day deadlines, and applies the effect in the transaction of the
/// last approval.
public struct ChangeService: Sendable {
    let database: any Database
    let clock: Clock
    let attachments: AttachmentService
    let audit = AuditTrail()

    public init(database: any Database, clock: Clock, attachments: AttachmentService) {
        self.database = database
        self.clock = clock
        self.attachments = attachments
    }

    static let unknownChange = DomainError.notFound(LocalizedText(zh: "该业务", en: "change"))

    /// Analysts see aggregates only; every other role sees the changes its scope touches.
    func requireReader(_ actor: Actor) throws {
        if actor.role == .analyst { throw DomainError.forbidden }
    }

    /// Whether either side of the change lies inside the actor's scope.
    func isVisible(_ change: StoredChange, to actor: Actor) -> Bool {
        switch actor.scope {
        case .school(let s): return change.fromSchool == s.rawValue || change.toSchool == s.rawValue
        case .division(let d):
            return change.fromCounty.hasPrefix(d.subtreePrefix) || (change.toCounty?.hasPrefix(d.subtreePrefix) ?? false)
        }
    }

    public func get(_ id: String, by actor: Actor) throws -> ChangeDetail {
        try requireReader(actor)
        guard id.utf8.count <= 40 else { throw Self.unknownChange }
        return try database.read { connection in
            let repository = ChangeRepository(connection)
            guard let change = try repository.get(id), isVisible(change, to: actor) else { throw Self.unknownChange }
            // The old school keeps what it held (DOMAIN.md §4 "On completion"); the new school has the record itself.
            let snapshot = isOldSide(change, actor) ? change.snapshot : nil
            return ChangeDetail(change: change, events: try repository.events(of: change.id),
                                attachments: try repository.attachments(of: change.id), snapshot: snapshot,
                                overdue: overdue(change))
        }
    }

    /// Changes either side of which lies in the caller's scope, newest first; `overdue` keeps the
    /// pending ones whose open step is past its due date (a bureau's list of stalled steps).
    public func list(by actor: Actor, pupil: String?, state: String?, overdue: Bool = false, after: String?, limit: Int) throws -> Page<StoredChange> {
        try requireReader(actor)
        if let state, !["pending", "completed", "rejected", "cancelled"].contains(state) {
            throw DomainError.validation([FieldError(field: "state", code: "invalid_filter", message: LocalizedText(zh: "筛选条件无效。", en: "Invalid filter value."))])
        }
        let afterID = after.flatMap { Int64($0) }
        return try database.read { try ChangeRepository($0).list(ScopeFilter(actor.scope), pupilNumber: pupil?.uppercased(), state: state,
                                                                 overdueOn: overdue ? clock.today : nil, after: afterID, limit: limit) }
    }

    /// The changes of a pupil the caller may already read (history: the whole record follows the
    /// pupil, so the new school sees changes filed before its time).
    public func history(of pupil: StoredPupil) throws -> [StoredChange] {
        try database.read { try ChangeRepository($0).of(pupil: pupil.id) }
    }

    /// What waits for the caller (待办), oldest due first: the steps it decides itself, and for a
    /// reviewer above a county the overdue bureau steps below it, which it may take over.
    public func inbox(by actor: Actor, limit: Int) throws -> Inbox {
        try requireReader(actor)
        var parties: [(kind: String, code: String)] = []
        var below: String? = nil
        switch (actor.role, actor.scope) {
        case (.schoolRegistrar, .school(let s)), (.schoolApprover, .school(let s)): parties = [("school", s.rawValue)]
        case (.bureauReviewer, .division(let d)):
            parties = [("bureau", d.rawValue)]
            if d.level != .county { below = d.subtreePrefix }
        default: break
        }
        let today = clock.today
        let items = try database.read { try ChangeRepository($0).inbox(parties: parties, interveneBelow: below, today: today, limit: limit) }
        return Inbox(items: items.map { change in
            let step = change.pendingStep
            let own = step.map { actor.isParty(kind: $0.partyKind, code: $0.partyCode) } ?? false
            return InboxItem(change: change, overdue: overdue(change), intervention: !own)
        })
    }

    /// Whether the actor may decide the change's pending step now: its party, or a reviewer above an
    /// overdue bureau step (what `decide` accepts), for showing the decision forms.
    public func mayDecide(_ change: StoredChange, by actor: Actor) -> Bool {
        guard change.state == "pending", let step = change.pendingStep else { return false }
        if actor.isParty(kind: step.partyKind, code: step.partyCode) { return true }
        return step.partyKind == "bureau" && actor.mayIntervene(inBureau: step.partyCode) && overdue(change)
    }

    /// Whether the actor may cancel: the initiating school while the change is pending.
    public func mayCancel(_ change: StoredChange, by actor: Actor) -> Bool {
        change.state == "pending" && (actor.role == .schoolRegistrar || actor.role == .schoolApprover) && actor.scope.description == change.initiatorScope
    }

    /// Whether the actor is the old school of a move, or a bureau over it.
    func isOldSide(_ change: StoredChange, _ actor: Actor) -> Bool {
        switch actor.scope {
        case .school(let s): return change.fromSchool == s.rawValue
        case .division(let d): return change.fromCounty.hasPrefix(d.subtreePrefix)
        }
    }

    /// Whether the pending step is past its due date.
    public func isOverdue(_ change: StoredChange) -> Bool { overdue(change) }

    func overdue(_ change: StoredChange) -> Bool {
        guard change.state == "pending", let due = change.pendingStep?.dueDate.flatMap(CivilDate.init) else { return false }
        return clock.today > due
    }
}

/// A change with what its detail view adds: the log of transitions, the attachments, and for the
/// old school after a transfer the record as it held it.
public struct ChangeDetail: Sendable {
    public let change: StoredChange
    public let events: [ChangeEvent]
    public let attachments: [(id: String, step: String, contentType: String, size: Int)]
    public let snapshot: String?
    public let overdue: Bool
}

public struct Inbox: Sendable {
    public let items: [InboxItem]
    /// How many wait, by change type.
    public var countsByType: [(String, Int)] {
        var counts: [String: Int] = [:]
        for item in items { counts[item.change.type.rawValue, default: 0] += 1 }
        return counts.sorted { $0.key < $1.key }
    }
    public var overdueCount: Int { items.filter(\.overdue).count }
}

public struct InboxItem: Sendable {
    public let change: StoredChange
    public let overdue: Bool
    /// True when the caller may act only as the level above (强制干预), not as the step's party.
    public let intervention: Bool
}
