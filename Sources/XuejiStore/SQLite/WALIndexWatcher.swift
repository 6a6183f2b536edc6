import CSQLite
import Foundation

/// Reads the change stamp of a SQLite database in WAL mode from its wal-index (the `-shm` file),
/// without a query or a lock.
///
/// Every commit, by any connection of any process, writes a new wal-index header: `iChange` goes up
/// by one, `mxFrame` and the frame checksum move, and a WAL restart changes the salts
/// (sqlite.org/walformat.html §2.1, "The WAL-Index Header"). So two equal headers mean no commit in
/// between. The header is mapped read-only and shared; reading it is two copies of 48 bytes.
///
/// The mapping stays valid while this process keeps a connection open: SQLite rebuilds or removes
/// the `-shm` file only when the last connection to the database closes, and the server's pool
/// holds its connections for its whole life.
final class WALIndexWatcher: @unchecked Sendable {
    // @unchecked: `header` is set once in init and only read afterwards.
    private let header: UnsafeRawPointer
    private static let length = 96   // both copies of the 48-byte header

    /// Nil when the file cannot be mapped (the caller then reuses nothing).
    init?(databasePath: String) {
        let descriptor = open(databasePath + "-shm", O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, Int(status.st_size) >= Self.length else { return nil }
        let mapped = mmap(nil, Self.length, PROT_READ, MAP_SHARED, descriptor, 0)
        guard let mapped, mapped != MAP_FAILED else { return nil }
        header = UnsafeRawPointer(mapped)
    }

    deinit { munmap(UnsafeMutableRawPointer(mutating: header), Self.length) }

    /// The header now, or nil while a commit is writing it.
    func stamp() -> ChangeStamp? {
        var words = (UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0),
                     UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0))
        let consistent = withUnsafeMutableBytes(of: &words) { out in
            xj_wal_index_header(header, out.baseAddress!.assumingMemoryBound(to: UInt32.self))
        }
        guard consistent == 1 else { return nil }
        return withUnsafeBytes(of: words) { b in
            ChangeStamp(w0: b.load(fromByteOffset: 0, as: UInt64.self), w1: b.load(fromByteOffset: 8, as: UInt64.self),
                        w2: b.load(fromByteOffset: 16, as: UInt64.self), w3: b.load(fromByteOffset: 24, as: UInt64.self),
                        w4: b.load(fromByteOffset: 32, as: UInt64.self), w5: b.load(fromByteOffset: 40, as: UInt64.self))
        }
    }
}
