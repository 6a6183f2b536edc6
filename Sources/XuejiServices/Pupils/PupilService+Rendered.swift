import XuejiCore
import XuejiStore

/// A pupil's record as the bytes of an answer, with the version its ETag names.
public struct RenderedPupil: Sendable {
    public let body: [UInt8]
    public let version: Int
}

/// Who asked for which number: for the roles of `seesOnlyMasked` this decides the whole answer.
struct MaskedLookup: Hashable, Sendable {
    let role: Role
    let scope: Scope
    let number: String
}

extension PupilService {
    /// Roles whose view of a record is masked whatever its state and found by scope alone: no step of
    /// a change waits on them (`Actor.stepParty` is nil), so nothing is unmasked and nothing audited.
    /// For them, `get` is a function of (role, scope, number) and the database's contents.
    static func seesOnlyMasked(_ role: Role) -> Bool {
        switch role {
        case .systemAdmin, .bureauAdmin: return true
        case .bureauReviewer, .schoolRegistrar, .schoolApprover, .analyst: return false
        }
    }

    /// `get`, rendered by `render`. A bureau administrator's lookups are reused while the database
    /// stays at the stamp read before the first one was made (`StampedCache`): the answer is the one
    /// a fresh query would give, byte for byte, without the two queries and the rendering. Everyone
    /// else, and every engine without a stamp (PostgreSQL), goes to the database every time.
    public func rendered(_ number: String, by actor: Actor, render: (PupilView) -> [UInt8]) throws -> RenderedPupil {
        guard Self.seesOnlyMasked(actor.role), let stamp = database.changeStamp() else {
            let view = try get(number, by: actor)
            return RenderedPupil(body: render(view), version: view.pupil.version)
        }
        let key = MaskedLookup(role: actor.role, scope: actor.scope, number: number.uppercased())
        if let kept = maskedRecords.value(for: key, at: stamp) { return kept }
        // The read below sees the database at `stamp` or later; if later, the stamp has moved and
        // `store` keeps nothing.
        let view = try get(number, by: actor)
        let answer = RenderedPupil(body: render(view), version: view.pupil.version)
        maskedRecords.store(answer, for: key, readAt: stamp)
        return answer
    }
}
