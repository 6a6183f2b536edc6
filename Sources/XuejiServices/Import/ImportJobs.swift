import Foundation
import Synchronization
import XuejiCore
import XuejiStore

/// Imports started over HTTP (`POST /api/v1/imports`): each runs on a background thread while the
/// caller polls its progress. Jobs live in memory (a restart forgets them; the batch and its audit
/// entry stay in the database). The uploaded file is kept under the data directory until the job is
/// forgotten, for the error file.
public final class ImportJobs: Sendable {
    public struct Job: Sendable {
        public let id: String
        public let owner: Int64
        public let school: String
        public var state = "running"   // running | done | failed
        public var phase = "check"
        public var rows = 0
        public var progress = 0.0
        public var report: ImportReport? = nil
        public var failure: DomainError? = nil
        let file: URL
    }

    private let jobs = Mutex<[String: Job]>([:])
    private let service: ImportService
    private let directory: URL

    public init(service: ImportService, dataDirectory: URL) {
        self.service = service
        directory = dataDirectory.appendingPathComponent("imports")
    }

    /// Stores the upload and starts checking (and, in commit mode, writing) it.
    public func start(_ bytes: [UInt8], school: String, mode: ImportService.Mode, strict: Bool, sheet: String? = nil, by actor: Actor) throws -> String {
        _ = try service.school(school, for: actor)   // refuse a wrong school now, not in the background
        purge()
        let id = "I" + Crypto.randomToken(bytes: 9)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent(id + ".upload")
        try Data(bytes).write(to: file)
        jobs.withLock { $0[id] = Job(id: id, owner: actor.userID, school: school, file: file) }
        let service = self.service
        Thread.detachNewThread { [self] in
            do {
                let report = try service.run(file, school: school, mode: mode, strict: strict, sheet: sheet, by: actor) { phase, rows, fraction in
                    self.jobs.withLock { jobs in
                        jobs[id]?.phase = phase
                        jobs[id]?.rows = rows
                        jobs[id]?.progress = phase == "check" ? fraction * (mode == .commit ? 0.5 : 1) : 0.5 + fraction * 0.5
                    }
                }
                jobs.withLock { $0[id]?.report = report; $0[id]?.state = "done"; $0[id]?.progress = 1 }
            } catch let e as DomainError {
                jobs.withLock { $0[id]?.failure = e; $0[id]?.state = "failed" }
            } catch {
                jobs.withLock { $0[id]?.failure = DomainError.busy; $0[id]?.state = "failed" }
            }
        }
        return id
    }

    /// Uploads hold pupils' personal data: they are kept one day (long enough to fetch the error
    /// file), then deleted with their jobs.
    public static let keep: TimeInterval = 24 * 3600

    private func purge() {
        let fm = FileManager.default
        let cutoff = Date().addingTimeInterval(-Self.keep)
        var expired: [String] = []
        for name in (try? fm.contentsOfDirectory(atPath: directory.path)) ?? [] {
            let url = directory.appendingPathComponent(name)
            if let modified = (try? fm.attributesOfItem(atPath: url.path))?[.modificationDate] as? Date, modified < cutoff {
                try? fm.removeItem(at: url)
                expired.append(String(name.prefix { $0 != "." }))
            }
        }
        jobs.withLock { jobs in for id in expired { jobs[id] = nil } }
    }

    /// The job, for the account that started it.
    public func get(_ id: String, by actor: Actor) throws -> Job {
        guard let job = jobs.withLock({ $0[id] }), job.owner == actor.userID else {
            throw DomainError.notFound(LocalizedText(zh: "该导入任务", en: "import"))
        }
        return job
    }

    /// The failed rows with a reason column, as CSV bytes.
    public func errorFile(_ id: String, by actor: Actor, english: Bool, xlsx: Bool = false) throws -> [UInt8] {
        let job = try get(id, by: actor)
        guard let report = job.report else {
            throw DomainError(.conflict, code: "import_running", message: LocalizedText(zh: "导入尚未完成。", en: "The import has not finished."))
        }
        let target = directory.appendingPathComponent(id + (xlsx ? ".errors.xlsx" : ".errors.csv"))
        defer { try? FileManager.default.removeItem(at: target) }
        try service.writeErrorFile(for: job.file, report: report, to: target, english: english, xlsx: xlsx)
        return [UInt8](try Data(contentsOf: target))
    }
}
