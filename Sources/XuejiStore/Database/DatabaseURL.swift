/// Where the data lives, as given to `--db`: `sqlite:PATH` or `postgres://…` (API.md "Command line").
public enum DatabaseURL: Sendable, Equatable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(url: String)

    public static let defaultValue = DatabaseURL.sqlite(path: "./data/xueji.sqlite")

    public init?(_ text: String) {
        if text.hasPrefix("sqlite:") {
            var path = String(text.dropFirst("sqlite:".count))
            if path.hasPrefix("//") { path.removeFirst(2) }
            guard !path.isEmpty else { return nil }
            self = .sqlite(path: path)
        } else if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
            self = .postgres(url: text)
        } else {
            return nil
        }
    }

    /// The URL exactly as given, password included: for passing on to another process, never for logs.
    public var rawValue: String {
        switch self {
        case .sqlite(let path): return "sqlite:\(path)"
        case .postgres(let url): return url
        }
    }

    /// A form safe for logs: the PostgreSQL password is replaced by `***`.
    public var description: String {
        switch self {
        case .sqlite(let path): return "sqlite:\(path)"
        case .postgres(let url):
            guard let at = url.firstIndex(of: "@"), let schemeEnd = url.range(of: "://")?.upperBound,
                  let colon = url[schemeEnd..<at].firstIndex(of: ":") else { return url }
            return String(url[..<url.index(after: colon)]) + "***" + String(url[at...])
        }
    }

    /// Opens the database this URL names.
    public func open() throws -> any Database {
        switch self {
        case .sqlite(let path): return try SQLiteDatabase(path: path)
        case .postgres(let url): return try PostgresDatabase(url: url)
        }
    }
}
