/// A family member or guardian (家庭成员或监护人) on a pupil's record.
public struct Guardian: Sendable, Hashable {
    public var name: String
    /// GB/T 4761 relation code (`CodeTables.relation`).
    public var relation: String
    public var isGuardian: Bool
    public var phone: String
    public var idType: String?
    public var idNumber: String?
    public var workplace: String?

    public init(name: String, relation: String, isGuardian: Bool, phone: String, idType: String? = nil, idNumber: String? = nil, workplace: String? = nil) {
        self.name = name
        self.relation = relation
        self.isGuardian = isGuardian
        self.phone = phone
        self.idType = idType
        self.idNumber = idNumber
        self.workplace = workplace
    }
}
