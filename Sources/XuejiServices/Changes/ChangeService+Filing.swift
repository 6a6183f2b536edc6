import XuejiCore
import XuejiStore

extension ChangeService {
    /// Files a change (API.md `POST /api/v1/changes`). The initiating school's own step is decided
    /// by filing it; the next step opens with its deadline. A class change, decided by the school
    /// alone, completes at once. A retried request with the same Idempotency-Key answers with the
    /// change the first one made (`created` false).
    public func file(_ draft: ChangeDraft, by actor: Actor) throws -> (change: StoredChange, created: Bool) {
        guard actor.role == .schoolRegistrar, case .school(let ownSchool) = actor.scope else { throw DomainError.forbidden }
        if let key = draft.idempotencyKey, let earlier = try database.read({ try ChangeRepository($0).find(initiator: actor.userID, idempotencyKey: key) }) {
            return (earlier, false)
        }
        guard let type = ChangeType(rawValue: draft.type) else {
            throw DomainError.validation([FieldError(field: "type", code: "unknown_change_type",
                message: LocalizedText(zh: "未知的异动类型。", en: "Unknown change type."))])
        }
        let reason = draft.reason.trimmedBlanks
        guard !reason.isEmpty else { throw ChangeRefusal.reasonRequired }
        guard reason.count <= 500 else {
            throw ChangeRefusal.invalidData("reason", zh: "原因不能超过500字。", en: "The reason may not exceed 500 characters.")
        }
        let plan = try plan(type, draft, ownSchool: ownSchool, actor: actor)
        let proof = try checkedAttachments(draft.attachments, type: type, workflow: plan.workflow, province: plan.subject.province, actor: actor)
        let now = clock.now(), today = clock.today
        do {
            return try database.write { connection -> (StoredChange, Bool) in
                let repository = ChangeRepository(connection)
                // A retry that waited for the first request's transaction finds its change here.
                if let key = draft.idempotencyKey, let earlier = try repository.find(initiator: actor.userID, idempotencyKey: key) {
                    return (earlier, false)
                }
                // The preconditions again inside the transaction: the pupil may have changed since.
                guard let subject = try repository.subject(id: plan.subject.id) else { throw PupilService.unknownPupil }
                try ChangeRules.check(type, status: subject.status, grade: subject.grade, openProblem: subject.openProblem)
                if try repository.hasOpenChange(pupil: subject.id) {
                    // On PostgreSQL a retry can see the first request's change commit between the
                    // Idempotency-Key lookup above and this check: then that change is the answer.
                    if let key = draft.idempotencyKey, let earlier = try repository.find(initiator: actor.userID, idempotencyKey: key) {
                        return (earlier, false)
                    }
                    throw ChangeRefusal.openBusiness
                }
                try checkQuota(type, subject: subject, repository: repository, today: today)
                let id = try repository.insert(NewChange(
                    publicID: "C" + Crypto.randomToken(bytes: 9), type: type, variant: plan.workflow.variant, pupilID: subject.id,
                    province: subject.province, fromSchoolID: subject.schoolID, fromCounty: subject.county, fromGrade: subject.grade,
                    toSchoolID: plan.toSchoolID, toCounty: plan.toCounty, toGrade: plan.toGrade, toClassID: plan.toClassID,
                    details: plan.details, reason: reason, initiatorID: actor.userID, initiatorScope: actor.scope.description,
                    idempotencyKey: draft.idempotencyKey), steps: plan.steps, now: now)
                for attachment in proof { try repository.attach(change: id, attachment: attachment, step: plan.steps[0].code) }
                try repository.log(change: id, user: actor.userID, action: "filed", from: nil, to: plan.steps[0].code, comment: reason, now: now)
                try audit.record(connection, actor: actor, action: "change.file", subject: subject.number, after: "{\"type\":\"\(type.rawValue)\"}", now: now)
                // Filing is the initiating school's decision on its own step.
                try repository.open(change: id, position: 0, due: today, now: now)
                try advance(connection, change: id, position: 0, decision: .approve, comment: reason, by: actor, intervened: false, now: now)
                guard let stored = try repository.get(try publicID(connection, id)) else { throw Self.unknownChange }
                return (stored, true)
            }
        } catch let e as DatabaseError where e.code == .uniqueViolation {
            // Either a concurrent retry with the same key won, or another change for the pupil was opened.
            if let key = draft.idempotencyKey, let earlier = try database.read({ try ChangeRepository($0).find(initiator: actor.userID, idempotencyKey: key) }) {
                return (earlier, false)
            }
            throw ChangeRefusal.openBusiness
        }
    }

