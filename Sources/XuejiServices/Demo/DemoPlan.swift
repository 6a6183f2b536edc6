import XuejiCore

/// The demo's schools: every type and locality, spread over the demo counties.
enum DemoPlan {
    static func schools(counties: [DivisionCode], using random: inout SeededRandom) -> [School] {
        let kinds: [(SchoolType, [Int], String)] = [
            (.primary, Array(1...6), "小学"), (.primary, Array(1...6), "实验小学"), (.junior, Array(7...9), "初级中学"),
            (.nineYear, Array(1...9), "九年一贯制学校"), (.completeSecondary, Array(7...12), "中学"), (.senior, Array(10...12), "高级中学"),
            (.twelveYear, Array(1...12), "外国语学校"), (.special, Array(1...9), "特殊教育学校"), (.specialized, Array(7...9), "专门学校"),
        ]
        let localities: [Locality] = [.urban, .town, .rural]
        var out: [School] = []
        for (i, county) in counties.enumerated() {
            for (k, kind) in kinds.enumerated() where (k + i) % 3 != 2 || kind.0 == .primary {
                let sequence = out.filter { $0.region == county }.count + 1
                guard let code = SchoolCode(county.rawValue + "90" + (sequence < 10 ? "0" : "") + String(sequence)) else { continue }
                let locality = kind.0 == .senior ? .urban : localities[(k / 3 + i) % 3]
                let prefix = locality == .rural ? random.pick(["东关", "西岭", "南湾", "北坡", "柳林"]) + "乡" : random.pick(["第一", "第二", "育才", "明德", "新华"])
                out.append(School(code: code, name: prefix + kind.2, region: county, type: kind.0, ownership: k == 1 ? .private : .public,
                                  locality: locality, grades: kind.1))
            }
        }
        return out
    }

    static func gradeName(_ grade: Int) -> String {
        ["", "一年级", "二年级", "三年级", "四年级", "五年级", "六年级", "七年级", "八年级", "九年级", "高一", "高二", "高三"][grade]
    }
}
