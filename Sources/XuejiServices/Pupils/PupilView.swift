import XuejiCore
import XuejiStore

/// A pupil as one caller may see it: masked identity and phone numbers unless the caller may see
/// them in full (API.md "Masking").
public struct PupilView: Sendable {
    public let pupil: StoredPupil
    public let unmasked: Bool

    public init(pupil: StoredPupil, unmasked: Bool) {
        self.pupil = pupil
        self.unmasked = unmasked
    }

    /// `110105********002X`: the division code and the last four characters stay.
    public static func maskID(_ id: String?) -> String? {
        guard let id else { return nil }
        guard id.count > 10 else { return String(repeating: "*", count: id.count) }
        return String(id.prefix(6)) + String(repeating: "*", count: id.count - 10) + String(id.suffix(4))
    }

    /// `138****5678`.
    public static func maskPhone(_ phone: String) -> String {
        guard phone.count > 7 else { return String(repeating: "*", count: phone.count) }
        return String(phone.prefix(3)) + String(repeating: "*", count: phone.count - 7) + String(phone.suffix(4))
    }

    public var idNumber: String? { unmasked ? pupil.record.idNumber : Self.maskID(pupil.record.idNumber) }
    public var phone: String { unmasked ? pupil.record.phone : Self.maskPhone(pupil.record.phone) }
    public func guardianPhone(_ g: Guardian) -> String { unmasked ? g.phone : Self.maskPhone(g.phone) }
    public func guardianID(_ g: Guardian) -> String? { unmasked ? g.idNumber : Self.maskID(g.idNumber) }
}
