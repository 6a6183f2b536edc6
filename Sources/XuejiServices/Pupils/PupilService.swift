import XuejiCore
import XuejiStore

/// Registering, reading and editing pupils (API.md "Pupils"). One person, one record, for life.
public struct PupilService: Sendable {
    let database: any Database
    let clock: Clock
    let reference: ReferenceData
    let audit = AuditTrail()
    /// Masked lookups already rendered, for as long as the database is unchanged (see `rendered`).
    let maskedRecords = StampedCache<MaskedLookup, RenderedPupil>(capacity: 32_768)

    public init(database: any Database, clock: Clock, reference: ReferenceData) {
        self.database = database
        self.clock = clock
        self.reference = reference
    }

    static let unknownPupil = DomainError.notFound(LocalizedText(zh: "该学生", en: "pupil"))

    /// Registers a new pupil at the registrar's school. The number is issued at once: `G` + ID for a
    /// valid resident ID, else a temporary `L` number. Approval by the county bureau follows.
    public func register(_ draft: PupilDraft, by actor: Actor) throws -> StoredPupil {
        try requireRegistrar(actor)
        let now = clock.now(), today = clock.today
        let record = try reference.rules(today: today).check(draft)
        let school = try database.read { try SchoolRepository($0).get(record.school) }
        guard let school, actor.scope.contains(school: school.code, in: school.region) else {
            throw DomainError.validation([FieldError(field: "school", code: "unknown_school",
                                                     message: LocalizedText(zh: "学校不存在或不在您的管理范围内。", en: "No such school in your scope."))])
        }
        try checkPlacement(record, school: school)
        let province = school.region.province
        let due = ProvinceSettings.forProvince(province).registrationDue(entry: record.entryDate)
        for attempt in 0..<8 {
            let number: NationalStudentNumber
            if record.idType == "1", let id = record.idNumber {
                number = NationalStudentNumber(validGID: id)
            } else {
                number = .temporary(county: school.region, birthDate: record.birthDate, random: Int.random(in: 0..<10_000))
            }
            do {
                return try database.write { connection in
                    guard let ids = try connection.queryOne("SELECT s.id AS school_id, c.id AS class_id FROM schools s JOIN classes c ON c.school_id = s.id WHERE s.code = ? AND c.grade = ? AND c.name = ?",
                                                            .text(school.code.rawValue), .integer(Int64(record.grade)), .text(record.className)),
                          let schoolID = ids.int64("school_id"), let classID = ids.int64("class_id") else { throw Self.unknownClass }
                    let repository = PupilRepository(connection)
                    let id = try repository.insert(record, number: number, schoolID: schoolID, classID: classID, province: province,
                                                   registrationDue: due, late: today > due, now: now)
                    if record.idType != "1" {
                        try ProblemRepository(connection).openCandidates(for: id, record: record, province: province, now: now)
                    }
                    try audit.record(connection, actor: actor, action: "pupil.register", subject: number.rawValue, now: now)
                    guard let stored = try repository.find(number: number.rawValue, scope: .school(school.code)) else { throw Self.unknownPupil }
                    return stored
                }
            } catch let e as DatabaseError where e.code == .uniqueViolation {
                if let idNumber = record.idNumber, let holder = try database.read({ try PupilRepository($0).holder(idType: record.idType, idNumber: idNumber) }) {
                    throw DomainError(.conflict, code: "duplicate_identity",
                                      message: LocalizedText(zh: "该证件号已有学籍（一人一籍）：\(holder.number)，\(holder.schoolName)。",
                                                             en: "This identity is already registered (one person, one record): \(holder.number) at \(holder.schoolName)."),
                                      extras: ["existing.number": holder.number, "existing.school_code": holder.schoolCode, "existing.school_name": holder.schoolName])
                }
                if record.idType == "1" || attempt == 7 { throw DomainError.busy }
                // An L number collided with another pupil's: draw again.
            }
        }
        throw DomainError.busy
    }

    /// Only a school's registrar registers pupils. Checked before the input is examined, so a role
    /// that may not register learns nothing from field errors.
    public func requireRegistrar(_ actor: Actor) throws {
        guard actor.role == .schoolRegistrar || actor.role == .systemAdmin else { throw DomainError.forbidden }
    }

    static let unknownClass = unknownClassAt("class")

    static func unknownClassAt(_ field: String) -> DomainError {
        DomainError.validation([FieldError(field: field, code: "unknown_class",
                                           message: LocalizedText(zh: "本校该年级没有这个班级，请先建班。", en: "The school has no such class in that grade; create it first."))])
    }

    private func checkPlacement(_ record: PupilRecord, school: School) throws {
        if !school.grades.contains(record.grade) {
            throw DomainError.validation([FieldError(field: "grade", code: "grade_not_offered",
                                                     message: LocalizedText(zh: "本校未开设\(record.grade)年级。", en: "The school does not offer grade \(record.grade)."))])
        }
    }

    /// Whether the actor may read personal data of pupils at all: analysts see aggregates only.
    func requireReader(_ actor: Actor) throws {
        if actor.role == .analyst { throw DomainError.forbidden }
    }

    /// A pupil by any of its numbers, old L numbers included. The full ID and phone are shown only to
    /// the pupil's own school, to the reviewer of a pending registration, and to the party whose step
    /// of a pending change waits (who may be outside the scope, e.g. the transfer-in bureau); every
    /// full view is written to the audit log.
    public func get(_ number: String, by actor: Actor) throws -> PupilView {
        try requireReader(actor)
        let wanted = number.uppercased()
        guard wanted.utf8.count == 19 else { throw Self.unknownPupil }
        let party = actor.stepParty
        let found = try database.read { connection -> (StoredPupil, Bool)? in
            let repository = PupilRepository(connection)
            if let pupil = try repository.find(number: wanted, scope: ScopeFilter(actor.scope)) {
                // Only a reviewer's view depends on it (school roles see their own pupils in full anyway).
                guard actor.role == .bureauReviewer, pupil.approval != "pending", let party else { return (pupil, false) }
                return (pupil, try repository.awaitingDecision(number: pupil.number.rawValue, partyKind: party.kind, partyCode: party.code) != nil)
            }
            return try party.flatMap { try repository.awaitingDecision(number: wanted, partyKind: $0.kind, partyCode: $0.code) }.map { ($0, true) }
        }
        guard let (pupil, deciding) = found else { throw Self.unknownPupil }
        let full: Bool
        switch actor.role {
        case .schoolRegistrar, .schoolApprover: full = true
        case .bureauReviewer: full = pupil.approval == "pending" || deciding
        default: full = false
        }
        if full {
            try database.write { try audit.record($0, actor: actor, action: "pupil.unmask", subject: pupil.number.rawValue, now: clock.now()) }
        }
        return PupilView(pupil: pupil, unmasked: full)
    }

    public func list(_ filter: PupilFilter, by actor: Actor, after: String?, limit: Int) throws -> Page<PupilView> {
        try requireReader(actor)
        let page = try database.read { try PupilRepository($0).list(filter, scope: ScopeFilter(actor.scope), after: after, limit: limit) }
        return Page(items: page.items.map { PupilView(pupil: $0, unmasked: false) }, nextKey: page.nextKey)
    }
}

extension NationalStudentNumber {
    /// `G` + a resident ID that `ResidentID` already accepted.
    init(validGID id: String) {
        guard let number = NationalStudentNumber("G" + id) else { preconditionFailure("a checked resident ID makes a valid G number") }
        self = number
    }
}
