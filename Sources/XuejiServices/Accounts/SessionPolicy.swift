/// How long a login lasts. Defaults suit a registrar's working day; the operator may change them.
public struct SessionPolicy: Sendable {
    /// A session unused this long ends (ms).
    public var idleTimeout: Int64 = 2 * 3_600_000
    /// A session ends this long after login, however busy (ms).
    public var absoluteTimeout: Int64 = 12 * 3_600_000
    /// Whether the session cookie carries `Secure` (only sent over HTTPS): on when Xueji is served
    /// behind TLS (`xueji serve --secure-cookies`).
    public var secureCookies = false
    /// How long a confirmed session is trusted without asking the database again (ms). Logout is
    /// immediate; a disabled account in another process stops working within this time.
    public var cacheMilliseconds: Int64 = 5_000
    /// An account not used for this long is frozen until an administrator above re-enables it (ms;
    /// issue 4: 90 days).
    public var freezeAfterMilliseconds: Int64 = 90 * 86_400_000
    /// Login attempts per account name before it is locked (issue 4: 5).
    public var maxFailuresPerAccount = 5
    /// Login attempts per client address before it is locked; higher, since a school's staff often
    /// share one address behind NAT.
    public var maxFailuresPerAddress = 30
    /// How long a lock lasts, and the window attempts are counted in (ms; issue 4: 15 minutes).
    public var lockoutMilliseconds: Int64 = 15 * 60_000
    /// Shortest password accepted. The common-password check and lockout come with account hardening.
    public var minimumPasswordLength = 10

    public init() {}
}
