/// What an account may do (API.md "Roles and scopes"). The raw values are part of the API.
public enum Role: String, Sendable, CaseIterable {
    /// Bootstrap administrator, scope `000000`.
    case systemAdmin = "system_admin"
    /// Manages schools and accounts inside a division (教育行政部门管理员).
    case bureauAdmin = "bureau_admin"
    /// Approves registrations and bureau steps of changes inside a division (审核人员).
    case bureauReviewer = "bureau_reviewer"
    /// Enters and edits a school's pupils and starts changes (学籍管理员).
    case schoolRegistrar = "school_registrar"
    /// Signs the school's steps (校长或分管副校长).
    case schoolApprover = "school_approver"
    /// Reads aggregate reports only, never personal data (分析人员).
    case analyst = "analyst"

    /// Whether the role's scope is a school code; the others take a division code.
    public var isSchoolRole: Bool { self == .schoolRegistrar || self == .schoolApprover }

    /// Rank used so that an administrator never grants a role above its own.
    public var rank: Int {
        switch self {
        case .systemAdmin: return 3
        case .bureauAdmin: return 2
        case .bureauReviewer, .analyst: return 1
        case .schoolRegistrar, .schoolApprover: return 0
        }
    }
}
