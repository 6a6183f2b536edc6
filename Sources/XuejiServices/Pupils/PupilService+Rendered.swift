import XuejiCore
import XuejiStore

/// A pupil's record as the bytes of an answer, with the version its ETag names.
public struct RenderedPupil: Sendable {
    public let body: [UInt8]
    public let version: Int
}

/// Who asked for which number. Of the caller, `get` depends on its role and scope only (they also
/// make its change-step party); besides them it depends on the database alone, not on the clock or
/// the user.
struct MaskedLookup: Hashable, Sendable {
    let role: Role
    let scope: Scope
    let number: String
}

extension PupilService {
    /// `get`, rendered by `render`. A masked answer is reused while the database stays at the stamp
    /// read before it was computed (`StampedCache`): byte for byte what a fresh query would give,
    /// without the queries and the rendering. A full view is never kept, since every one must be
    /// written to the audit log; nor is anything on an engine without a stamp (PostgreSQL).
    public func rendered(_ number: String, by actor: Actor, render: (PupilView) -> [UInt8]) throws -> RenderedPupil {
        try requireReader(actor)
        guard let stamp = database.changeStamp() else {
            let view = try get(number, by: actor)
            return RenderedPupil(body: render(view), version: view.pupil.version)
        }
        let key = MaskedLookup(role: actor.role, scope: actor.scope, number: number.uppercased())
        if let kept = maskedRecords.value(for: key, at: stamp) { return kept }
        // The read below sees the database at `stamp` or later; if later, the stamp has moved and
        // `store` keeps nothing.
        let view = try get(number, by: actor)
        let answer = RenderedPupil(body: render(view), version: view.pupil.version)
        if !view.unmasked { maskedRecords.store(answer, for: key, readAt: stamp) }
        return answer
    }
}
