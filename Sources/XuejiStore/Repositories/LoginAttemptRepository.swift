/// Counts login attempts per key ("user:…", "addr:…") for the lockout (issue 4).
public struct LoginAttemptRepository {
    let connection: Connection
    public init(_ connection: Connection) { self.connection = connection }

    /// Counts one more attempt unless the key is locked, and locks it when the count reaches `max`.
    /// Returns the lock's end when the attempt is refused. The count is raised by one atomic upsert,
    /// so parallel attempts each get their own number even on PostgreSQL under READ COMMITTED:
    /// attempts numbered 1…max go ahead, later ones are refused.
    public func take(_ key: String, max: Int, window: Int64, now: Int64) throws -> Int64? {
        if let lockedUntil = try connection.queryOne("SELECT locked_until FROM login_attempts WHERE key = ?", .text(key))?.int64("locked_until"),
           lockedUntil > now { return lockedUntil }
        guard let row = try connection.queryOne("""
            INSERT INTO login_attempts (key, failures, window_start, locked_until) VALUES (?, 1, ?, 0)
            ON CONFLICT (key) DO UPDATE SET
                failures = CASE WHEN login_attempts.window_start < ? THEN 1 ELSE login_attempts.failures + 1 END,
                window_start = CASE WHEN login_attempts.window_start < ? THEN ? ELSE login_attempts.window_start END,
                locked_until = CASE WHEN login_attempts.locked_until <= ? THEN 0 ELSE login_attempts.locked_until END
            RETURNING failures
            """, [.text(key), .integer(now), .integer(now - window), .integer(now - window), .integer(now), .integer(now)]),
              let count = row.int("failures") else { return nil }
        if count > max { return now + window }
        if count == max {
            try connection.execute("UPDATE login_attempts SET locked_until = ? WHERE key = ?", .integer(now + window), .text(key))
        }
        return nil
    }

    /// Forgets the count after a successful login.
    public func reset(_ key: String) throws {
        try connection.execute("DELETE FROM login_attempts WHERE key = ?", .text(key))
    }

    /// Gives back one counted attempt that turned out to be a success (an address shared by a whole
    /// school must not lock itself with correct logins). A lock already in force stays.
    public func release(_ key: String) throws {
        try connection.execute("UPDATE login_attempts SET failures = failures - 1 WHERE key = ? AND failures > 0 AND locked_until = 0", .text(key))
    }
}
