import XuejiCore

/// The fields of a pupil's record as the registration and edit pages show them (DOMAIN.md §3):
/// label, code table (nil for free text) and the default a new record starts with.
enum RecordFields {
    struct Field {
        let name: String, zh: String, en: String
        let table: CodeTable?
        let fallback: String
        var hint: (zh: String, en: String)? = nil
    }

    static let all: [Field] = [
        Field(name: "name", zh: "姓名", en: "Name", table: nil, fallback: ""),
        Field(name: "sex", zh: "性别", en: "Sex", table: CodeTables.sex, fallback: ""),
        Field(name: "birth_date", zh: "出生日期", en: "Birth date", table: nil, fallback: "", hint: ("YYYY-MM-DD", "YYYY-MM-DD")),
        Field(name: "id_type", zh: "身份证件类型", en: "ID type", table: CodeTables.idType, fallback: "1"),
        Field(name: "id_number", zh: "身份证件号", en: "ID number", table: nil, fallback: "",
              hint: ("输入18位居民身份证号后，出生日期和性别会自动填入。", "After 18 characters of a resident ID, the birth date and sex are filled in.")),
        Field(name: "ethnicity", zh: "民族", en: "Ethnicity", table: CodeTables.ethnicity, fallback: "01"),
        Field(name: "nationality", zh: "国籍/地区", en: "Nationality", table: nil, fallback: "CHN"),
        Field(name: "birthplace", zh: "出生地（代码）", en: "Birthplace (code)", table: nil, fallback: ""),
        Field(name: "native_place", zh: "籍贯（代码）", en: "Native place (code)", table: nil, fallback: ""),
        Field(name: "hukou_place", zh: "户口所在地（代码）", en: "Household registration (code)", table: nil, fallback: ""),
        Field(name: "hukou_nature", zh: "户口性质", en: "Household type", table: CodeTables.hukouNature, fallback: ""),
        Field(name: "overseas", zh: "港澳台侨外", en: "Overseas status", table: CodeTables.overseas, fallback: "00"),
        Field(name: "health", zh: "健康状况", en: "Health", table: CodeTables.health, fallback: "10"),
        Field(name: "grade", zh: "年级", en: "Grade", table: nil, fallback: "1"),
        Field(name: "class", zh: "班级", en: "Class", table: nil, fallback: ""),
        Field(name: "entry_date", zh: "入学日期", en: "Entry date", table: nil, fallback: ""),
        Field(name: "entry_mode", zh: "入学方式", en: "Entry mode", table: CodeTables.entryMode, fallback: "11"),
        Field(name: "study_mode", zh: "就读方式", en: "Study mode", table: CodeTables.studyMode, fallback: "1"),
        Field(name: "address", zh: "现住址", en: "Address", table: nil, fallback: ""),
        Field(name: "phone", zh: "联系电话", en: "Phone", table: nil, fallback: ""),
        Field(name: "left_behind", zh: "留守儿童", en: "Left-behind", table: CodeTables.leftBehind, fallback: "0"),
        Field(name: "guardian_name", zh: "监护人姓名", en: "Guardian's name", table: nil, fallback: ""),
        Field(name: "guardian_relation", zh: "关系", en: "Relation", table: CodeTables.relation, fallback: "51"),
        Field(name: "guardian_phone", zh: "监护人电话", en: "Guardian's phone", table: nil, fallback: ""),
    ]

    static let flags: [(name: String, zh: String, en: String)] = [
        ("only_child", "独生子女", "Only child"), ("preschool", "受过学前教育", "Attended preschool"),
        ("migrant", "进城务工人员随迁子女", "Child of migrant workers"), ("orphan", "孤儿", "Orphan"),
        ("martyr_family", "烈士或优抚子女", "Martyr's or entitled family"),
    ]

    /// The service names the first guardian's fields `guardians[0].name`; the form calls them `guardian_name`.
    static func formName(_ field: String) -> String {
        field.hasPrefix("guardians[0].") ? "guardian_" + field.dropFirst("guardians[0].".count) : field
    }

    /// The inputs for `fields`; those in `locked` are shown read-only (and not sent).
    static func inputs(_ kit: FormKit, fields: [Field], locked: Set<String> = [], withFlags: Bool = true) -> HTML {
        let html: [HTML] = fields.map { f in
            let extra: HTML = locked.contains(f.name) ? "disabled" : ""
            if let table = f.table { return kit.select(f.name, f.zh, f.en, table: table, fallback: f.fallback, extra: extra) }
            return kit.text(f.name, f.zh, f.en, fallback: f.fallback, extra: extra, hint: f.hint.map { kit.en ? $0.en : $0.zh })
        }
        let boxes: [HTML] = withFlags ? flags.map { kit.checkbox($0.name, $0.zh, $0.en) } : []
        return (html + boxes).joined()
    }

    /// The record's values as the form shows them.
    static func values(of r: PupilRecord) -> [String: String] {
        var v: [String: String] = [
            "name": r.name, "sex": r.sex, "birth_date": r.birthDate.description, "id_type": r.idType, "id_number": r.idNumber ?? "",
            "ethnicity": r.ethnicity, "nationality": r.nationality, "birthplace": r.birthplace, "native_place": r.nativePlace,
            "hukou_place": r.hukouPlace, "hukou_nature": r.hukouNature, "overseas": r.overseas, "health": r.health,
            "grade": String(r.grade), "class": r.className, "entry_date": r.entryDate.description, "entry_mode": r.entryMode,
            "study_mode": r.studyMode, "address": r.address, "phone": r.phone, "left_behind": r.leftBehind,
        ]
        if let g = r.guardians.first { v["guardian_name"] = g.name; v["guardian_relation"] = g.relation; v["guardian_phone"] = g.phone }
        for (name, on) in [("only_child", r.onlyChild), ("preschool", r.preschool), ("migrant", r.migrant), ("orphan", r.orphan),
                           ("martyr_family", r.martyrFamily)] where on { v[name] = "1" }
        return v
    }
}
