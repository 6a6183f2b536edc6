import XuejiCore
import XuejiStore

/// The living record of a left-behind child (留守儿童, DOMAIN.md §5): kept by the child's school,
/// read by the bureaus above it (the carer's phone masked for them), its contact log feeding the
/// dropout-control review (`left_behind_no_contact` when no contact is logged for the province's
/// `left_behind_contact_days`).
public struct LeftBehindService: Sendable {
    let database: any Database
    let clock: Clock
    let audit = AuditTrail()

    public init(database: any Database, clock: Clock) {
        self.database = database
        self.clock = clock
    }

    public struct View: Sendable {
        public let number: String
        public let name: String
        public let flag: String                  // the registry's left_behind code
        public let record: LeftBehindRecord?     // carer's phone masked unless the reader is the school
        public let contacts: [LeftBehindContact]
    }

    public static let parentsAway: Set<String> = ["father", "mother", "both"]
    public static let contactKinds: Set<String> = ["call", "visit", "meeting"]
    static let unknownPupil = DomainError.notFound(LocalizedText(zh: "该学生", en: "pupil"))

    public func get(_ number: String, by actor: Actor) throws -> View {
        guard actor.role != .analyst else { throw DomainError.forbidden }
        return try database.read { connection in
            guard let pupil = try PupilRepository(connection).find(number: number.uppercased(), scope: ScopeFilter(actor.scope)) else { throw Self.unknownPupil }
            let repository = LeftBehindRepository(connection)
            var record = try repository.record(pupil: pupil.id)
            if actor.role != .schoolRegistrar && actor.role != .schoolApprover, let phone = record?.carerPhone {
                record?.carerPhone = PupilView.maskPhone(phone)
            }
            return View(number: pupil.number.rawValue, name: pupil.record.name, flag: pupil.record.leftBehind, record: record,
                        contacts: try repository.contacts(pupil: pupil.id))
        }
    }

    /// Writes the record (the school's registrar): which parents are away and where, since when, the
    /// carer, the care measures. Every error at once.
    public func save(_ number: String, fields: [String: String], by actor: Actor) throws -> View {
        guard actor.role == .schoolRegistrar || actor.role == .systemAdmin else { throw DomainError.forbidden }
        var errors: [FieldError] = []
        func bad(_ field: String, _ code: String, _ zh: String, _ en: String) { errors.append(FieldError(field: field, code: code, message: LocalizedText(zh: zh, en: en))) }
        let away = fields["parents_away"] ?? ""
        if !Self.parentsAway.contains(away) { bad("parents_away", "invalid_code", "外出务工的为 father、mother 或 both。", "Away: father, mother or both.") }
        let since = CivilDate(fields["away_since"] ?? "")
        if since == nil || since! > clock.today { bad("away_since", "invalid_date", "外出日期格式为 YYYY-MM-DD，且不晚于今天。", "A date as YYYY-MM-DD, not after today.") }
        let father = (fields["father_place"] ?? "").trimmedBlanks, mother = (fields["mother_place"] ?? "").trimmedBlanks
        if (away == "father" || away == "both") && father.isEmpty { bad("father_place", "required", "请填写父亲务工地。", "Where does the father work?") }
        if (away == "mother" || away == "both") && mother.isEmpty { bad("mother_place", "required", "请填写母亲务工地。", "Where does the mother work?") }
        let carer = (fields["carer_name"] ?? "").trimmedBlanks
        if carer.isEmpty || carer.count > 50 { bad("carer_name", "required", "请填写实际监护人（50字以内）。", "Name the actual carer (at most 50 characters).") }
        let relation = (fields["carer_relation"] ?? "").trimmedBlanks
        if relation.isEmpty { bad("carer_relation", "required", "请填写与学生的关系。", "Give the carer's relation.") }
        let phone = (fields["carer_phone"] ?? "").trimmedBlanks
        if !(7...20).contains(phone.count) || !phone.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "-") }) {
            bad("carer_phone", "invalid_phone", "电话为7–20位数字。", "A phone number has 7 to 20 digits.")
        }
        let measures = (fields["care_measures"] ?? "").trimmedBlanks
        if measures.count > 2000 { bad("care_measures", "too_long", "关爱措施2000字以内。", "At most 2,000 characters.") }
        if !errors.isEmpty { throw DomainError.validation(errors) }
        let record = LeftBehindRecord(parentsAway: away, fatherPlace: father, motherPlace: mother, awaySince: since!, carerName: carer,
                                      carerRelation: relation, carerPhone: phone, careMeasures: measures)
        let now = clock.now()
        try database.write { connection in
            guard let pupil = try PupilRepository(connection).find(number: number.uppercased(), scope: ScopeFilter(actor.scope)) else { throw Self.unknownPupil }
            guard pupil.record.leftBehind != "0" else {
                throw DomainError(.conflict, code: "not_left_behind", message: LocalizedText(zh: "学籍中该生不是留守儿童，请先修改学籍信息。", en: "The record does not mark this pupil left-behind; edit the record first."))
            }
            try LeftBehindRepository(connection).save(pupil: pupil.id, province: pupil.schoolRegion.province, record, by: actor.userID, now: now)
            try audit.record(connection, actor: actor, action: "left_behind.save", subject: pupil.number.rawValue, now: now)
        }
        return try get(number, by: actor)
    }

    /// Logs a contact or home visit (the school's roles).
    public func addContact(_ number: String, day text: String, kind: String, note: String, by actor: Actor) throws -> View {
        guard [.schoolRegistrar, .schoolApprover, .systemAdmin].contains(actor.role) else { throw DomainError.forbidden }
        var errors: [FieldError] = []
        let day = CivilDate(text)
        if day == nil || day! > clock.today { errors.append(FieldError(field: "day", code: "invalid_date", message: LocalizedText(zh: "日期格式为 YYYY-MM-DD，且不晚于今天。", en: "A date as YYYY-MM-DD, not after today."))) }
        if !Self.contactKinds.contains(kind) { errors.append(FieldError(field: "kind", code: "invalid_code", message: LocalizedText(zh: "方式为 call、visit 或 meeting。", en: "The kind is call, visit or meeting."))) }
        let note = note.trimmedBlanks
        if note.isEmpty || note.count > 1000 { errors.append(FieldError(field: "note", code: "required", message: LocalizedText(zh: "请填写内容（1000字以内）。", en: "Say what was discussed (at most 1,000 characters)."))) }
        if !errors.isEmpty { throw DomainError.validation(errors) }
        let now = clock.now()
        try database.write { connection in
            guard let pupil = try PupilRepository(connection).find(number: number.uppercased(), scope: ScopeFilter(actor.scope)) else { throw Self.unknownPupil }
            try LeftBehindRepository(connection).addContact(pupil: pupil.id, day: day!, kind: kind, note: note, by: actor.userID, now: now)
            try audit.record(connection, actor: actor, action: "left_behind.contact", subject: pupil.number.rawValue, now: now)
        }
        return try get(number, by: actor)
    }
}
