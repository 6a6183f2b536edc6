/// A class (班级) of a school: a grade, a name unique within that grade, and the year it entered.
///
/// `id` is a public identifier (school code, a dot and a per-school sequence, e.g.
/// `1101050001.0003`), so internal row ids never reach URLs.
public struct SchoolClass: Sendable, Hashable {
    public let id: String
    public let school: SchoolCode
    public let grade: Int
    public let name: String
    public let entryYear: Int

    public init(id: String, school: SchoolCode, grade: Int, name: String, entryYear: Int) {
        self.id = id
        self.school = school
        self.grade = grade
        self.name = name
        self.entryYear = entryYear
    }
}
