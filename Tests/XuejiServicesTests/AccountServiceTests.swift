import Testing
import XuejiCore
@testable import XuejiServices
import XuejiStore
import XuejiTestSupport

struct AccountServiceTests {
    let clock = Clock { 1_780_000_000_000 }

    func seeded(_ engine: Engine) throws -> (TestDatabase, AccountService, SchoolService) {
        let test = try TestDatabase(engine)
        let accounts = AccountService(database: test.database, clock: clock)
        let schools = SchoolService(database: test.database, clock: clock)
        _ = try accounts.create(AccountDraft(username: "root", password: "root-password-1", role: "system_admin", scope: "000000"), by: nil)
        _ = try schools.create(SchoolDraft(code: "4101020001", name: "一小", region: "410102", type: "primary", ownership: "public",
                                           locality: "urban", grades: [1, 2, 3, 4, 5, 6]), by: .commandLine)
        _ = try schools.create(SchoolDraft(code: "4201020001", name: "武汉一小", region: "420102", type: "primary", ownership: "public",
                                           locality: "urban", grades: [1, 2, 3, 4, 5, 6]), by: .commandLine)
        return (test, accounts, schools)
    }

    @Test(arguments: Engine.available)
    func loginOpensASessionThatLogoutEnds(_ engine: Engine) throws {
        let (test, accounts, _) = try seeded(engine)
        defer { withExtendedLifetime(test) {} }
        let session = try accounts.login(username: "root", password: "root-password-1")
        let identity = try #require(try accounts.identity(sessionToken: session.token))
        #expect(identity.actor.role == .systemAdmin && identity.csrfToken == session.csrfToken)
        try accounts.logout(sessionToken: session.token)
        #expect(try accounts.identity(sessionToken: session.token) == nil)
    }

    @Test(arguments: Engine.available)
    func wrongPasswordAndUnknownUserGetTheSameAnswer(_ engine: Engine) throws {
        let (test, accounts, _) = try seeded(engine)
        defer { withExtendedLifetime(test) {} }
        for (user, password) in [("root", "wrong-password"), ("nobody", "root-password-1")] {
            #expect { try accounts.login(username: user, password: password) } throws: { ($0 as? DomainError)?.code == "invalid_credentials" }
        }
    }

    @Test(arguments: Engine.available)
    func sessionsExpireWhenIdle(_ engine: Engine) throws {
        let (test, accounts, _) = try seeded(engine)
        let session = try accounts.login(username: "root", password: "root-password-1")
        let later = AccountService(database: test.database, clock: Clock { 1_780_000_000_000 + 3 * 3_600_000 })
        #expect(try later.identity(sessionToken: session.token) == nil)
    }

    @Test(arguments: Engine.available)
    func aBureauAdminCreatesOnlyInsideItsSubtreeAndNeverAbove(_ engine: Engine) throws {
        let (test, accounts, _) = try seeded(engine)
        defer { withExtendedLifetime(test) {} }
        let henan = try accounts.create(AccountDraft(username: "henan-admin", password: "henan-password-1", role: "bureau_admin", scope: "410000"), by: nil).actor
        _ = try accounts.create(AccountDraft(username: "zz-reviewer", password: "review-password-1", role: "bureau_reviewer", scope: "410102"), by: henan)
        _ = try accounts.create(AccountDraft(username: "yixiao-reg", password: "registrar-pass-1", role: "school_registrar", scope: "4101020001"), by: henan)
        let refusals: [AccountDraft] = [
            AccountDraft(username: "evil-root", password: "root-password-2", role: "system_admin", scope: "000000"),
            AccountDraft(username: "hubei-admin", password: "hubei-password-1", role: "bureau_admin", scope: "420000"),
            AccountDraft(username: "wuhan-reg", password: "registrar-pass-2", role: "school_registrar", scope: "4201020001"),
            AccountDraft(username: "nation-analyst", password: "analyst-pass-1", role: "analyst", scope: "000000"),
        ]
        for draft in refusals {
            #expect(throws: DomainError.self, "\(draft.username) must be refused") { try accounts.create(draft, by: henan) }
        }
        let listed = try accounts.list(by: henan, scope: nil, after: nil, limit: 50).items.map(\.username)
        #expect(listed == ["henan-admin", "yixiao-reg", "zz-reviewer"])
    }

    @Test(arguments: Engine.available)
    func accountInputIsCheckedAllAtOnce(_ engine: Engine) throws {
        let (test, accounts, _) = try seeded(engine)
        defer { withExtendedLifetime(test) {} }
        #expect {
            try accounts.create(AccountDraft(username: "x' OR 1=1 --", password: "short", role: "emperor", scope: "12"), by: nil)
        } throws: { error in
            Set((error as? DomainError)?.fieldErrors.map(\.field) ?? []) == ["username", "password", "role", "scope"]
        }
        #expect {
            try accounts.create(AccountDraft(username: "reg-wrong-scope", password: "long-enough-pass", role: "school_registrar", scope: "410102"), by: nil)
        } throws: { ($0 as? DomainError)?.fieldErrors.first?.code == "scope_role_mismatch" }
        #expect {
            try accounts.create(AccountDraft(username: "root", password: "long-enough-pass", role: "analyst", scope: "410000"), by: nil)
        } throws: { ($0 as? DomainError)?.code == "username_taken" }
    }
}

