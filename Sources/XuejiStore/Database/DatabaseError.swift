/// A failure reported by a database engine, with the engine's own message and the SQL that caused it.
///
/// `code` classifies what callers react to (a unique violation becomes a 409, `unavailable` a
/// clear start-up error); everything else is a defect and is reported as such, never shown raw to users.
public struct DatabaseError: Error, CustomStringConvertible, Sendable {
    public enum Code: Sendable, Equatable {
        case uniqueViolation
        case foreignKeyViolation
        case checkViolation
        case busy
        case serializationFailure
        /// The database cannot be opened or reached at all.
        case unavailable
        /// The file exists but is not a database of this engine.
        case notADatabase
        case readOnly
        case schemaOutdated
        case other
    }

    public let code: Code
    public let message: String
    public let sql: String?
    /// The engine's own code: an SQLite extended result code or a PostgreSQL SQLSTATE.
    public let engineCode: String?

    public init(_ code: Code, _ message: String, sql: String? = nil, engineCode: String? = nil) {
        self.code = code
        self.message = message
        self.sql = sql
        self.engineCode = engineCode
    }

    public var description: String {
        var s = message
        if let engineCode { s += " [\(engineCode)]" }
        if let sql { s += " — in: \(sql.prefix(200))" }
        return s
    }
}
