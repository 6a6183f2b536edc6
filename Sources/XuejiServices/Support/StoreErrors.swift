import XuejiCore
import XuejiStore

extension DomainError {
    /// The answer when the database is busy beyond its timeout: try again, nothing was written.
    static let busy = DomainError(.conflict, code: "busy",
                                  message: LocalizedText(zh: "系统繁忙，未做任何更改，请稍后重试。", en: "The system is busy; nothing was changed. Please try again."))
}

/// Runs a store call and turns a lost race on a unique key into the caller's domain error.
func onUniqueViolation<T>(_ error: DomainError, _ body: () throws -> T) throws -> T {
    do { return try body() }
    catch let e as DatabaseError where e.code == .uniqueViolation { throw error }
    catch let e as DatabaseError where e.code == .busy || e.code == .serializationFailure { throw DomainError.busy }
}