struct LockoutTests {
    @Test(arguments: Engine.available)
    func fiveFailuresLockTheAccountEvenForTheRightPassword(_ engine: Engine) throws {
        let test = try TestDatabase(engine)
        var now: Int64 = 1_780_000_000_000
        let accounts = { AccountService(database: test.database, clock: Clock { [now] in now }) }
        _ = try accounts().create(AccountDraft(username: "reg", password: "right-password-1", role: "system_admin", scope: "000000"), by: nil)
        for _ in 0..<4 {
            #expect { try accounts().login(username: "reg", password: "wrong", address: "10.0.0.1") } throws: { ($0 as? DomainError)?.code == "invalid_credentials" }
        }
        // The fifth attempt is still checked; after it the account is locked.
        #expect { try accounts().login(username: "reg", password: "wrong", address: "10.0.0.1") } throws: { ($0 as? DomainError)?.code == "invalid_credentials" }
        #expect { try accounts().login(username: "reg", password: "right-password-1", address: "10.0.0.2") } throws: { error in
            guard let e = error as? DomainError else { return false }
            return e.kind == .rateLimited && e.code == "too_many_attempts" && Int(e.extras["retry_after"] ?? "") ?? 0 > 800
        }
        now += 16 * 60_000
        #expect(try accounts().login(username: "reg", password: "right-password-1", address: "10.0.0.2").account.username == "reg")
    }

    @Test(arguments: Engine.available)
    func unknownAccountsLockTheSameWay(_ engine: Engine) throws {
        let test = try TestDatabase(engine)
        let accounts = AccountService(database: test.database, clock: Clock { 1_780_000_000_000 })
        for _ in 0..<5 { _ = try? accounts.login(username: "nobody", password: "guess") }
        #expect { try accounts.login(username: "nobody", password: "guess") } throws: { ($0 as? DomainError)?.code == "too_many_attempts" }
    }

    @Test(arguments: Engine.available)
    func correctLoginsFromOneAddressNeverLockIt(_ engine: Engine) throws {
        let test = try TestDatabase(engine)
        let accounts = AccountService(database: test.database, clock: Clock { 1_780_000_000_000 })
        _ = try accounts.create(AccountDraft(username: "teacher", password: "right-password-1", role: "system_admin", scope: "000000"), by: nil)
        for _ in 0..<40 { _ = try accounts.login(username: "teacher", password: "right-password-1", address: "10.9.9.9") }
    }
}

struct PasswordPolicyTests {
    @Test func commonPasswordsAndTheUsernameAreRefused() throws {
        let test = try TestDatabase(.sqlite)
        let accounts = AccountService(database: test.database, clock: Clock { 1_780_000_000_000 })
        for password in ["password123", "QWERTYUIOP", "woaini1314", "1234567890", "registrar-01"] {
            #expect(throws: DomainError.self, "\(password) must be refused") {
                try accounts.create(AccountDraft(username: "registrar-01", password: password, role: "system_admin", scope: "000000"), by: nil)
            }
        }
        #expect(try accounts.create(AccountDraft(username: "registrar-01", password: "柳林乡小学-2026-注册", role: "system_admin", scope: "000000"), by: nil).username == "registrar-01")
    }
}

struct AccountStateTests {
    @Test(arguments: Engine.available)
    func disabledAndFrozenAccountsCannotLogInUntilEnabledFromAbove(_ engine: Engine) throws {
        let test = try TestDatabase(engine)
        var now: Int64 = 1_780_000_000_000
        let accounts = { AccountService(database: test.database, clock: Clock { [now] in now }) }
        let schools = SchoolService(database: test.database, clock: Clock { 1_780_000_000_000 })
        _ = try schools.create(SchoolDraft(code: "4101020001", name: "一小", region: "410102", type: "primary", ownership: "public",
                                           locality: "urban", grades: [1, 2, 3, 4, 5, 6]), by: .commandLine)
        let admin = try accounts().create(AccountDraft(username: "henan", password: "henan-admin-pass", role: "bureau_admin", scope: "410000"), by: nil).actor
        let hubei = try accounts().create(AccountDraft(username: "hubei", password: "hubei-admin-pass", role: "bureau_admin", scope: "420000"), by: nil).actor
        _ = try accounts().create(AccountDraft(username: "reg", password: "registrar-pass-1", role: "school_registrar", scope: "4101020001"), by: admin)
        let session = try accounts().login(username: "reg", password: "registrar-pass-1")

        #expect { try accounts().setEnabled("reg", enabled: false, by: hubei) } throws: { ($0 as? DomainError)?.kind == .notFound }
        _ = try accounts().setEnabled("reg", enabled: false, by: admin)
        #expect(try accounts().identity(sessionToken: session.token) == nil)  // sessions end at once
        #expect { try accounts().login(username: "reg", password: "wrong-password") } throws: { ($0 as? DomainError)?.code == "invalid_credentials" }
        #expect { try accounts().login(username: "reg", password: "registrar-pass-1") } throws: { ($0 as? DomainError)?.code == "account_disabled" }
        _ = try accounts().setEnabled("reg", enabled: true, by: admin)
        _ = try accounts().login(username: "reg", password: "registrar-pass-1")

        now += 91 * 86_400_000  // ninety-one days without a login
        #expect { try accounts().login(username: "reg", password: "registrar-pass-1") } throws: { ($0 as? DomainError)?.code == "account_disabled" }
        let refreshed = AccountService(database: test.database, clock: Clock { [now] in now })
        _ = try refreshed.setEnabled("reg", enabled: true, by: .commandLine)
        #expect(try refreshed.login(username: "reg", password: "registrar-pass-1").account.username == "reg")
        #expect { try refreshed.setEnabled("henan", enabled: false, by: admin) } throws: { ($0 as? DomainError)?.kind == .forbidden }
    }
}
