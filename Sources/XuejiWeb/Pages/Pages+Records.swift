import XuejiCore
import XuejiHTTP
import XuejiServices

extension Pages {
    /// Editing records, approving registrations, the year cycle and resolving problem records.
    var recordRoutes: [Route] {
        [
            Route("GET", "/pupils/{number}/edit") { [context] request in
                try Self.signedIn(request, context) { try EditPage.form(request, number: request.parameter("number"), identity: $0, context: context) }
            },
            Route("POST", "/pupils/{number}/edit") { [context] request in
                try Self.signedIn(request, context) { try EditPage.save(request, number: request.parameter("number"), identity: $0, context: context) }
            },
            Route("GET", "/registrations") { [context] request in
                try Self.signedIn(request, context) { try RegistrationApprovalPage.list(request, identity: $0, context: context) }
            },
            Route("POST", "/registrations/approve") { [context] request in
                try Self.signedIn(request, context) { try RegistrationApprovalPage.approve(request, identity: $0, context: context) }
            },
            Route("GET", "/year-cycle") { [context] request in
                try Self.signedIn(request, context) { try YearCyclePage.form(request, identity: $0, context: context) }
            },
            Route("POST", "/year-cycle/preview") { [context] request in
                try Self.signedIn(request, context) { try YearCyclePage.submit(request, run: false, identity: $0, context: context) }
            },
            Route("POST", "/year-cycle/run") { [context] request in
                try Self.signedIn(request, context) { try YearCyclePage.submit(request, run: true, identity: $0, context: context) }
            },
            Route("POST", "/batches/{id}/revert") { [context] request in
                try Self.signedIn(request, context) { try YearCyclePage.revert(request, batch: request.parameter("id"), identity: $0, context: context) }
            },
            Route("GET", "/problems") { [context] request in
                try Self.signedIn(request, context) { try ProblemPages.list(request, identity: $0, context: context) }
            },
            Route("GET", "/problems/{id}") { [context] request in
                try Self.signedIn(request, context) { try ProblemPages.detail(request, id: request.parameter("id"), identity: $0, context: context) }
            },
            Route("POST", "/problems/{id}/resolve") { [context] request in
                try Self.signedIn(request, context) { try ProblemPages.resolve(request, id: request.parameter("id"), identity: $0, context: context) }
            },
        ]
    }
}
