import XuejiCore
import XuejiStore

extension PupilService {
    public struct ApprovalResult: Sendable {
        public var approved: [String] = []
        public var refused: [(number: String, code: String)] = []
    }

    /// The bureau approves (核准) registrations in batches (DOMAIN.md §4). Each number is decided on
    /// its own: one refusal does not hold back the rest.
    public func approve(_ numbers: [String], by actor: Actor) throws -> ApprovalResult {
        guard actor.role == .bureauReviewer || actor.role == .systemAdmin else { throw DomainError.forbidden }
        guard numbers.count <= 1_000 else {
            throw DomainError.validation([FieldError(field: "numbers", code: "too_many", message: LocalizedText(zh: "每批最多1000个。", en: "At most 1,000 per batch."))])
        }
        let now = clock.now()
        return try database.write { connection in
            var result = ApprovalResult()
            let pupils = PupilRepository(connection), problems = ProblemRepository(connection)
            for number in numbers {
                guard let pupil = try pupils.find(number: number.uppercased(), scope: ScopeFilter(actor.scope)) else {
                    result.refused.append((number, "not_found")); continue
                }
                if try problems.openCount(pupil: pupil.id) > 0 { result.refused.append((number, "problem_record")); continue }
                guard try pupils.approve(id: pupil.id, by: actor.userID, now: now) else { result.refused.append((number, "already_approved")); continue }
                try audit.record(connection, actor: actor, action: "pupil.approve", subject: pupil.number.rawValue, now: now)
                result.approved.append(pupil.number.rawValue)
            }
            return result
        }
    }

    /// Memberships and field edits in time order (API.md `GET /pupils/{number}/history`).
    /// The pupil as the caller may see it (one audited view), with memberships and field edits.
    public func history(_ number: String, by actor: Actor) throws -> (view: PupilView, memberships: [Row], edits: [Row]) {
        let view = try get(number, by: actor)
        let (memberships, edits) = try database.read { c in
            (try PupilRepository(c).memberships(of: view.pupil.id), try PupilRepository(c).edits(of: view.pupil.id))
        }
        return (view, memberships, edits)
    }
}
