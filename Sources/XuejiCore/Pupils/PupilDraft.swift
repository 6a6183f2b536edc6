/// A pupil's record as a client or a spreadsheet row gave it: every field a string (or absent), so
/// that one checker reports every problem at once, whatever the source (API.md "Pupils", the import
/// template). Field names are the API's.
public struct PupilDraft: Sendable {
    public var fields: [String: String]
    public var flags: [String: Bool]
    public var guardians: [[String: String]]

    public init(fields: [String: String] = [:], flags: [String: Bool] = [:], guardians: [[String: String]] = []) {
        self.fields = fields
        self.flags = flags
        self.guardians = guardians
    }

    public subscript(_ field: String) -> String? {
        get { fields[field] }
        set { fields[field] = newValue }
    }

    /// The text fields of the registration body.
    public static let textFields = [
        "school", "grade", "class", "entry_date", "entry_mode", "study_mode", "name", "sex", "birth_date", "birthplace", "native_place",
        "ethnicity", "nationality", "id_type", "id_number", "overseas", "health", "hukou_place", "hukou_nature", "address",
        "phone", "left_behind", "disability",
    ]
    /// The yes/no fields.
    public static let flagFields = ["only_child", "preschool", "migrant", "orphan", "martyr_family"]
    public static let guardianFields = ["name", "relation", "phone", "id_type", "id_number", "workplace"]
}
