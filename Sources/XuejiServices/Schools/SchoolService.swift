import XuejiCore
import XuejiStore

/// Schools and their classes. Bureau administrators register schools inside their subtree; a
/// school's registrar keeps its classes. Everyone reads only what lies in their scope, and a school
/// outside it is answered as unknown (404), never as forbidden.
public struct SchoolService: Sendable {
    let database: any Database
    let clock: Clock

    public init(database: any Database, clock: Clock) {
        self.database = database
        self.clock = clock
    }

    static let unknownSchool = DomainError.notFound(LocalizedText(zh: "该学校", en: "school"))

    /// Only administrators register schools; checked before any input is read.
    public func requireCreator(_ actor: Actor) throws {
        guard actor.role == .systemAdmin || actor.role == .bureauAdmin else { throw DomainError.forbidden }
    }

    public func create(_ draft: SchoolDraft, by actor: Actor) throws -> School {
        try requireCreator(actor)
        let school = try parse(draft)
        guard actor.scope.contains(division: school.region) else { throw DomainError.forbidden }
        let taken = DomainError(.conflict, code: "school_code_taken",
                                message: LocalizedText(zh: "该学校标识码已登记。", en: "A school with this code is already registered."))
        try onUniqueViolation(taken) {
            try database.write { try SchoolRepository($0).insert(school, now: clock.now()) }
        }
        return school
    }

    /// Checks every field and reports all failures at once.
    private func parse(_ draft: SchoolDraft) throws -> School {
        var errors: [FieldError] = []
        let code = SchoolCode(draft.code)
        if code == nil { errors.append(Self.fieldError("code", "invalid_school_code", zh: "学校标识码为10位数字。", en: "A school code has 10 digits.")) }
        if let e = SchoolRules.checkName(draft.name, field: "name") { errors.append(e) }
        var region: DivisionCode? = DivisionCode(draft.region)
        if region == nil || draft.region.count != 6 {
            region = nil
            errors.append(Self.fieldError("region", "invalid_division_code", zh: "行政区划代码为6位数字。", en: "A division code has 6 digits."))
        } else if let r = region {
            let known = try database.read { try RegionRepository($0).get(r) }
            if known == nil {
                region = nil
                errors.append(Self.fieldError("region", "unknown_region", zh: "行政区划代码不存在。", en: "No such division code."))
            } else if r.level != .county {
                region = nil
                errors.append(Self.fieldError("region", "not_a_county", zh: "学校须登记在县级行政区。", en: "A school belongs to a county-level division."))
            }
        }
        let type = SchoolType(rawValue: draft.type)
        if type == nil { errors.append(Self.invalidCode("type")) }
        let ownership = Ownership(rawValue: draft.ownership)
        if ownership == nil { errors.append(Self.invalidCode("ownership")) }
        let locality = Locality(rawValue: draft.locality)
        if locality == nil { errors.append(Self.invalidCode("locality")) }
        if let e = SchoolRules.checkGrades(draft.grades, type: type) { errors.append(e) }
        guard errors.isEmpty, let code, let region, let type, let ownership, let locality else { throw DomainError.validation(errors) }
        return School(code: code, name: draft.name.trimmedBlanks, region: region, type: type, ownership: ownership,
                      locality: locality, grades: draft.grades.sorted())
    }

    public func get(_ text: String, by actor: Actor) throws -> School {
        guard let code = SchoolCode(text), let school = try database.read({ try SchoolRepository($0).get(code) }),
              actor.scope.contains(school: school.code, in: school.region) else { throw Self.unknownSchool }
        return school
    }

    /// Schools in the actor's scope, optionally narrowed to a division inside it.
    public func list(region filter: String?, by actor: Actor, after: String?, limit: Int) throws -> Page<School> {
        var prefix = "", onlyCode: SchoolCode? = nil
        switch actor.scope {
        case .division(let d): prefix = d.subtreePrefix
        case .school(let s): onlyCode = s
        }
        if let filter {
            guard let wanted = DivisionCode(filter), filter.count == 6 else {
                throw DomainError.validation([Self.fieldError("region", "invalid_division_code", zh: "行政区划代码为6位数字。", en: "A division code has 6 digits.")])
            }
            // A filter outside the scope yields nothing rather than an error: lists never reveal.
            if case .division(let own) = actor.scope, !own.contains(wanted) && !wanted.contains(own) { return Page(items: [], nextKey: nil) }
            if wanted.subtreePrefix.count > prefix.count { prefix = wanted.subtreePrefix }
        }
        return try database.read { try SchoolRepository($0).list(regionPrefix: prefix, onlyCode: onlyCode, after: after, limit: limit) }
    }

    public func createClass(_ draft: ClassDraft, school code: String, by actor: Actor) throws -> SchoolClass {
        let school = try get(code, by: actor)
        guard [.systemAdmin, .bureauAdmin, .schoolRegistrar].contains(actor.role) else { throw DomainError.forbidden }
        var errors: [FieldError] = []
        if !school.grades.contains(draft.grade) {
            errors.append(Self.fieldError("grade", "grade_not_offered", zh: "本校未开设\(draft.grade)年级。", en: "The school does not offer grade \(draft.grade)."))
        }
        if let e = SchoolRules.checkName(draft.name, field: "name") { errors.append(e) }
        let year = Calendar.yearOf(millis: clock.now())
        if !((year - 12)...(year + 1)).contains(draft.entryYear) {
            errors.append(Self.fieldError("entry_year", "invalid_entry_year", zh: "入学年份应在\(year - 12)–\(year + 1)之间。", en: "The entry year lies between \(year - 12) and \(year + 1)."))
        }
        guard errors.isEmpty else { throw DomainError.validation(errors) }
        let taken = DomainError(.conflict, code: "class_name_taken", message: LocalizedText(zh: "该年级已有同名班级。", en: "This grade already has a class of that name."))
        return try onUniqueViolation(taken) {
            try database.write { try ClassRepository($0).insert(school: school.code, grade: draft.grade, name: draft.name.trimmedBlanks, entryYear: draft.entryYear, now: clock.now()) }
        }
    }

    public func classes(school code: String, by actor: Actor) throws -> [SchoolClass] {
        let school = try get(code, by: actor)
        return try database.read { try ClassRepository($0).list(school: school.code) }
    }

    static func fieldError(_ field: String, _ code: String, zh: String, en: String) -> FieldError {
        FieldError(field: field, code: code, message: LocalizedText(zh: zh, en: en))
    }

    static func invalidCode(_ field: String) -> FieldError {
        fieldError(field, "invalid_code", zh: "不是允许的代码值。", en: "Not one of the allowed values.")
    }
}

enum Calendar {
    /// The UTC+8 (Beijing) calendar year of an instant: school years follow China's clock.
    static func yearOf(millis: Int64) -> Int {
        let days = (millis + 8 * 3_600_000) / 86_400_000
        return CivilDate(daysSinceEpoch: Int(days)).year
    }
}
