/// Checks a pupil's record field by field and across fields (DOMAIN.md §2–§3), collecting every
/// failure so one answer lists them all. Registration, editing and import use this one checker.
public struct PupilRules: Sendable {
    public let today: CivilDate
    public let divisions: DivisionHistory
    /// Whether a 6-digit code is a division today (the shipped GB/T 2260 list).
    public let isCurrentDivision: @Sendable (String) -> Bool

    public init(today: CivilDate, divisions: DivisionHistory, isCurrentDivision: @escaping @Sendable (String) -> Bool) {
        self.today = today
        self.divisions = divisions
        self.isCurrentDivision = isCurrentDivision
    }

    /// Longest name accepted; real names, minority names with "·" included, are far shorter.
    public static let maxNameLength = 50
    public static let maxAddressLength = 200

    public func check(_ draft: PupilDraft) throws -> PupilRecord {
        var e = FieldChecks()
        let name = e.name(draft["name"], field: "name")
        let sex = e.code(draft["sex"], CodeTables.sex, field: "sex")
        let birthDate = e.date(draft["birth_date"], field: "birth_date", notAfter: today)
        if let birthDate, today.year - birthDate.year > 30 || today.daysSinceEpoch - birthDate.daysSinceEpoch < 365 {
            e.add("birth_date", "birth_date_implausible", zh: "出生日期与在读学生年龄不符。", en: "The birth date does not fit a pupil's age.")
        }
        let birthplace = e.division(draft["birthplace"], field: "birthplace", isCurrent: isCurrentDivision, history: divisions)
        let nativePlace = e.division(draft["native_place"], field: "native_place", isCurrent: isCurrentDivision, history: divisions)
        let ethnicity = e.code(draft["ethnicity"], CodeTables.ethnicity, field: "ethnicity")
        let nationality = e.code(draft["nationality"], CodeTables.nationality, field: "nationality")
        let idType = e.code(draft["id_type"], CodeTables.idType, field: "id_type")
        let idNumber = checkIdentity(draft, idType: idType, birthDate: birthDate, sex: sex, errors: &e)
        let overseas = e.code(draft["overseas"], CodeTables.overseas, field: "overseas")
        let health = e.code(draft["health"], CodeTables.health, field: "health")
        let hukouPlace = e.division(draft["hukou_place"], field: "hukou_place", isCurrent: isCurrentDivision, history: divisions)
        let hukouNature = e.code(draft["hukou_nature"], CodeTables.hukouNature, field: "hukou_nature")
        let school = e.required(draft["school"], field: "school").flatMap { text -> SchoolCode? in
            if let code = SchoolCode(text) { return code }
            e.add("school", "invalid_school_code", zh: "学校标识码为10位数字。", en: "A school code has 10 digits.")
            return nil
        }
        let grade = e.required(draft["grade"], field: "grade").flatMap { text -> Int? in
            if let g = Int(text.trimmedBlanks), (1...12).contains(g) { return g }
            e.add("grade", "invalid_grade", zh: "年级应为1–12。", en: "A grade is 1 to 12.")
            return nil
        }
        let className = e.text(draft["class"], field: "class", max: 30)
        let entryDate = e.date(draft["entry_date"], field: "entry_date", notAfter: CivilDate(daysSinceEpoch: today.daysSinceEpoch + 366))
        let entryMode = e.code(draft["entry_mode"], CodeTables.entryMode, field: "entry_mode")
        if let entryMode, let grade, entryMode != "99", (grade <= 9) != entryMode.hasPrefix("1") {
            e.add("entry_mode", "entry_mode_stage", zh: "入学方式与学段不符（义务教育为11/12，高中为21–23）。",
                  en: "The entry mode does not fit the stage (11/12 compulsory, 21–23 senior).")
        }
        let studyMode = e.code(draft["study_mode"], CodeTables.studyMode, field: "study_mode")
        let address = e.text(draft["address"], field: "address", max: Self.maxAddressLength)
        let phone = e.phone(draft["phone"], field: "phone")
        let leftBehind = e.code(draft["left_behind"] ?? "0", CodeTables.leftBehind, field: "left_behind")
        var disability: String? = nil
        if let text = draft["disability"]?.trimmedBlanks, !text.isEmpty {
            disability = e.code(text, CodeTables.disability, field: "disability")
        }
        let guardians = checkGuardians(draft.guardians, errors: &e)
        try e.finish()
        // Every value used below was checked above; `finish` threw if any was missing.
        guard let name, let sex, let birthDate, let birthplace, let nativePlace, let ethnicity, let nationality, let idType,
              let overseas, let health, let hukouPlace, let hukouNature, let school, let grade, let className, let entryDate,
              let entryMode, let studyMode, let address, let phone, let leftBehind else { throw DomainError.validation([]) }
        return PupilRecord(name: name, sex: sex, birthDate: birthDate, birthplace: birthplace, nativePlace: nativePlace,
                           ethnicity: ethnicity, nationality: nationality, idType: idType, idNumber: idNumber, overseas: overseas,
                           health: health, hukouPlace: hukouPlace, hukouNature: hukouNature, school: school, grade: grade,
                           className: className, entryDate: entryDate, entryMode: entryMode, studyMode: studyMode,
                           address: address, phone: phone, onlyChild: draft.flags["only_child"] ?? false,
                           preschool: draft.flags["preschool"] ?? false, leftBehind: leftBehind, migrant: draft.flags["migrant"] ?? false,
                           orphan: draft.flags["orphan"] ?? false, martyrFamily: draft.flags["martyr_family"] ?? false,
                           disability: disability, guardians: guardians)
    }

