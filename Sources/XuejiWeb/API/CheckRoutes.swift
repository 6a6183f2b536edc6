import Foundation
import XuejiCore
import XuejiHTTP
import XuejiServices

/// `POST /api/v1/checks/household` (multipart: `household` file, optional `poverty` file, optional
/// `region`): 四查三比对 for a bureau. The answer lists the children of the household list who are in
/// no school (with the ID numbers the bureau's own file gave), the scope's suspected and recorded
/// dropouts, which of them are on the poverty list, and the rows that could not be read.
struct CheckRoutes {
    let context: RouteContext
    init(_ context: RouteContext) { self.context = context }

    var routes: [Route] {
        [
            Route("POST", "/api/v1/checks/household", handler: context.authenticated { [context] request, actor in
                guard let household = request.filePart("household") else {
                    throw DomainError.validation([FieldError(field: "household", code: "required", message: LocalizedText(zh: "请上传户籍名单文件。", en: "Upload the household list."))])
                }
                var region: Scope?
                if let text = request.formField("region"), !text.isEmpty {
                    guard text.count == 6, let code = DivisionCode(text) else { throw YearCycleRoutes.bad("region") }
                    region = .division(code)
                }
                let english = request.prefersEnglish
                let result = try context.householdCheck.run(household: household.data, poverty: request.filePart("poverty")?.data, region: region, by: actor)
                return .json([
                    "rows": .int(Int64(result.rows)), "in_school": .int(Int64(result.inSchool)), "priority": .int(Int64(result.priority)),
                    "out_of_school": .array(result.outOfSchool.map { ["row": .int(Int64($0.row)), "id_number": .string($0.idNumber), "name": .string($0.name),
                                                                       "hukou_place": .string($0.hukouPlace), "poverty": .bool($0.poverty)] }),
                    "dropouts": .array(result.dropouts.map { ["number": .string($0.number), "name": .string($0.name), "school": .string($0.school),
                                                              "grade": .int(Int64($0.grade)), "reason": .string($0.reason), "poverty": .bool($0.poverty)] }),
                    "rejected": RefusedRows.json(result.rejected, english: english),
                ])
            }),
        ]
    }
}
