import Testing
import XuejiCore
@testable import XuejiServices
import XuejiStore
import XuejiTestSupport

struct SchoolServiceTests {
    let clock = Clock { 1_780_000_000_000 }  // 2026-05-28

    func draft(_ code: String, region: String = "410102", type: String = "primary", grades: [Int] = [1, 2, 3, 4, 5, 6]) -> SchoolDraft {
        SchoolDraft(code: code, name: "学校\(code)", region: region, type: type, ownership: "public", locality: "rural", grades: grades)
    }

    func actor(_ role: Role, _ scope: String) -> Actor { Actor(userID: 9, username: "t", role: role, scope: Scope(scope)!) }

    @Test(arguments: Engine.available)
    func bureauAdminsRegisterSchoolsOnlyInTheirSubtree(_ engine: Engine) throws {
        let test = try TestDatabase(engine)
        let schools = SchoolService(database: test.database, clock: clock)
        let zhengzhou = actor(.bureauAdmin, "410100")
        #expect(try schools.create(draft("4101020001"), by: zhengzhou).region.rawValue == "410102")
        #expect { try schools.create(draft("4201020001", region: "420102"), by: zhengzhou) } throws: { ($0 as? DomainError)?.kind == .forbidden }
        #expect { try schools.create(draft("4101020002"), by: actor(.bureauReviewer, "410100")) } throws: { ($0 as? DomainError)?.kind == .forbidden }
        #expect { try schools.create(draft("4101020001"), by: zhengzhou) } throws: { ($0 as? DomainError)?.code == "school_code_taken" }
    }

    @Test(arguments: Engine.available)
    func everyInvalidFieldIsReportedAtOnce(_ engine: Engine) throws {
        let test = try TestDatabase(engine)
        let schools = SchoolService(database: test.database, clock: clock)
        let bad = SchoolDraft(code: "41010200", name: "", region: "419999", type: "college", ownership: "state", locality: "city", grades: [13])
        #expect { try schools.create(bad, by: .commandLine) } throws: { error in
            Set((error as? DomainError)?.fieldErrors.map(\.field) ?? []) == ["code", "name", "region", "type", "ownership", "locality", "grades"]
        }
        #expect { try schools.create(draft("4101000001", region: "410100"), by: .commandLine) } throws: { ($0 as? DomainError)?.fieldErrors.first?.code == "not_a_county" }
        #expect { try schools.create(draft("4101020009", type: "senior", grades: [1]), by: .commandLine) } throws: { ($0 as? DomainError)?.fieldErrors.first?.code == "grade_not_permitted" }
    }

    @Test(arguments: Engine.available)
    func aSchoolOutsideTheScopeIsUnknownNotForbidden(_ engine: Engine) throws {
        let test = try TestDatabase(engine)
        let schools = SchoolService(database: test.database, clock: clock)
        _ = try schools.create(draft("4101020001"), by: .commandLine)
        _ = try schools.create(draft("4201020001", region: "420102"), by: .commandLine)
        #expect { try schools.get("4201020001", by: actor(.bureauReviewer, "410000")) } throws: { ($0 as? DomainError)?.kind == .notFound }
        #expect { try schools.get("4101020001", by: actor(.schoolRegistrar, "4101020002")) } throws: { ($0 as? DomainError)?.kind == .notFound }
        #expect(try schools.list(region: nil, by: actor(.analyst, "410000"), after: nil, limit: 50).items.map(\.code.rawValue) == ["4101020001"])
        #expect(try schools.list(region: "420000", by: actor(.analyst, "410000"), after: nil, limit: 50).items.isEmpty)
        #expect(try schools.list(region: nil, by: actor(.schoolApprover, "4201020001"), after: nil, limit: 50).items.map(\.code.rawValue) == ["4201020001"])
    }

    @Test(arguments: Engine.available)
    func listsPageByCursor(_ engine: Engine) throws {
        let test = try TestDatabase(engine)
        let schools = SchoolService(database: test.database, clock: clock)
        for n in 1...7 { _ = try schools.create(draft("410102000\(n)"), by: .commandLine) }
        var seen: [String] = [], after: String? = nil
        repeat {
            let page = try schools.list(region: "410102", by: .commandLine, after: after, limit: 3)
            seen += page.items.map(\.code.rawValue)
            after = page.nextKey
        } while after != nil
        #expect(seen == (1...7).map { "410102000\($0)" })
    }

    @Test(arguments: Engine.available)
    func registrarsKeepTheirSchoolsClasses(_ engine: Engine) throws {
        let test = try TestDatabase(engine)
        let schools = SchoolService(database: test.database, clock: clock)
        _ = try schools.create(draft("4101020001"), by: .commandLine)
        let registrar = actor(.schoolRegistrar, "4101020001")
        let first = try schools.createClass(ClassDraft(grade: 1, name: "一年级1班", entryYear: 2026), school: "4101020001", by: registrar)
        let second = try schools.createClass(ClassDraft(grade: 1, name: "一年级2班", entryYear: 2026), school: "4101020001", by: registrar)
        #expect(first.id == "4101020001.0001" && second.id == "4101020001.0002")
        #expect { try schools.createClass(ClassDraft(grade: 1, name: "一年级1班", entryYear: 2026), school: "4101020001", by: registrar) } throws: { ($0 as? DomainError)?.code == "class_name_taken" }
        #expect { try schools.createClass(ClassDraft(grade: 7, name: "七年级1班", entryYear: 2026), school: "4101020001", by: registrar) } throws: { ($0 as? DomainError)?.fieldErrors.first?.code == "grade_not_offered" }
        #expect { try schools.createClass(ClassDraft(grade: 2, name: "二年级1班", entryYear: 2026), school: "4101020001", by: actor(.schoolApprover, "4101020001")) } throws: { ($0 as? DomainError)?.kind == .forbidden }
        #expect(try schools.classes(school: "4101020001", by: registrar).map(\.name) == ["一年级1班", "一年级2班"])
    }
}
