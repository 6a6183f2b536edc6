/// The checked content of a pupil's record (学生基础信息, DOMAIN.md §3). Every code field holds a code
/// of its table; every date is a real date. Built only by `PupilRules.check`.
public struct PupilRecord: Sendable, Hashable {
    // Identity
    public var name: String
    public var sex: String
    public var birthDate: CivilDate
    public var birthplace: String
    public var nativePlace: String
    public var ethnicity: String
    public var nationality: String
    public var idType: String
    /// Nil only for ID type Z ("other"), where attendance proof stands in for a number.
    public var idNumber: String?
    public var overseas: String
    public var health: String
    public var hukouPlace: String
    public var hukouNature: String
    // Schooling
    public var school: SchoolCode
    public var grade: Int
    public var className: String
    public var entryDate: CivilDate
    public var entryMode: String
    public var studyMode: String
    // Contact
    public var address: String
    public var phone: String
    // Social flags
    public var onlyChild: Bool
    public var preschool: Bool
    public var leftBehind: String
    public var migrant: Bool
    public var orphan: Bool
    public var martyrFamily: Bool
    public var disability: String?
    public var guardians: [Guardian]

    public init(name: String, sex: String, birthDate: CivilDate, birthplace: String, nativePlace: String, ethnicity: String, nationality: String, idType: String, idNumber: String?, overseas: String, health: String, hukouPlace: String, hukouNature: String, school: SchoolCode, grade: Int, className: String, entryDate: CivilDate, entryMode: String, studyMode: String, address: String, phone: String, onlyChild: Bool, preschool: Bool, leftBehind: String, migrant: Bool, orphan: Bool, martyrFamily: Bool, disability: String?, guardians: [Guardian]) {
        self.name = name
        self.sex = sex
        self.birthDate = birthDate
        self.birthplace = birthplace
        self.nativePlace = nativePlace
        self.ethnicity = ethnicity
        self.nationality = nationality
        self.idType = idType
        self.idNumber = idNumber
        self.overseas = overseas
        self.health = health
        self.hukouPlace = hukouPlace
        self.hukouNature = hukouNature
        self.school = school
        self.grade = grade
        self.className = className
        self.entryDate = entryDate
        self.entryMode = entryMode
        self.studyMode = studyMode
        self.address = address
        self.phone = phone
        self.onlyChild = onlyChild
        self.preschool = preschool
        self.leftBehind = leftBehind
        self.migrant = migrant
        self.orphan = orphan
        self.martyrFamily = martyrFamily
        self.disability = disability
        self.guardians = guardians
    }

    /// The fields that become read-only after graduation (DOMAIN.md §3 "identity part").
    public static let identityFields: Set<String> = [
        "name", "sex", "birth_date", "birthplace", "native_place", "ethnicity", "nationality", "id_type", "id_number",
        "overseas", "health", "hukou_place", "hukou_nature",
    ]
}
