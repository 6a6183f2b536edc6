/// A school as the registry knows it (DOMAIN.md §2 "School identification code").
public struct School: Sendable, Hashable {
    public let code: SchoolCode
    public let name: String
    /// The county the school lies in; its bureau is normally the 学籍主管部门.
    public let region: DivisionCode
    public let type: SchoolType
    public let ownership: Ownership
    public let locality: Locality
    /// The grades offered, ascending.
    public let grades: [Int]

    public init(code: SchoolCode, name: String, region: DivisionCode, type: SchoolType, ownership: Ownership, locality: Locality, grades: [Int]) {
        self.code = code
        self.name = name
        self.region = region
        self.type = type
        self.ownership = ownership
        self.locality = locality
        self.grades = grades
    }
}
