import XuejiCore
import XuejiHTTP
import XuejiServices

extension Pages {
    /// Schools, classes and accounts.
    var adminRoutes: [Route] {
        [
            Route("GET", "/admin/schools") { [context] request in
                try Self.signedIn(request, context) { try SchoolAdminPages.schools(request, identity: $0, context: context) }
            },
            Route("POST", "/admin/schools") { [context] request in
                try Self.signedIn(request, context) { try SchoolAdminPages.createSchool(request, identity: $0, context: context) }
            },
            Route("GET", "/admin/schools/{code}") { [context] request in
                try Self.signedIn(request, context) { try SchoolAdminPages.school(request, code: request.parameter("code"), identity: $0, context: context) }
            },
            Route("POST", "/admin/schools/{code}/classes") { [context] request in
                try Self.signedIn(request, context) { try SchoolAdminPages.createClass(request, code: request.parameter("code"), identity: $0, context: context) }
            },
            Route("GET", "/admin/accounts") { [context] request in
                try Self.signedIn(request, context) { try AccountAdminPages.list(request, identity: $0, context: context) }
            },
            Route("POST", "/admin/accounts") { [context] request in
                try Self.signedIn(request, context) { try AccountAdminPages.create(request, identity: $0, context: context) }
            },
            Route("POST", "/admin/accounts/{username}/{action}") { [context] request in
                try Self.signedIn(request, context) { identity in
                    try AccountAdminPages.setEnabled(request, username: request.parameter("username"), action: request.parameter("action"), identity: identity, context: context)
                }
            },
        ]
    }
}
