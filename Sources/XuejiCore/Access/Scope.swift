/// The part of the tree an account may see and act in: a division subtree or one school.
///
/// "Inside the scope" means the school lies in the division's subtree, or is that school
/// (API.md "Roles and scopes"; DOMAIN.md §1: each level sees only its own subtree).
public enum Scope: Sendable, Hashable, CustomStringConvertible {
    case division(DivisionCode)
    case school(SchoolCode)

    /// Parses a 6-digit division code or a 10-digit school code.
    public init?(_ text: String) {
        if let school = SchoolCode(text) { self = .school(school) }
        else if let division = DivisionCode(text), text.count == 6 { self = .division(division) }
        else { return nil }
    }

    public var description: String {
        switch self {
        case .division(let d): return d.rawValue
        case .school(let s): return s.rawValue
        }
    }

    /// Whether a school with this code, in this county, lies inside the scope.
    public func contains(school: SchoolCode, in region: DivisionCode) -> Bool {
        switch self {
        case .division(let d): return d.contains(region)
        case .school(let s): return s == school
        }
    }

    /// Whether a whole division lies inside the scope (a school scope contains no division).
    public func contains(division: DivisionCode) -> Bool {
        switch self {
        case .division(let d): return d.contains(division)
        case .school: return false
        }
    }
}
