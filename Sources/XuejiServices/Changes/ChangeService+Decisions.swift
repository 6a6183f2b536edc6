import XuejiCore
import XuejiStore

extension ChangeService {
    public enum Decision: Sendable { case approve, reject }

    /// Approves or rejects the pending step. The caller must be that step's party, or, once a bureau
    /// step is overdue, a reviewer above that bureau (强制干预, logged as such). Of two reviewers
    /// deciding at once, one wins and the other gets `step_already_decided`.
    public func decide(_ id: String, _ decision: Decision, comment: String?, by actor: Actor) throws -> StoredChange {
        let text = comment?.trimmedBlanks ?? ""
        if decision == .reject && text.isEmpty { throw ChangeRefusal.reasonRequired }
        guard text.count <= 500 else { throw ChangeRefusal.invalidData("comment", zh: "意见不能超过500字。", en: "At most 500 characters.") }
        guard [.schoolRegistrar, .schoolApprover, .bureauReviewer].contains(actor.role) else { throw DomainError.forbidden }
        let now = clock.now(), today = clock.today
        return try database.write { connection in
            let repository = ChangeRepository(connection)
            guard id.utf8.count <= 40, let change = try repository.get(id), isVisible(change, to: actor) else { throw Self.unknownChange }
            guard change.state == "pending", let step = change.pendingStep else { throw ChangeRefusal.stepAlreadyDecided }
            var intervened = false
            if !actor.isParty(kind: step.partyKind, code: step.partyCode) {
                let due = step.dueDate.flatMap(CivilDate.init)
                if step.partyKind == "bureau", actor.mayIntervene(inBureau: step.partyCode) {
                    guard let due, today > due else {
                        throw ChangeRefusal.notYourStep(zh: "该环节由\(step.partyCode)审核，逾期（\(due?.description ?? "")之后）上级方可强制干预。",
                                                        en: "This step belongs to bureau \(step.partyCode); the level above may take it over only after it is overdue (after \(due?.description ?? ""))).")
                    }
                    intervened = true
                } else if change.steps.contains(where: { $0.position < step.position && actor.isParty(kind: $0.partyKind, code: $0.partyCode) }) {
                    // The caller's own step was decided a moment ago by a colleague: say so, not "not yours".
                    throw ChangeRefusal.stepAlreadyDecided
                } else {
                    throw ChangeRefusal.notYourStep(zh: "当前环节（\(step.code)）不由您审核。", en: "The current step (\(step.code)) is not yours to decide.")
                }
            }
            try advance(connection, change: change.id, position: step.position, decision: decision, comment: text.isEmpty ? nil : text,
                        by: actor, intervened: intervened, now: now)
            try audit.record(connection, actor: actor, action: intervened ? "change.intervene" : (decision == .approve ? "change.approve" : "change.reject"),
                             subject: change.publicID, after: "{\"step\":\"\(step.code)\"}", now: now)
            guard let updated = try repository.get(id) else { throw Self.unknownChange }
            return updated
        }
    }

    /// Cancels a pending change: only the initiating school, and only before completion (for a
    /// transfer between provinces, before the record moves, which is at completion).
    public func cancel(_ id: String, reason: String?, by actor: Actor) throws -> StoredChange {
        let text = reason?.trimmedBlanks ?? ""
        guard text.count <= 500 else { throw ChangeRefusal.invalidData("reason", zh: "原因不能超过500字。", en: "At most 500 characters.") }
        let now = clock.now()
        return try database.write { connection in
            let repository = ChangeRepository(connection)
            guard actor.role != .analyst else { throw DomainError.forbidden }
            guard id.utf8.count <= 40, let change = try repository.get(id), isVisible(change, to: actor) else { throw Self.unknownChange }
            guard actor.role == .schoolRegistrar || actor.role == .schoolApprover, actor.scope.description == change.initiatorScope else {
                throw DomainError(.forbidden, code: "initiator_only", message: LocalizedText(zh: "只有发起学校可以撤销。", en: "Only the initiating school may cancel."))
            }
            if text.isEmpty { throw ChangeRefusal.reasonRequired }
            switch change.state {
            case "completed": throw ChangeRefusal.cancelTooLate
            case "pending": break
            default: throw ChangeRefusal.changeClosed
            }
            guard try repository.finish(change: change.id, state: "cancelled", now: now) else { throw ChangeRefusal.stepAlreadyDecided }
            try repository.skipWaiting(change: change.id)
            try repository.log(change: change.id, user: actor.userID, action: "cancelled", from: change.pendingStep?.code, to: nil, comment: text, now: now)
            try audit.record(connection, actor: actor, action: "change.cancel", subject: change.publicID, now: now)
            guard let updated = try repository.get(id) else { throw Self.unknownChange }
            return updated
        }
    }

    /// Decides the step at `position` and moves the change on: the next step opens with its
    /// deadline, or the change completes and its effect is applied, or (on a rejection) it ends.
    /// Runs inside the caller's write transaction.
    func advance(_ connection: Connection, change id: Int64, position: Int, decision: Decision, comment: String?,
                 by actor: Actor, intervened: Bool, now: Int64) throws {
        let repository = ChangeRepository(connection)
        let state = decision == .approve ? "approved" : "rejected"
        guard try repository.decide(change: id, position: position, state: state, by: actor.userID, comment: comment, intervened: intervened, now: now) else {
            throw ChangeRefusal.stepAlreadyDecided
        }
        guard let publicID = try connection.queryOne("SELECT public_id FROM changes WHERE id = ?", .integer(id))?[0].string,
              let change = try repository.get(publicID) else { throw Self.unknownChange }
        let step = change.steps[position]
        let action = intervened ? "intervened" : (decision == .approve ? "approved" : "rejected")
        if decision == .reject {
            guard try repository.finish(change: id, state: "rejected", now: now) else { throw ChangeRefusal.stepAlreadyDecided }
            try repository.skipWaiting(change: id)
            if position > 0 { try repository.log(change: id, user: actor.userID, action: action, from: step.code, to: nil, comment: comment, now: now) }
            return
        }
        if let next = change.steps.first(where: { $0.position > position }) {
            let calendar = try CalendarRepository(connection).calendar()
            let settings = ProvinceSettings.forProvince(String(next.partyCode.prefix(2)))  // the party's province sets its deadline
            try repository.open(change: id, position: next.position, due: calendar.due(after: clock.today, workingDays: settings.stepWorkingDays), now: now)
            if position > 0 { try repository.log(change: id, user: actor.userID, action: action, from: step.code, to: next.code, comment: comment, now: now) }
        } else {
            let snapshot = try ChangeEffects(connection: connection, clock: clock).apply(change)
            guard try repository.finish(change: id, state: "completed", snapshot: snapshot, now: now) else { throw ChangeRefusal.stepAlreadyDecided }
            try repository.log(change: id, user: actor.userID, action: position > 0 ? action : "completed", from: step.code, to: nil, comment: comment, now: now)
        }
    }
}
