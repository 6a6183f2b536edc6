import XuejiCore
import XuejiHTTP

/// The rows of an uploaded list that were refused, each with its row number, column and reason:
/// as JSON for the API (`rejected[]`) and as a table for the pages (the first 200; the files can
/// be long and the API has them all).
enum RefusedRows {
    typealias Row = (row: Int, column: String, code: String, message: LocalizedText)

    static func json(_ rows: [Row], english: Bool) -> JSON {
        .array(rows.map { ["row": .int(Int64($0.row)), "column": .string($0.column), "code": .string($0.code),
                           "message": .string(english ? $0.message.en : $0.message.zh)] })
    }

    static func table(_ rows: [Row], english: Bool, id: String = "refused") -> HTML {
        let t = { (zh: String, en: String) in english ? en : zh }
        let body: [HTML] = rows.prefix(200).map { "<tr><td>\($0.row)</td><td>\($0.column)</td><td>\(english ? $0.message.en : $0.message.zh)</td></tr>" }
        return """
            <table id="\(id)"><thead><tr><th>\(t("行", "Row"))</th><th>\(t("列", "Column"))</th><th>\(t("原因", "Reason"))</th></tr></thead><tbody>\(body.joined())</tbody></table>
            """
    }
}
