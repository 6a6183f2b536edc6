import Foundation
import Testing
@testable import XuejiCore

struct WorkflowTests {
    @Test func transfersFollowTheFixedOrder() {
        let inter = Workflows.workflow(for: .transfer, sameBureau: false)
        #expect(inter.steps.map(\.code) == ["in_school", "in_bureau", "out_school", "out_bureau"])
        #expect(inter.initiator == .receivingSchool && inter.proofRequired)
        let same = Workflows.workflow(for: .transfer, sameBureau: true)
        #expect(same.steps.map(\.code) == ["in_school", "out_school", "bureau"])
        #expect(Workflows.workflow(for: .progression, sameBureau: true).steps.count == 2)
        #expect(Workflows.workflow(for: .progression, sameBureau: false).steps.last?.code == "previous_bureau")
    }

    @Test func everyChangeTypeHasAWorkflowStartingAtItsInitiator() {
        for type in ChangeType.allCases {
            for same in [true, false] {
                let w = Workflows.workflow(for: type, sameBureau: same)
                #expect(w.type == type)
                #expect(w.steps.first?.party == w.initiator, "\(type)")
                #expect(Set(w.steps.map(\.code)).count == w.steps.count, "\(type): step codes repeat")
            }
        }
        #expect(Workflows.workflow(for: .classChange, sameBureau: true).steps.map(\.code) == ["school"])
        #expect(Workflows.workflow(for: .death, sameBureau: true).proofRequired)
    }

    /// docs/workflows.md is the generator's output, byte for byte (regenerate with `xueji workflows`).
    @Test func theWorkflowDocumentIsGenerated() throws {
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/workflows.md")
        let onDisk = try String(contentsOf: docs, encoding: .utf8)
        #expect(onDisk == WorkflowDiagram.document(), "docs/workflows.md is stale: run `xueji workflows > docs/workflows.md`")
        #expect(onDisk.contains("in_school -- approve --> in_bureau"))
    }
}
