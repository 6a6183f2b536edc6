/// One result row. Column names are shared by all rows of a result, so a lookup by name costs one
/// dictionary probe and no copying.
public struct Row: Sendable {
    public let columns: ColumnNames
    public let values: [SQLValue]

    public init(columns: ColumnNames, values: [SQLValue]) {
        self.columns = columns
        self.values = values
    }

    public subscript(_ name: String) -> SQLValue {
        guard let i = columns.index[name] else { return .null }
        return values[i]
    }

    public subscript(_ index: Int) -> SQLValue { values[index] }

    public func string(_ name: String) -> String? { self[name].string }
    public func int(_ name: String) -> Int? { self[name].int64.map { Int($0) } }
    public func int64(_ name: String) -> Int64? { self[name].int64 }
    public func double(_ name: String) -> Double? { self[name].double }
    public func bool(_ name: String) -> Bool { (self[name].int64 ?? 0) != 0 }
}

/// The column names of one result, with their positions.
public final class ColumnNames: Sendable {
    public let names: [String]
    public let index: [String: Int]

    public init(_ names: [String]) {
        self.names = names
        var index: [String: Int] = [:]
        for (i, n) in names.enumerated() where index[n] == nil { index[n] = i }
        self.index = index
    }
}
