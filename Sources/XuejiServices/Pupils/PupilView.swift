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
        id.map { mask($0, keepFirst: 6, keepLast: 4) }
    }

    /// `138****5678`.
    public static func maskPhone(_ phone: String) -> String { mask(phone, keepFirst: 3, keepLast: 4) }

    /// Keeps the first and last characters and stars the rest; a value too short to keep both ends
    /// is starred whole. Identity and phone numbers are ASCII (checked at entry), so the common case
    /// works on bytes; anything else falls back to characters.
    static func mask(_ value: String, keepFirst: Int, keepLast: Int) -> String {
        var bytes = Array(value.utf8)
        if bytes.allSatisfy({ $0 < 0x80 }) {
            let keep = bytes.count > keepFirst + keepLast ? (keepFirst, bytes.count - keepLast) : (0, bytes.count)
            for i in keep.0..<keep.1 { bytes[i] = UInt8(ascii: "*") }
            return String(decoding: bytes, as: UTF8.self)
        }
        let characters = Array(value)
        guard characters.count > keepFirst + keepLast else { return String(repeating: "*", count: characters.count) }
        return String(characters.prefix(keepFirst)) + String(repeating: "*", count: characters.count - keepFirst - keepLast)
            + String(characters.suffix(keepLast))
    }

    public var idNumber: String? { unmasked ? pupil.record.idNumber : Self.maskID(pupil.record.idNumber) }
    public var phone: String { unmasked ? pupil.record.phone : Self.maskPhone(pupil.record.phone) }
    public func guardianPhone(_ g: Guardian) -> String { unmasked ? g.phone : Self.maskPhone(g.phone) }
    public func guardianID(_ g: Guardian) -> String? { unmasked ? g.idNumber : Self.maskID(g.idNumber) }
}
