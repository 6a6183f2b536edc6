/// The national import template (API.md "Import template"): which column header means which field
/// of the record. Headers are matched in Chinese as the template writes them, or by the API's field
/// name (English alias); column order is free. Family members are columns 成员1… and 成员2….
public enum ImportTemplate {
    public enum Kind: Sendable { case text, flag, date, month, grade, code }

    public struct Column: Sendable, Hashable {
        public let header: String
        /// The API field (`name`, `birth_date`, …); for a family member the guardian field.
        public let field: String
        public let kind: Kind
        /// 0 or 1 for the family-member columns, nil for the pupil's own.
        public let member: Int?
        public let required: Bool

        /// The English alias: the API field, `member1_name` for a family member.
        public var alias: String { member.map { "member\($0 + 1)_\(field)" } ?? field }
    }

    static func c(_ header: String, _ field: String, _ kind: Kind = .text, required: Bool = true) -> Column {
        Column(header: header, field: field, kind: kind, member: nil, required: required)
    }

    /// The pupil's own columns, in the template's order.
    public static let pupilColumns: [Column] = [
        c("姓名", "name"), c("性别", "sex", .code), c("出生日期", "birth_date", .date), c("出生地", "birthplace"),
        c("籍贯", "native_place"), c("民族", "ethnicity", .code), c("国籍/地区", "nationality", .code),
        c("身份证件类型", "id_type", .code), c("身份证件号", "id_number"), c("港澳台侨外", "overseas", .code),
        c("健康状况", "health", .code), c("户口所在地", "hukou_place"), c("户口性质", "hukou_nature", .code),
        c("年级", "grade", .grade), c("班级", "class"), c("入学年月", "entry_date", .month), c("入学方式", "entry_mode", .code),
        c("就读方式", "study_mode", .code), c("现住址", "address"), c("联系电话", "phone"),
        c("是否独生子女", "only_child", .flag), c("是否受过学前教育", "preschool", .flag), c("是否留守儿童", "left_behind", .code),
        c("是否进城务工人员随迁子女", "migrant", .flag), c("是否孤儿", "orphan", .flag), c("是否烈士或优抚子女", "martyr_family", .flag),
        c("残疾类型", "disability", .code, required: false),
    ]

    /// Family-member columns for members 1 and 2 (member 2 optional).
    public static let memberColumns: [Column] = (0..<2).flatMap { i in
        [("姓名", "name", Kind.text), ("关系", "relation", .code), ("是否监护人", "is_guardian", .flag), ("联系电话", "phone", .text),
         ("身份证件类型", "id_type", .code), ("身份证件号", "id_number", .text), ("工作单位", "workplace", .text)].map { suffix, field, kind in
            Column(header: "成员\(i + 1)\(suffix)", field: field, kind: kind, member: i,
                   required: i == 0 && ["name", "relation", "phone"].contains(field))
        }
    }

    public static let columns = pupilColumns + memberColumns

    /// Columns of the template Xueji knows but does not keep (the record has one address and no
    /// former name); they are read and dropped without a warning.
    public static let knownUnused: Set<String> = ["通信地址", "家庭地址", "邮政编码", "曾用名", "mailing_address", "home_address", "postcode", "former_name"]

    private static let byHeader: [String: Column] = {
        var map: [String: Column] = [:]
        for column in columns {
            map[column.header] = column
            map[column.alias] = column
        }
        return map
    }()

    /// The column a header names (blanks and a full-width slash tolerated), if any.
    public static func column(forHeader header: String) -> Column? {
        let h = String(header.trimmedBlanks.map { $0 == "／" ? "/" : $0 })
        return byHeader[h] ?? byHeader[h.lowercased()]
    }
}
