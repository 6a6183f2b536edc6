/// A pupil's status (学籍状态, DOMAIN.md §4). Raw values are the API's words.
public enum PupilStatus: String, Sendable, CaseIterable {
    case active                         // 在校
    case suspended                      // 休学
    case abroad                         // 出境
    case droppedOut = "dropped_out"     // 辍学
    case withdrawn                      // 退学
    case expelled                       // 开除
    case graduated                      // 毕业
    case completed                      // 结业
    case leftEarly = "left_early"       // 肄业
    case transferredOut = "transferred_out" // 转出
    case deceased                       // 死亡

    /// After these the identity part of the record is read-only (DOMAIN.md §3).
    public var locksIdentity: Bool { self == .graduated || self == .completed || self == .leftEarly }
}
