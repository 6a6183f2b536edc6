import Foundation
import Synchronization
import XuejiServices

/// One effect per form, however often it is sent (issue 7, "a double-submitted form"): each form
/// that creates something carries a random `form_key`; the first submission claims it, a second one
/// sent while the first runs waits for it, and any later one is answered with the page the first
/// one led to. Kept in this process's memory for an hour (Xueji serves from one process,
/// docs/architecture.md); the API's `Idempotency-Key` is the durable equivalent for programs.
enum FormKey {
    private enum State { case running, done(String) }
    private static let entries = Mutex<[String: (state: State, at: Date)]>([:])

    static func new() -> String { UUID().uuidString }

    private static func key(_ formKey: String?, _ identity: SessionIdentity) -> String? {
        guard let formKey, formKey.utf8.count == 36 else { return nil }
        return "\(identity.actor.userID):\(formKey)"
    }

    /// The page the first submission of this form led to, waiting (up to 10 s) for one in progress;
    /// nil when this submission is the first, which then owns the key.
    static func done(_ formKey: String?, identity: SessionIdentity) -> String? {
        guard let key = key(formKey, identity) else { return nil }
        for _ in 0..<200 {
            let answer: State? = entries.withLock { entries in
                let now = Date()
                if entries.count > 10_000 { entries = entries.filter { now.timeIntervalSince($0.value.at) < 3600 } }
                if let entry = entries[key], now.timeIntervalSince(entry.at) < 3600 { return entry.state }
                entries[key] = (.running, now)
                return nil
            }
            switch answer {
            case nil: return nil
            case .done(let page): return page
            case .running: Thread.sleep(forTimeInterval: 0.05)
            }
        }
        return nil
    }

    /// Records where the first submission led; `nil` (it failed) frees the key for a corrected retry.
    static func remember(_ formKey: String?, identity: SessionIdentity, result: String?) {
        guard let key = key(formKey, identity) else { return }
        entries.withLock { entries in entries[key] = result.map { (.done($0), Date()) } }
    }
}