    private func publicID(_ connection: Connection, _ id: Int64) throws -> String {
        try connection.queryOne("SELECT public_id FROM changes WHERE id = ?", .integer(id))?[0].string ?? ""
    }

    /// Everything about a filing that can be checked before the transaction.
    struct Plan {
        let subject: ChangeSubject
        let workflow: Workflow
        let steps: [NewStep]
        let toSchoolID: Int64?
        let toCounty: String?
        let toGrade: Int?
        let toClassID: Int64?
        let details: String
    }

    private func plan(_ type: ChangeType, _ draft: ChangeDraft, ownSchool: SchoolCode, actor: Actor) throws -> Plan {
        let receiving = type == .transfer || type == .progression
        let subject = try findSubject(draft, receiving: receiving, ownSchool: ownSchool)
        // Another school's pupil answers like an unknown one before any rule could describe it.
        if !receiving && subject.school != ownSchool { throw PupilService.unknownPupil }
        try ChangeRules.check(type, status: subject.status, grade: subject.grade, openProblem: subject.openProblem)
        let today = clock.today
        return try database.read { connection in
            let repository = ChangeRepository(connection), schools = SchoolRepository(connection)
            guard let current = try schools.get(subject.school) else { throw PupilService.unknownPupil }
            var target: School? = nil, toGrade: Int? = nil, toClassID: Int64? = nil, details = "{}"
            if receiving {
                if let named = draft.toSchool, named != ownSchool.rawValue {
                    // The transfer-out school (or anyone else) naming another school as the receiver.
                    throw DomainError(.forbidden, code: "receiving_school_only",
                        message: LocalizedText(zh: "\(type.label.zh)由转入（升入）学校发起。", en: "\(type.label.en) is started by the receiving school."))
                }
                guard subject.school != ownSchool else {
                    throw ChangeRefusal.invalidData("to_school", zh: "转入学校与学生当前学校相同。", en: "The receiving school is the pupil's current school.")
                }
                target = try schools.get(ownSchool)
                if type == .transfer, let target, target.region.province != subject.province, NationalStudentNumber(draft.pupil.uppercased()) == nil {
                    throw ChangeRefusal.nationalNumberRequired
                }
                toGrade = draft.toGrade ?? (type == .progression ? subject.grade + 1 : subject.grade)
            } else {
                guard subject.school == ownSchool else { throw PupilService.unknownPupil }
                switch type {
                case .resumption, .classChange: toGrade = draft.toGrade ?? subject.grade
                case .repetition, .skipGrade:
                    toGrade = try ChangeRules.targetGrade(type, from: subject.grade, settings: ProvinceSettings.forProvince(subject.province))
                case .suspension, .abroad:
                    details = "{\"until\":\"\(try until(draft.until, province: subject.province, today: today).description)\"}"
                default: break
                }
            }
            let placedSchool = target ?? current
            if let grade = toGrade {
                if type == .classChange, grade != subject.grade {
                    throw ChangeRefusal.invalidData("to_grade", zh: "调班不改变年级。", en: "A class change keeps the grade.")
                }
                if type == .progression, grade != subject.grade + 1 || Stage(grade: grade) == Stage(grade: subject.grade) {
                    throw ChangeRefusal.invalidData("to_grade", zh: "升学须进入下一学段的起始年级。", en: "Progression goes to the first grade of the next stage.")
                }
                guard placedSchool.grades.contains(grade) else {
                    throw DomainError.validation([FieldError(field: "to_grade", code: "grade_not_offered",
                        message: LocalizedText(zh: "\(placedSchool.name)未开设\(grade)年级。", en: "\(placedSchool.name) does not offer grade \(grade)."))])
                }
                guard let className = draft.toClass?.trimmedBlanks, !className.isEmpty else {
                    throw DomainError.validation([FieldError(field: "to_class", code: "required", message: LocalizedText(zh: "请选择班级。", en: "Choose the class."))])
                }
                if type == .classChange, className == subject.className {
                    throw ChangeRefusal.invalidData("to_class", zh: "学生已在该班。", en: "The pupil is already in that class.")
                }
                guard let classID = try repository.classID(school: placedSchool.code, grade: grade, name: className) else { throw PupilService.unknownClassAt("to_class") }
                toClassID = classID
            }
            let parties = ChangeParties(currentSchool: current.code, currentCounty: current.region.rawValue,
                                        receivingSchool: target?.code, receivingCounty: target?.region.rawValue)
            let workflow = Workflows.workflow(for: type, sameBureau: target.map { $0.region == current.region } ?? true)
            return Plan(subject: subject, workflow: workflow, steps: parties.steps(of: workflow),
                        toSchoolID: try target.flatMap { try repository.schoolID($0.code) }, toCounty: target?.region.rawValue,
                        toGrade: toGrade, toClassID: toClassID, details: details)
        }
    }

