/// Checks for school and class input that need no database: the shape of every field, all
/// failures collected so the user sees them at once.
public enum SchoolRules {
    /// Longest school or class name accepted. The national system allows 60 characters for a
    /// school name; classes are far shorter in practice.
    public static let maxNameLength = 60

    /// Checks a display name: non-empty after trimming, not too long, no control characters.
    public static func checkName(_ name: String, field: String) -> FieldError? {
        let trimmed = name.trimmedBlanks
        if trimmed.isEmpty {
            return FieldError(field: field, code: "required", message: LocalizedText(zh: "不能为空。", en: "Must not be empty."))
        }
        if trimmed.count > maxNameLength {
            return FieldError(field: field, code: "too_long",
                              message: LocalizedText(zh: "不能超过\(maxNameLength)个字符。", en: "At most \(maxNameLength) characters."))
        }
        if trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0.properties.generalCategory == .format }) {
            return FieldError(field: field, code: "control_characters",
                              message: LocalizedText(zh: "含有不可见的控制字符。", en: "Contains control characters."))
        }
        return nil
    }

    /// Checks the grades a school offers against its type (`SchoolType.permittedGrades`).
    public static func checkGrades(_ grades: [Int], type: SchoolType?) -> FieldError? {
        if grades.isEmpty {
            return FieldError(field: "grades", code: "required", message: LocalizedText(zh: "至少开设一个年级。", en: "At least one grade is required."))
        }
        if Set(grades).count != grades.count {
            return FieldError(field: "grades", code: "duplicate_grade", message: LocalizedText(zh: "年级重复。", en: "A grade is listed twice."))
        }
        let range = type?.permittedGrades ?? 1...12
        if let bad = grades.first(where: { !range.contains($0) }) {
            return FieldError(field: "grades", code: "grade_not_permitted",
                              message: LocalizedText(zh: "该类型学校不能开设\(bad)年级（允许\(range.lowerBound)–\(range.upperBound)）。",
                                                     en: "Grade \(bad) is not offered by this type of school (allowed \(range.lowerBound)–\(range.upperBound))."))
        }
        return nil
    }
}
