import Foundation

/// The sqlite3 shell (a Debian package `make test` installs), for what an operator does by hand.
public enum SQLiteShell {
    /// `PRAGMA wal_checkpoint(TRUNCATE)` outside any transaction; answers "busy|log|checkpointed"
    /// ("0|0|0" when it completed and emptied the WAL).
    public static func checkpoint(_ path: String) throws -> String {
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        shell.arguments = [path, "PRAGMA wal_checkpoint(TRUNCATE);"]
        let out = Pipe()
        shell.standardOutput = out
        try shell.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        shell.waitUntilExit()
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
