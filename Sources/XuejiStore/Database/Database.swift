/// The two SQL engines Xueji runs on. Migrations and repositories share one dialect wherever they can
/// (ARCHITECTURE.md "Storage"); where they cannot, they ask `dialect`.
public enum SQLDialect: String, Sendable {
    case sqlite
    case postgres
}

/// One open connection, used by one thread at a time. Statements take `?` placeholders in both
/// engines; the PostgreSQL driver rewrites them to `$n`.
public protocol Connection: AnyObject {
    var dialect: SQLDialect { get }

    /// Runs a statement and returns the number of rows it changed.
    @discardableResult
    func execute(_ sql: String, _ parameters: [SQLValue]) throws -> Int

    /// Runs a query and returns all its rows.
    func query(_ sql: String, _ parameters: [SQLValue]) throws -> [Row]

    /// Runs several `;`-separated statements without parameters (migrations).
    func executeScript(_ sql: String) throws

    /// Loads many rows into one table as fast as the engine allows: a prepared INSERT reused per row
    /// on SQLite, `COPY … FROM STDIN` on PostgreSQL. Returns the number of rows loaded.
    @discardableResult
    func bulkInsert(table: String, columns: [String], rows: [[SQLValue]]) throws -> Int
}

extension Connection {
    @discardableResult
    public func execute(_ sql: String, _ parameters: SQLValue...) throws -> Int {
        try execute(sql, parameters)
    }

    public func query(_ sql: String, _ parameters: SQLValue...) throws -> [Row] {
        try query(sql, parameters)
    }

    public func queryOne(_ sql: String, _ parameters: [SQLValue]) throws -> Row? {
        try query(sql, parameters).first
    }

    public func queryOne(_ sql: String, _ parameters: SQLValue...) throws -> Row? {
        try query(sql, parameters).first
    }
}

/// A database: a pool of connections with one way in for reads and one for atomic writes.
public protocol Database: AnyObject, Sendable {
    var dialect: SQLDialect { get }

    /// Runs `body` on a connection for reading. Nothing it writes is guaranteed to be kept.
    func read<T>(_ body: (Connection) throws -> T) throws -> T

    /// Runs `body` in one transaction: everything it writes is kept, or nothing is (the body threw).
    /// On SQLite this is the single writer (`BEGIN IMMEDIATE`); on PostgreSQL a pooled connection.
    func write<T>(_ body: (Connection) throws -> T) throws -> T

    /// The state of the whole database now, when the engine can tell it without a query (SQLite in
    /// WAL mode); nil otherwise (PostgreSQL), and nil while a commit is being published.
    func changeStamp() -> ChangeStamp?

    /// Closes every connection. The database must not be used afterwards.
    func close()
}
