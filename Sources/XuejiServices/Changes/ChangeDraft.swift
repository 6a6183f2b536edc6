import XuejiCore

/// A change as filed (API.md "Changes": `POST /api/v1/changes`). Text as sent; the service checks it.
public struct ChangeDraft: Sendable {
    public var type: String = ""
    /// The pupil's national student number, or (inside one province) the resident ID number.
    public var pupil: String = ""
    /// The pupil's name, required from a receiving school, which cannot otherwise see the pupil:
    /// number and name must both match, so a number alone reveals nothing.
    public var name: String?
    public var reason: String = ""
    public var toSchool: String?
    public var toGrade: Int?
    public var toClass: String?
    /// Last day of a suspension or stay abroad.
    public var until: String?
    public var attachments: [String] = []
    public var idempotencyKey: String?

    public init() {}
}
