/// A new school as the client sent it, before checking (API.md "Divisions, schools, classes").
public struct SchoolDraft: Sendable {
    public var code: String
    public var name: String
    public var region: String
    public var type: String
    public var ownership: String
    public var locality: String
    public var grades: [Int]

    public init(code: String, name: String, region: String, type: String, ownership: String, locality: String, grades: [Int]) {
        self.code = code
        self.name = name
        self.region = region
        self.type = type
        self.ownership = ownership
        self.locality = locality
        self.grades = grades
    }
}

/// A new class as the client sent it.
public struct ClassDraft: Sendable {
    public var grade: Int
    public var name: String
    public var entryYear: Int

    public init(grade: Int, name: String, entryYear: Int) {
        self.grade = grade
        self.name = name
        self.entryYear = entryYear
    }
}
