/// What a class register says of one pupil on one school day (issue 8). Stored in four bits.
public enum AttendanceMark: UInt8, Sendable, CaseIterable {
    case unrecorded = 0     // no register taken that day (or not yet)
    case present = 1
    case unexcused = 2      // 旷课
    case sick = 3           // 病假
    case personal = 4       // 事假
    case late = 5           // 迟到 (present, late)

    /// The absence kinds a register sends by name (`PUT …/attendance/{date}`).
    public init?(absence: String) {
        switch absence {
        case "unexcused": self = .unexcused
        case "sick": self = .sick
        case "personal": self = .personal
        case "late": self = .late
        default: return nil
        }
    }

    public var name: String {
        switch self {
        case .unrecorded: return "unrecorded"
        case .present: return "present"
        case .unexcused: return "unexcused"
        case .sick: return "sick"
        case .personal: return "personal"
        case .late: return "late"
        }
    }

    /// Whether the pupil was at school (late counts as there).
    public var attended: Bool { self == .present || self == .late }
}

/// A pupil's term of attendance packed two days to a byte, by calendar-day offset from the term's
/// first day: a 140-day term is 70 bytes, whatever the school (docs/benchmarks.md has the size per
/// million pupils). Days past the last recorded one are not stored, so early in the term the record
/// is shorter still.
public struct PackedDays: Sendable, Equatable {
    public private(set) var bytes: [UInt8]

    public init(_ bytes: [UInt8] = []) { self.bytes = bytes }

    public subscript(offset: Int) -> AttendanceMark {
        get {
            guard offset >= 0, offset / 2 < bytes.count else { return .unrecorded }
            let byte = bytes[offset / 2]
            return AttendanceMark(rawValue: offset % 2 == 0 ? byte & 0x0F : byte >> 4) ?? .unrecorded
        }
        set {
            guard offset >= 0 else { return }
            while bytes.count <= offset / 2 { bytes.append(0) }
            let byte = bytes[offset / 2]
            bytes[offset / 2] = offset % 2 == 0 ? (byte & 0xF0) | newValue.rawValue : (byte & 0x0F) | (newValue.rawValue << 4)
        }
    }

    /// The number of day slots stored.
    public var capacity: Int { bytes.count * 2 }
}
