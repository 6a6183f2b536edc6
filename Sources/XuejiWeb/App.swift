import Foundation
import XuejiCore
import XuejiHTTP
import XuejiServices
import XuejiStore

/// The Xueji application: its services over one database, and the routes that expose them.
///
/// ```swift
/// let app = XuejiApp(database: try DatabaseURL.defaultValue.open())
/// let server = HTTPServer(router: app.router, configuration: ServerConfiguration())
/// try server.start()
/// ```
public final class XuejiApp: Sendable {
    public let database: any Database
    public let clock: Clock
    public let log: Log
    public let metrics: Metrics
    public let router: Router

    /// Throws when the shipped reference data cannot be read (a broken build).
    public init(database: any Database, clock: Clock = .system, log: Log = .standard, metrics: Metrics = Metrics(),
                sessionPolicy: SessionPolicy = SessionPolicy(), dataDirectory: URL = URL(fileURLWithPath: "./data")) throws {
        self.database = database
        self.clock = clock
        self.log = log
        self.metrics = metrics
        let accounts = AccountService(database: database, clock: clock, policy: sessionPolicy)
        let tokens = TokenService(database: database, clock: clock)
        let reference = try ReferenceData.load(database)
        let pupils = PupilService(database: database, clock: clock, reference: reference)
        let attachments = AttachmentService(database: database, clock: clock, dataDirectory: dataDirectory)
        let changes = ChangeService(database: database, clock: clock, attachments: attachments)
        let context = RouteContext(accounts: accounts, schools: SchoolService(database: database, clock: clock),
                                   regions: RegionService(database: database), pupils: pupils,
                                   problems: ProblemService(database: database, clock: clock, pupils: pupils, attachments: attachments),
                                   attachments: attachments, changes: changes,
                                   tasks: TaskService(database: database, clock: clock),
                                   imports: ImportJobs(service: ImportService(database: database, clock: clock, reference: reference), dataDirectory: dataDirectory),
                                   yearCycle: YearCycleService(database: database, clock: clock), batches: BatchService(database: database, clock: clock),
                                   exports: ExportService(database: database, clock: clock),
                                   statistics: StatisticsService(database: database, clock: clock),
                                   attendance: AttendanceService(database: database, clock: clock),
                                   dropout: DropoutService(database: database, clock: clock),
                                   householdCheck: HouseholdCheck(database: database, clock: clock, reference: reference),
                                   leftBehind: LeftBehindService(database: database, clock: clock),
                                   programmes: ProgrammeService(database: database, clock: clock),
                                   reconciliation: ReconciliationService(database: database, clock: clock),
                                   aid: AidService(database: database, clock: clock),
                                   aidLedger: AidLedger(database: database, clock: clock),
                                   reference: reference,
                                   clock: clock, authenticator: Authenticator(accounts: accounts, tokens: tokens), tokens: tokens,
                                   sessionPolicy: sessionPolicy,
                                   database: database, metrics: metrics)
        let routes = OperationsRoutes(context).routes + SessionRoutes(context).routes + UserRoutes(context).routes
            + RegionRoutes(context).routes + SchoolRoutes(context).routes + ReferenceRoutes(context).routes
            + PupilRoutes(context).routes + ProblemRoutes(context).routes + AttachmentRoutes(context).routes + ChangeRoutes(context).routes + TaskRoutes(context).routes + ImportRoutes(context).routes
            + YearCycleRoutes(context).routes + ExportRoutes(context).routes + ReportRoutes(context).routes + AttendanceRoutes(context).routes + CheckRoutes(context).routes + LeftBehindRoutes(context).routes + ProgrammeRoutes(context).routes + ReconciliationRoutes(context).routes + AidRoutes(context).routes + AidLedgerRoutes(context).routes + TokenRoutes(context).routes + Pages(context).routes
        router = Router(routes: routes, mapError: { [log] error, request in ErrorMapping.problem(for: error, log: log, request: request) },
                        tooLarge: { request, limit in
                            request.path.hasPrefix("/api/") ? Router.tooLargeProblem(request, limit) : PageLayout.tooLarge(request, limit: limit)
                        })
    }
}

/// What every route group needs; passed once instead of threading each service through.
struct RouteContext: Sendable {
    let accounts: AccountService
    let schools: SchoolService
    let regions: RegionService
    let pupils: PupilService
    let problems: ProblemService
    let attachments: AttachmentService
    let changes: ChangeService
    let tasks: TaskService
    let imports: ImportJobs
    let yearCycle: YearCycleService
    let batches: BatchService
    let exports: ExportService
    let statistics: StatisticsService
    let attendance: AttendanceService
    let dropout: DropoutService
    let householdCheck: HouseholdCheck
    let leftBehind: LeftBehindService
    let programmes: ProgrammeService
    let reconciliation: ReconciliationService
    let aid: AidService
    let aidLedger: AidLedger
    let reference: ReferenceData
    let clock: Clock
    let authenticator: Authenticator
    let tokens: TokenService
    let sessionPolicy: SessionPolicy
    let database: any Database
    let metrics: Metrics

    /// Wraps a handler that needs a logged-in actor.
    func authenticated(_ handler: @escaping @Sendable (Request, Actor) throws -> Response) -> Handler {
        { [authenticator] request in try handler(request, try authenticator.actor(for: request)) }
    }
}
