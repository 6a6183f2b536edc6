import XuejiCore

/// A change as stored, with its steps and the pupil summary every party may see.
public struct StoredChange: Sendable {
    public let id: Int64
    public let publicID: String
    public let type: ChangeType
    public let variant: String
    public let state: String
    public let pupilID: Int64
    public let province: String
    public let fromSchool: String
    public let fromSchoolName: String
    public let fromCounty: String
    public let toSchool: String?
    public let toSchoolName: String?
    public let toCounty: String?
    public let toGrade: Int?
    public let toClass: String?
    public let details: String
    public let reason: String
    public let initiatorID: Int64
    public let initiatorScope: String
    public let snapshot: String?
    public let createdAt: Int64
    public let completedAt: Int64?
    public let version: Int
    public let pupil: PupilSummary
    public var steps: [StoredStep]

    /// The step waiting for a decision, if any.
    public var pendingStep: StoredStep? { steps.first { $0.state == "pending" } }
}

/// What a counter-party sees of the pupil during a change (issue 4): number, name, sex, birth date,
/// current school and grade, and nothing else.
public struct PupilSummary: Sendable {
    public let number: String
    public let name: String
    public let sex: String
    public let birthDate: String
    public let school: String
    public let schoolName: String
    public let grade: Int
    public let status: String
}

public struct StoredStep: Sendable {
    public let position: Int
    public let code: String
    public let partyKind: String
    public let partyCode: String
    public let state: String
    public let openedAt: Int64?
    public let dueDate: String?
    public let decidedBy: String?
    public let decidedAt: Int64?
    public let comment: String?
    public let intervened: Bool
}

/// One logged transition of a change.
public struct ChangeEvent: Sendable {
    public let at: Int64
    public let username: String
    public let action: String
    public let fromStep: String?
    public let toStep: String?
    public let comment: String?
}

/// The fields of a new change row.
public struct NewChange: Sendable {
    public var publicID: String
    public var type: ChangeType
    public var variant: String
    public var pupilID: Int64
    public var province: String
    public var fromSchoolID: Int64
    public var fromCounty: String
    public var fromGrade: Int
    public var toSchoolID: Int64?
    public var toCounty: String?
    public var toGrade: Int?
    public var toClassID: Int64?
    public var details: String
    public var reason: String
    public var initiatorID: Int64
    public var initiatorScope: String
    public var idempotencyKey: String?

    public init(publicID: String, type: ChangeType, variant: String, pupilID: Int64, province: String, fromSchoolID: Int64,
                fromCounty: String, fromGrade: Int, toSchoolID: Int64?, toCounty: String?, toGrade: Int?, toClassID: Int64?, details: String,
                reason: String, initiatorID: Int64, initiatorScope: String, idempotencyKey: String?) {
        self.publicID = publicID; self.type = type; self.variant = variant; self.pupilID = pupilID; self.province = province
        self.fromSchoolID = fromSchoolID; self.fromCounty = fromCounty; self.fromGrade = fromGrade; self.toSchoolID = toSchoolID; self.toCounty = toCounty
        self.toGrade = toGrade; self.toClassID = toClassID; self.details = details; self.reason = reason
        self.initiatorID = initiatorID; self.initiatorScope = initiatorScope; self.idempotencyKey = idempotencyKey
    }
}

/// A step of a new change: its party resolved to a school or bureau code.
public struct NewStep: Sendable {
    public let code: String
    public let partyKind: String
    public let partyCode: String
    public init(code: String, partyKind: String, partyCode: String) {
        self.code = code; self.partyKind = partyKind; self.partyCode = partyCode
    }
}

/// The pupil a change is about, as the engine needs it: state for the preconditions, ids for the
/// effects. Read without scope: the receiving school files for a pupil it cannot otherwise see.
public struct ChangeSubject: Sendable {
    public let id: Int64
    public let number: String
    public let name: String
    public let status: PupilStatus
    public let grade: Int
    public let province: String
    public let county: String
    public let schoolID: Int64
    public let school: SchoolCode
    public let className: String?
    public let openProblem: Bool
}
