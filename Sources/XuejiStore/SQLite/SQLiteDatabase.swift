import Foundation

/// The embedded database: one SQLite file in WAL mode with one writer connection and a pool of
/// readers (ARCHITECTURE.md "Storage"). WAL lets readers run while the writer commits.
public final class SQLiteDatabase: Database, @unchecked Sendable {
    // @unchecked: the connections are only reached through the pools, one thread at a time.
    public let dialect = SQLDialect.sqlite
    public let path: String
    private let writer: ConnectionPool<SQLiteConnection>
    private let readers: ConnectionPool<SQLiteConnection>
    private let walIndex: WALIndexWatcher?

    /// Opens (or creates) the file, refusing clearly when it is not usable: not a SQLite file, a file
    /// without write permission, or a directory that cannot be created.
    public init(path: String, readers readerCount: Int = 4) throws {
        self.path = path
        try Self.checkFile(path)
        let writerConnection = try SQLiteConnection(path: path, readOnly: false)
        if writerConnection.isReadOnly {
            throw DatabaseError(.readOnly, "the SQLite database \(path) is read-only; Xueji needs to write to it")
        }
        do {
            // journal_mode answers with the mode in force; anything but "wal" means WAL is unavailable.
            let mode = try writerConnection.query("PRAGMA journal_mode=WAL", []).first?[0].string
            guard mode?.lowercased() == "wal" else {
                throw DatabaseError(.unavailable, "cannot switch \(path) to WAL mode (got \(mode ?? "nothing"))")
            }
            // A 64 MiB page cache for the one writer: an import or a promotion touches many pages in one
            // transaction, and with the default 2 MiB they were read and spilled over and over.
            try writerConnection.executeScript("PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA mmap_size=\(Self.mmapSize); PRAGMA cache_size=-65536;")
        } catch let e as DatabaseError where e.code == .notADatabase {
            throw DatabaseError(.notADatabase, "\(path) is not a SQLite database")
        }
        var readerConnections: [SQLiteConnection] = []
        for _ in 0..<max(1, readerCount) {
            let reader = try SQLiteConnection(path: path, readOnly: false)
            try reader.executeScript("PRAGMA foreign_keys=ON; PRAGMA query_only=ON; PRAGMA mmap_size=\(Self.mmapSize); PRAGMA cache_size=-32768;")
            readerConnections.append(reader)
        }
        // A first read transaction sets up the wal-index (the -shm file) before it is mapped.
        _ = try readerConnections[0].query("PRAGMA schema_version", [])
        walIndex = WALIndexWatcher(databasePath: path)
        writer = ConnectionPool([writerConnection], timeout: 60)
        readers = ConnectionPool(readerConnections)
    }

    public func changeStamp() -> ChangeStamp? { walIndex?.stamp() }

    /// Reads through memory-mapped I/O instead of a `pread` per page (sqlite.org/mmap.html): a
    /// province's database is a few GB and the kernel's page cache is shared by every connection.
    static let mmapSize = 8 << 30

    private static func checkFile(_ path: String) throws {
        let fm = FileManager.default
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty && !fm.fileExists(atPath: directory) {
            do { try fm.createDirectory(atPath: directory, withIntermediateDirectories: true) }
            catch { throw DatabaseError(.unavailable, "cannot create the directory \(directory) for the database: \(error.localizedDescription)") }
        }
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else { return }
        if isDirectory.boolValue { throw DatabaseError(.unavailable, "\(path) is a directory, not a database file") }
        // Root may write to any file, so the permission bits are checked too: a file nobody may write
        // is the operator saying "read-only", and serving from it would fail at the first write.
        if let mode = (try? fm.attributesOfItem(atPath: path))?[.posixPermissions] as? Int, mode & 0o222 == 0 {
            throw DatabaseError(.readOnly, "the SQLite database \(path) is read-only (mode \(String(mode, radix: 8))); Xueji needs to write to it")
        }
        if !fm.isWritableFile(atPath: path) {
            throw DatabaseError(.readOnly, "the SQLite database \(path) is not writable by this user")
        }
    }

    /// Runs `body` in one read transaction: its queries see one snapshot (a pupil and its guardians
    /// can never come from either side of a concurrent edit), and the WAL read lock is taken once.
    /// Every read transaction takes the VFS's shared-memory mutex and an `fcntl` lock twice; with
    /// one per statement, two HTTP threads contended on that mutex more than on anything else.
    public func read<T>(_ body: (Connection) throws -> T) throws -> T {
        try readers.with { try Self.transaction($0, begin: "BEGIN", body) }
    }

    public func write<T>(_ body: (Connection) throws -> T) throws -> T {
        // IMMEDIATE takes the write lock up front, so two writers never deadlock upgrading a read lock.
        try writer.with { try Self.transaction($0, begin: "BEGIN IMMEDIATE", body) }
    }

    /// `body` between `begin` and COMMIT, rolled back when it throws.
    private static func transaction<T>(_ connection: SQLiteConnection, begin: String, _ body: (Connection) throws -> T) throws -> T {
        try connection.execute(begin, [])
        do {
            let result = try body(connection)
            try connection.execute("COMMIT", [])
            return result
        } catch {
            _ = try? connection.execute("ROLLBACK", [])
            throw error
        }
    }

    public func close() {
        _ = readers.drain()
        _ = writer.drain()
    }
}
