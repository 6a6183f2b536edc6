import XuejiCore
import XuejiStore

/// Who decides each step of a change: the workflow's relative parties resolved to a school code or a
/// bureau's division code (the school's county bureau is its 学籍主管部门, DOMAIN.md §1).
struct ChangeParties {
    let currentSchool: SchoolCode
    let currentCounty: String
    let receivingSchool: SchoolCode?
    let receivingCounty: String?

    func resolve(_ party: Party) -> (kind: String, code: String) {
        switch party {
        case .currentSchool: return ("school", currentSchool.rawValue)
        case .currentBureau: return ("bureau", currentCounty)
        case .receivingSchool: return ("school", (receivingSchool ?? currentSchool).rawValue)
        case .receivingBureau: return ("bureau", receivingCounty ?? currentCounty)
        }
    }

    func steps(of workflow: Workflow) -> [NewStep] {
        workflow.steps.map { step in
            let party = resolve(step.party)
            return NewStep(code: step.code, partyKind: party.kind, partyCode: party.code)
        }
    }
}

extension Actor {
    /// Whether this account decides a step of this party itself: a school role of that school, or a
    /// reviewer of exactly that bureau.
    func isParty(kind: String, code: String) -> Bool {
        switch (kind, role, scope) {
        case ("school", .schoolRegistrar, .school(let s)), ("school", .schoolApprover, .school(let s)): return s.rawValue == code
        case ("bureau", .bureauReviewer, .division(let d)): return d.rawValue == code
        default: return false
        }
    }

    /// Whether this account may take over a stalled bureau step (强制干预): a reviewer of a division
    /// above that bureau.
    func mayIntervene(inBureau code: String) -> Bool {
        guard role == .bureauReviewer, case .division(let d) = scope, d.rawValue != code, let bureau = DivisionCode(code) else { return false }
        return d.contains(bureau)
    }
}

extension Actor {
    /// The party this account decides steps for: its school, or (for a reviewer) its own bureau.
    var stepParty: (kind: String, code: String)? {
        switch (role, scope) {
        case (.schoolRegistrar, .school(let s)), (.schoolApprover, .school(let s)): return ("school", s.rawValue)
        case (.bureauReviewer, .division(let d)): return ("bureau", d.rawValue)
        default: return nil
        }
    }
}
