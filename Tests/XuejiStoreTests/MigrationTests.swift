import Foundation
import Testing
@testable import XuejiStore
import XuejiCore
import XuejiTestSupport

struct MigrationTests {
    @Test(arguments: Engine.available)
    func migrateAppliesOnceAndThenIsANoOp(_ engine: Engine) throws {
        let test = try TestDatabase(engine, migrate: false)
        let migrator = try Migrator()
        #expect(throws: DatabaseError.self) { try migrator.check(test.database) }
        let first = try migrator.migrate(test.database, now: 1)
        #expect(first.map(\.version) == migrator.migrations.map(\.version))
        let second = try migrator.migrate(test.database, now: 2)
        #expect(second.isEmpty)
        try migrator.check(test.database)
    }

    @Test(arguments: Engine.available)
    func concurrentMigratorsApplyEachStepOnce(_ engine: Engine) async throws {
        let test = try TestDatabase(engine, migrate: false)
        let migrator = try Migrator()
        let database = test.database
        let counts = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<3 { group.addTask { try migrator.migrate(database, now: 1).count } }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(counts.reduce(0, +) == migrator.migrations.count)
        let rows = try test.database.read { try $0.query("SELECT COUNT(*) AS n FROM schema_migrations", []) }
        #expect(rows.first?.int("n") == migrator.migrations.count)
    }

    @Test(arguments: Engine.available)
    func regionsAreLoadedWithTheirTree(_ engine: Engine) throws {
        let test = try TestDatabase(engine)
        try test.database.read { connection in
            let regions = RegionRepository(connection)
            #expect(try regions.count() > 3_300)
            let provinces = try regions.children(of: nil)
            #expect(provinces.count == 34)
            #expect(provinces.contains { $0.name == "河南省" && $0.code.rawValue == "410000" })
            let henan = try regions.children(of: DivisionCode("410000"))
            #expect(henan.contains { $0.code.rawValue == "410100" && $0.name == "郑州市" })
            // 济源 sits directly under the province: its "prefecture" 419000 does not exist.
            #expect(henan.contains { $0.code.rawValue == "419001" && $0.level == .county })
            let code = try #require(DivisionCode("110105"))
            let chaoyang = try #require(try regions.get(code))
            #expect(chaoyang.name == "朝阳区" && chaoyang.parent?.rawValue == "110100" && chaoyang.latitude != nil)
        }
    }

    @Test(arguments: Engine.available)
    func aDatabaseFromANewerBuildIsRefused(_ engine: Engine) throws {
        let test = try TestDatabase(engine)
        try test.database.write { try $0.execute("INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (9999, 'future', 'x', 0)", []) }
        #expect { try Migrator().check(test.database) } throws: { ($0 as? DatabaseError)?.code == .schemaOutdated }
    }
}
