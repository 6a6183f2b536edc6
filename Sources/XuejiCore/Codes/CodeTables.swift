/// The national code tables a pupil's record uses (DOMAIN.md §3), with zh-Hans and en labels.
///
/// Each table carries a version: codes change over the years (Ed-Fi's lesson), and a record keeps
/// the meaning it was entered with. `GET /api/v1/codes/{name}` lists them.
public enum CodeTables {
    /// Sex (GB/T 2261.1).
    public static let sex = CodeTable(name: "sex", version: "2026.1", entries: [
            ("1", "男", "Male"),
            ("2", "女", "Female"),
    ])

    /// Ethnic group (GB 3304-1991): the 56 groups.
    public static let ethnicity = CodeTable(name: "ethnicity", version: "2026.1", entries: [
            ("01", "汉族", "Han"),
            ("02", "蒙古族", "Mongol"),
            ("03", "回族", "Hui"),
            ("04", "藏族", "Tibetan"),
            ("05", "维吾尔族", "Uyghur"),
            ("06", "苗族", "Miao"),
            ("07", "彝族", "Yi"),
            ("08", "壮族", "Zhuang"),
            ("09", "布依族", "Buyei"),
            ("10", "朝鲜族", "Korean"),
            ("11", "满族", "Manchu"),
            ("12", "侗族", "Dong"),
            ("13", "瑶族", "Yao"),
            ("14", "白族", "Bai"),
            ("15", "土家族", "Tujia"),
            ("16", "哈尼族", "Hani"),
            ("17", "哈萨克族", "Kazakh"),
            ("18", "傣族", "Dai"),
            ("19", "黎族", "Li"),
            ("20", "傈僳族", "Lisu"),
            ("21", "佤族", "Va"),
            ("22", "畲族", "She"),
            ("23", "高山族", "Gaoshan"),
            ("24", "拉祜族", "Lahu"),
            ("25", "水族", "Sui"),
            ("26", "东乡族", "Dongxiang"),
            ("27", "纳西族", "Naxi"),
            ("28", "景颇族", "Jingpo"),
            ("29", "柯尔克孜族", "Kyrgyz"),
            ("30", "土族", "Tu"),
            ("31", "达斡尔族", "Daur"),
            ("32", "仫佬族", "Mulao"),
            ("33", "羌族", "Qiang"),
            ("34", "布朗族", "Blang"),
            ("35", "撒拉族", "Salar"),
            ("36", "毛南族", "Maonan"),
            ("37", "仡佬族", "Gelao"),
            ("38", "锡伯族", "Xibe"),
            ("39", "阿昌族", "Achang"),
            ("40", "普米族", "Pumi"),
            ("41", "塔吉克族", "Tajik"),
            ("42", "怒族", "Nu"),
            ("43", "乌孜别克族", "Uzbek"),
            ("44", "俄罗斯族", "Russian"),
            ("45", "鄂温克族", "Evenki"),
            ("46", "德昂族", "De'ang"),
            ("47", "保安族", "Bonan"),
            ("48", "裕固族", "Yugur"),
            ("49", "京族", "Gin"),
            ("50", "塔塔尔族", "Tatar"),
            ("51", "独龙族", "Derung"),
            ("52", "鄂伦春族", "Oroqen"),
            ("53", "赫哲族", "Hezhen"),
            ("54", "门巴族", "Monba"),
            ("55", "珞巴族", "Lhoba"),
            ("56", "基诺族", "Jino"),
    ])

    /// Identity document type (身份证件类型).
    public static let idType = CodeTable(name: "id_type", version: "2026.1", entries: [
            ("1", "居民身份证", "Resident identity card"),
            ("6", "香港特区护照/身份证明", "Hong Kong SAR passport or identity document"),
            ("7", "澳门特区护照/身份证明", "Macao SAR passport or identity document"),
            ("8", "台湾居民来往大陆通行证", "Mainland travel permit for Taiwan residents"),
            ("9", "境外永久居住证", "Foreign permanent residence card"),
            ("A", "护照", "Passport"),
            ("Z", "其他", "Other"),
    ])

