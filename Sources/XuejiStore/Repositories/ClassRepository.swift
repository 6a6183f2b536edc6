import XuejiCore

/// Stores classes (班级) of a school.
public struct ClassRepository {
    let connection: Connection
    public init(_ connection: Connection) { self.connection = connection }

    /// Inserts a class with the school's next public id. Runs inside the caller's write transaction,
    /// which makes the sequence bump and the insert one atomic step.
    public func insert(school: SchoolCode, grade: Int, name: String, entryYear: Int, now: Int64) throws -> SchoolClass {
        guard let row = try connection.queryOne(
            "UPDATE schools SET class_sequence = class_sequence + 1 WHERE code = ? RETURNING id, class_sequence, province",
            .text(school.rawValue)), let schoolID = row.int64("id"), let sequence = row.int("class_sequence") else {
            throw DatabaseError(.foreignKeyViolation, "no school \(school)")
        }
        let publicID = school.rawValue + "." + String(repeating: "0", count: max(0, 4 - String(sequence).count)) + String(sequence)
        try connection.execute("""
            INSERT INTO classes (public_id, school_id, province, grade, name, entry_year, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
            """, [.text(publicID), .integer(schoolID), row["province"], .integer(Int64(grade)), .text(name), .integer(Int64(entryYear)), .integer(now)])
        return SchoolClass(id: publicID, school: school, grade: grade, name: name, entryYear: entryYear)
    }

    public func list(school: SchoolCode) throws -> [SchoolClass] {
        try connection.query("""
            SELECT c.public_id, c.grade, c.name, c.entry_year FROM classes c JOIN schools s ON s.id = c.school_id
            WHERE s.code = ? ORDER BY c.grade, c.name
            """, .text(school.rawValue)).compactMap { row in
            guard let id = row.string("public_id"), let grade = row.int("grade"), let name = row.string("name"),
                  let year = row.int("entry_year") else { return nil }
            return SchoolClass(id: id, school: school, grade: grade, name: name, entryYear: year)
        }
    }
}
