import XuejiCore
import XuejiHTTP
import XuejiServices

extension Pages {
    /// Attendance registers and dropout-control alerts.
    var attendanceRoutes: [Route] {
        [
            Route("GET", "/attendance") { [context] request in
                try Self.signedIn(request, context) { try AttendancePages.classes(request, identity: $0, context: context) }
            },
            Route("GET", "/classes/{id}/attendance/{date}") { [context] request in
                try Self.signedIn(request, context) {
                    try AttendancePages.register(request, classID: request.parameter("id"), day: request.parameter("date"), identity: $0, context: context)
                }
            },
            Route("POST", "/classes/{id}/attendance/{date}") { [context] request in
                try Self.signedIn(request, context) {
                    try AttendancePages.save(request, classID: request.parameter("id"), day: request.parameter("date"), identity: $0, context: context)
                }
            },
            Route("GET", "/alerts") { [context] request in
                try Self.signedIn(request, context) { try AlertPages.list(request, identity: $0, context: context) }
            },
            Route("GET", "/alerts/{id}") { [context] request in
                try Self.signedIn(request, context) { try AlertPages.detail(request, id: request.parameter("id"), identity: $0, context: context) }
            },
            Route("POST", "/alerts/{id}/notes") { [context] request in
                try Self.signedIn(request, context) { try AlertPages.note(request, id: request.parameter("id"), identity: $0, context: context) }
            },
        ]
    }
}
