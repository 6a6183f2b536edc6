import XuejiCore

/// One synthetic pupil as a registration draft, so it passes the same checks as a real one.
enum DemoPupil {
    static func draft(school: School, grade: Int, className: String, schoolYear: Int, history: DivisionHistory,
                      sequence: inout [String: Int], firstSequence: Int = 0, using random: inout SeededRandom) -> PupilDraft {
        let sex = random.chance(0.52) ? "1" : "2"
        // Age fits the grade: a first-grader turns 6 before 1 September of the entry year.
        let birthYear = schoolYear - 5 - grade - (random.chance(0.15) ? 1 : 0)
        let birth = CivilDate(daysSinceEpoch: (CivilDate(year: birthYear, month: 9, day: 1)?.daysSinceEpoch ?? 0) - Int.random(in: 1...365, using: &random))
        let migrant = random.chance(0.12)
        let hukou = migrant ? random.pick(["411523", "412726", "510122", "341221", "412825"]) : school.region.rawValue
        let birthplace = history.wasValid(hukou, in: birth.year) ? hukou : school.region.rawValue
        let key = birthplace + birth.description
        sequence[key, default: firstSequence] += 1
        let serial = sequence[key]! * 2 - (sex == "1" ? 1 : 2) + 100  // odd for boys, even for girls
        let digits = Array((birthplace + birth.description.filter { $0 != "-" } + String(serial % 1000).leftPadded(3)).utf8)
        let id = String(decoding: digits, as: UTF8.self) + String(ResidentID.checkCharacter(for: digits))
        let leftBehind = school.locality == .rural ? (random.chance(0.15) ? "2" : random.chance(0.1) ? "1" : "0") : "0"
        let boarder = grade >= 7 ? random.chance(school.locality == .urban ? 0.2 : 0.6) : random.chance(0.05)
        let surname = DemoNames.name(sex: sex, using: &random)
        var draft = PupilDraft()
        draft.fields = [
            "school": school.code.rawValue, "grade": String(grade), "class": className,
            "entry_date": "\(schoolYear - grade + school.grades[0])-09-01", "entry_mode": grade >= 10 ? "21" : "11",
            "study_mode": boarder ? "2" : "1", "name": surname, "sex": sex, "birth_date": birth.description,
            "birthplace": birthplace, "native_place": hukou, "ethnicity": random.chance(0.95) ? "01" : random.pick(["03", "02", "06", "08"]),
            "nationality": "CHN", "id_type": "1", "id_number": id, "overseas": "00", "health": random.chance(0.97) ? "10" : "20",
            "hukou_place": hukou, "hukou_nature": school.locality == .rural || migrant ? "1" : "2",
            "address": "河南省\(school.name)附近\(Int.random(in: 1...300, using: &random))号",
            "phone": "13" + String(Int.random(in: 100_000_000...999_999_999, using: &random)), "left_behind": leftBehind,
        ]
        if school.type == .special { draft.fields["disability"] = random.pick(["1", "2", "5", "7"]) }
        draft.flags = ["only_child": random.chance(0.35), "preschool": random.chance(0.9), "migrant": migrant,
                       "orphan": random.chance(0.003), "martyr_family": random.chance(0.001)]
        let guardian = DemoNames.name(sex: "1", using: &random)
        draft.guardians = [
            ["name": String(surname.prefix(1)) + String(guardian.dropFirst()), "relation": leftBehind == "2" ? "61" : "51",
             "is_guardian": "1", "phone": "13" + String(Int.random(in: 100_000_000...999_999_999, using: &random))],
            ["name": DemoNames.name(sex: "2", using: &random), "relation": "52", "is_guardian": "0",
             "phone": "15" + String(Int.random(in: 100_000_000...999_999_999, using: &random))],
        ]
        return draft
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
