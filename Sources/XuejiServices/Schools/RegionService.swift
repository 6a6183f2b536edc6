import XuejiCore
import XuejiStore

/// The division list. It is public reference data, so any logged-in account may read all of it.
public struct RegionService: Sendable {
    let database: any Database
    public init(database: any Database) { self.database = database }

    public func children(of parent: String?) throws -> [Region] {
        var code: DivisionCode? = nil
        if let parent {
            guard let parsed = DivisionCode(parent), parent.count == 6 else {
                throw DomainError.validation([FieldError(field: "parent", code: "invalid_division_code",
                                                         message: LocalizedText(zh: "行政区划代码为6位数字。", en: "A division code has 6 digits."))])
            }
            code = parsed
            if parsed != .nation, try database.read({ try RegionRepository($0).get(parsed) }) == nil {
                throw DomainError.notFound(LocalizedText(zh: "该行政区划", en: "division"))
            }
        }
        return try database.read { try RegionRepository($0).children(of: code) }
    }

    public func get(_ text: String) throws -> Region {
        guard let code = DivisionCode(text), text.count == 6,
              let region = try database.read({ try RegionRepository($0).get(code) }) else {
            throw DomainError.notFound(LocalizedText(zh: "该行政区划", en: "division"))
        }
        return region
    }
}
