/// One administrative division (province, prefecture or county) from the GB/T 2260 list.
public struct Region: Sendable, Hashable {
    public let code: DivisionCode
    public let name: String
    public let level: DivisionCode.Level
    /// The division above, or nil for a province.
    public let parent: DivisionCode?
    public let longitude: Double?
    public let latitude: Double?

    public init(code: DivisionCode, name: String, level: DivisionCode.Level, parent: DivisionCode?, longitude: Double?, latitude: Double?) {
        self.code = code
        self.name = name
        self.level = level
        self.parent = parent
        self.longitude = longitude
        self.latitude = latitude
    }
}
