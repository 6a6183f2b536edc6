import XuejiCore

/// A pupil as stored: the record plus what the registry keeps about it.
public struct StoredPupil: Sendable {
    public let id: Int64
    public let number: NationalStudentNumber
    public let status: PupilStatus
    public let approval: String
    public let record: PupilRecord
    public let schoolName: String
    public let schoolRegion: DivisionCode
    public let registrationDue: CivilDate
    public let registeredLate: Bool
    public let registeredAt: Int64
    public let version: Int
}