    /// Hong Kong, Macao, Taiwan, overseas Chinese or foreign status (港澳台侨外) [assumed: the list in DOMAIN.md §3, 51 for foreigners].
    public static let overseas = CodeTable(name: "overseas", version: "2026.1", entries: [
            ("00", "否", "None"),
            ("11", "香港同胞", "Hong Kong compatriot"),
            ("12", "香港同胞亲属", "Relative of a Hong Kong compatriot"),
            ("21", "澳门同胞", "Macao compatriot"),
            ("22", "澳门同胞亲属", "Relative of a Macao compatriot"),
            ("31", "台湾同胞", "Taiwan compatriot"),
            ("32", "台湾同胞亲属", "Relative of a Taiwan compatriot"),
            ("41", "华侨", "Overseas Chinese"),
            ("42", "侨眷", "Relative of overseas Chinese"),
            ("43", "归侨", "Returned overseas Chinese"),
            ("44", "归侨子女", "Child of returned overseas Chinese"),
            ("51", "外籍人士", "Foreign national"),
            ("99", "其他", "Other"),
    ])

    /// Health (健康状况).
    public static let health = CodeTable(name: "health", version: "2026.1", entries: [
            ("10", "健康或良好", "Healthy or good"),
            ("20", "一般或较弱", "Fair or weak"),
            ("30", "有慢性病", "Chronic illness"),
            ("40", "有生理缺陷", "Physical defect"),
            ("50", "残疾", "Disabled"),
    ])

    /// Nature of household registration (户口性质).
    public static let hukouNature = CodeTable(name: "hukou_nature", version: "2026.1", entries: [
            ("1", "农业户口", "Agricultural"),
            ("2", "非农业户口", "Non-agricultural"),
    ])

    /// Entry mode (入学方式): 1x compulsory stage, 2x senior.
    public static let entryMode = CodeTable(name: "entry_mode", version: "2026.1", entries: [
            ("11", "就近入学", "Nearby school (compulsory)"),
            ("12", "其他入学方式", "Other (compulsory)"),
            ("21", "统一招生考试", "Entrance examination (senior)"),
            ("22", "体育特长招生", "Sports admission (senior)"),
            ("23", "艺术特长招生", "Arts admission (senior)"),
            ("99", "其他", "Other"),
    ])

    /// Study mode (就读方式).
    public static let studyMode = CodeTable(name: "study_mode", version: "2026.1", entries: [
            ("1", "走读", "Day pupil"),
            ("2", "住校", "Boarder"),
    ])

    /// Left-behind child (留守儿童): parents working elsewhere for at least 3 months.
    public static let leftBehind = CodeTable(name: "left_behind", version: "2026.1", entries: [
            ("0", "非留守儿童", "Not left behind"),
            ("1", "单亲外出务工", "One parent away"),
            ("2", "双亲外出务工", "Both parents away"),
    ])

    /// Disability type (残疾类型); absent when none.
    public static let disability = CodeTable(name: "disability", version: "2026.1", entries: [
            ("1", "视力残疾", "Visual"),
            ("2", "听力残疾", "Hearing"),
            ("3", "言语残疾", "Speech"),
            ("4", "肢体残疾", "Physical"),
            ("5", "智力残疾", "Intellectual"),
            ("6", "精神残疾", "Mental"),
            ("7", "多重残疾", "Multiple"),
    ])

    /// Family relation of a guardian (GB/T 4761).
    public static let relation = CodeTable(name: "relation", version: "2026.1", entries: [
            ("51", "父亲", "Father"),
            ("52", "母亲", "Mother"),
            ("53", "继父或养父", "Stepfather or adoptive father"),
            ("54", "继母或养母", "Stepmother or adoptive mother"),
            ("61", "祖父", "Paternal grandfather"),
            ("62", "祖母", "Paternal grandmother"),
            ("63", "外祖父", "Maternal grandfather"),
            ("64", "外祖母", "Maternal grandmother"),
            ("70", "兄弟姐妹", "Sibling"),
            ("80", "其他亲属", "Other relative"),
            ("97", "其他", "Other"),
    ])

    /// Source of the pupil (学生来源).
    public static let source = CodeTable(name: "source", version: "2026.1", entries: [
            ("1", "正常入学", "Normal"),
            ("9", "其他", "Other"),
    ])

    /// Every table by its API name.
    public static let all: [String: CodeTable] = Dictionary(uniqueKeysWithValues:
        [sex, ethnicity, idType, overseas, health, hukouNature, entryMode, studyMode, leftBehind, disability, relation, source, nationality]
            .map { ($0.name, $0) })
}