    /// The ID number against its type; for a resident ID also against the recorded birth date and
    /// sex, which registration requires to agree (stricter than a warning: a wrong birth date here
    /// would follow the pupil for life).
    private func checkIdentity(_ draft: PupilDraft, idType: String?, birthDate: CivilDate?, sex: String?, errors e: inout FieldChecks) -> String? {
        let raw = draft["id_number"]?.trimmedBlanks ?? ""
        guard let idType else { return nil }
        switch idType {
        case "1":
            guard !raw.isEmpty else { e.required(nil, field: "id_number"); return nil }
            let (id, problems) = ResidentID.problems(in: raw, today: today, divisions: divisions)
            for p in problems { e.errors.append(FieldError(field: "id_number", code: p.code, message: p.message)) }
            guard let id else { return nil }
            if let birthDate, id.birthDate != birthDate {
                e.add("id_number", "id_birth_date_mismatch", zh: "身份证号中的出生日期与填写的出生日期不一致。",
                      en: "The birth date in the ID differs from the recorded birth date.")
            }
            if let sex, id.sex != sex {
                e.add("id_number", "id_sex_mismatch", zh: "身份证号中的性别与填写的性别不一致。", en: "The sex in the ID differs from the recorded sex.")
            }
            return id.rawValue
        case "Z":
            return raw.isEmpty ? nil : e.documentNumber(raw, field: "id_number")
        default:
            guard !raw.isEmpty else { e.required(nil, field: "id_number"); return nil }
            return e.documentNumber(raw, field: "id_number")
        }
    }

    private func checkGuardians(_ guardians: [[String: String]], errors e: inout FieldChecks) -> [Guardian] {
        if guardians.isEmpty {
            e.add("guardians", "guardian_required", zh: "至少填写一名家庭成员或监护人。", en: "At least one family member or guardian is required.")
            return []
        }
        if guardians.count > 6 {
            e.add("guardians", "too_many", zh: "家庭成员最多6名。", en: "At most 6 family members.")
        }
        var out: [Guardian] = []
        for (i, g) in guardians.enumerated() {
            let prefix = "guardians[\(i)]."
            let name = e.name(g["name"], field: prefix + "name")
            let relation = e.code(g["relation"], CodeTables.relation, field: prefix + "relation")
            let phone = e.phone(g["phone"], field: prefix + "phone")
            var idType: String? = nil, idNumber: String? = nil
            if let t = g["id_type"]?.trimmedBlanks, !t.isEmpty { idType = e.code(t, CodeTables.idType, field: prefix + "id_type") }
            if let n = g["id_number"]?.trimmedBlanks, !n.isEmpty {
                if idType == "1" {
                    let (id, problems) = ResidentID.problems(in: n, today: today, divisions: divisions)
                    for p in problems { e.errors.append(FieldError(field: prefix + "id_number", code: p.code, message: p.message)) }
                    idNumber = id?.rawValue
                } else {
                    idNumber = e.documentNumber(n, field: prefix + "id_number")
                }
            }
            let workplace = g["workplace"].flatMap { $0.trimmedBlanks.isEmpty ? nil : e.text($0, field: prefix + "workplace", max: 100) }
            if let name, let relation, let phone {
                out.append(Guardian(name: name, relation: relation, isGuardian: g["is_guardian"] != "0", phone: phone,
                                    idType: idType, idNumber: idNumber, workplace: workplace))
            }
        }
        if !out.isEmpty && !out.contains(where: \.isGuardian) {
            e.add("guardians", "guardian_required", zh: "至少一名家庭成员须为监护人。", en: "At least one family member must be a guardian.")
        }
        return out
    }
}