    /// The pupil named by the filing. A receiving school looks beyond its scope, so it must give
    /// the name as well, and a mismatch answers exactly like an unknown number.
    private func findSubject(_ draft: ChangeDraft, receiving: Bool, ownSchool: SchoolCode) throws -> ChangeSubject {
        let key = draft.pupil.trimmedBlanks.uppercased()
        let subject = try database.read { connection -> ChangeSubject? in
            let repository = ChangeRepository(connection)
            if NationalStudentNumber(key) != nil { return try repository.subject(number: key) }
            if Self.looksLikeResidentID(key) { return try repository.subject(residentID: key) }
            return nil
        }
        guard let subject else { throw PupilService.unknownPupil }
        if receiving && subject.school != ownSchool && draft.name?.trimmedBlanks != subject.name { throw PupilService.unknownPupil }
        return subject
    }

    /// 17 digits and a digit or X: the form of a resident ID (whether it is valid does not matter
    /// for finding the holder of an ID already registered).
    static func looksLikeResidentID(_ key: String) -> Bool {
        let bytes = Array(key.utf8)
        return bytes.count == 18 && bytes.prefix(17).allSatisfy { $0 >= 48 && $0 <= 57 } && (bytes[17] == 88 || (bytes[17] >= 48 && bytes[17] <= 57))
    }

    /// The last day of a suspension or stay abroad: at most one school year ahead (renewable).
    private func until(_ text: String?, province: String, today: CivilDate) throws -> CivilDate {
        let settings = ProvinceSettings.forProvince(province)
        guard let text else { return CivilDate(daysSinceEpoch: today.daysSinceEpoch + settings.suspensionMaxDays - 1) }
        guard let date = CivilDate(text), date > today, date.daysSinceEpoch - today.daysSinceEpoch <= settings.suspensionMaxDays else {
            throw ChangeRefusal.invalidData("until", zh: "结束日期须在今天之后、一学年之内。", en: "The end date must be after today and within one school year.")
        }
        return date
    }

    /// The proof files: each one the filer may see, within the type's size limit; some types require one.
    private func checkedAttachments(_ ids: [String], type: ChangeType, workflow: Workflow, province: String, actor: Actor) throws -> [String] {
        let unique = Array(Set(ids)).sorted()
        if workflow.proofRequired && unique.isEmpty { throw ChangeRefusal.proofRequired }
        guard unique.count <= 10 else { throw ChangeRefusal.invalidData("attachments", zh: "附件最多10个。", en: "At most 10 attachments.") }
        let settings = ProvinceSettings.forProvince(province)
        let limit = type == .suspension || type == .abroad ? settings.suspensionEvidenceMaxBytes : settings.proofMaxBytes
        for id in unique {
            let record: AttachmentRecord
            do { record = try attachments.visible(id, to: actor) } catch {
                throw DomainError.validation([FieldError(field: "attachments", code: "unknown_attachment",
                    message: LocalizedText(zh: "附件 \(id) 不存在。", en: "No attachment \(id)."))])
            }
            if record.size > limit { throw ChangeRefusal.proofTooLarge(limit: limit) }
        }
        return unique
    }

    /// Repetitions and skips: each at most 2 % of the grade per school and school year (DOMAIN.md §4:
    /// skipping has "the same limits as repetition", read as a limit of its own, not a shared one).
    private func checkQuota(_ type: ChangeType, subject: ChangeSubject, repository: ChangeRepository, today: CivilDate) throws {
        guard type == .repetition || type == .skipGrade else { return }
        let settings = ProvinceSettings.forProvince(subject.province)
        let size = try repository.gradeSize(school: subject.schoolID, grade: subject.grade)
        let limit = ChangeRules.quota(gradeSize: size, settings: settings)
        let yearStart = SchoolTerm.stockDate(today)
        let since = Int64(yearStart.daysSinceEpoch) * 86_400_000 - 8 * 3_600_000
        let used = try repository.countGradeChanges(type, school: subject.schoolID, grade: subject.grade, since: since)
        if used + 1 > limit { throw ChangeRefusal.quotaExceeded(limit: limit, used: used) }
    }
}
