import Foundation
import Testing
@testable import XuejiStore
import XuejiTestSupport

/// The change stamp says "nothing committed since" only when that is true, whoever committed.
struct ChangeStampTests {
    @Test func sqliteStampMovesWithEveryCommitFromAnyConnection() throws {
        let test = try TestDatabase(.sqlite, migrate: false)
        let database = test.database
        _ = try database.write { try $0.executeScript("CREATE TABLE t (n INTEGER)") }
        let first = try #require(database.changeStamp())
        _ = try database.read { try $0.query("SELECT count(*) FROM t", []) }
        #expect(database.changeStamp() == first, "a read commits nothing")

        _ = try database.write { try $0.execute("INSERT INTO t VALUES (1)", []) }
        let afterOwnWrite = try #require(database.changeStamp())
        #expect(afterOwnWrite != first)

        // A second handle on the same file stands for another process (the CLI, an operator's sqlite3).
        guard case .sqlite(let path) = test.url else { Issue.record("not a SQLite URL"); return }
        let other = try SQLiteDatabase(path: path, readers: 1)
        defer { other.close() }
        _ = try other.write { try $0.execute("UPDATE t SET n = 2", []) }
        let afterOtherWrite = try #require(database.changeStamp())
        #expect(afterOtherWrite != afterOwnWrite)

        // A checkpoint that restarts the WAL sets the frame count back to where it was; the salts
        // and the change counter still tell the states apart.
        var stamps: Set<ChangeStamp> = [first, afterOwnWrite, afterOtherWrite]
        for n in 3...6 {
            #expect(try SQLiteShell.checkpoint(path) == "0|0|0", "the checkpoint was blocked")
            _ = try other.write { try $0.execute("UPDATE t SET n = ?", [.integer(Int64(n))]) }
            let stamp = try #require(database.changeStamp())
            #expect(!stamps.contains(stamp), "after checkpoint \(n) the stamp repeats an earlier state")
            stamps.insert(stamp)
        }
        // A transaction that commits nothing leaves the stamp alone.
        let settled = database.changeStamp()
        try database.write { _ in }
        #expect(database.changeStamp() == settled)
    }

    @Test func postgresHasNoStamp() throws {
        guard Engine.available.contains(.postgres) else { return }
        let test = try TestDatabase(.postgres, migrate: false)
        #expect(test.database.changeStamp() == nil)
    }
}
