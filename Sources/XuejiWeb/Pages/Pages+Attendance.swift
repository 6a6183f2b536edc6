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

extension Pages {
    /// Migrant flows and the household-list comparison.
    var programmeRoutes: [Route] {
        [
            Route("GET", "/reports/migrants") { [context] request in
                try Self.signedIn(request, context) { try ReportPages.migrants(request, identity: $0, context: context) }
            },
            Route("GET", "/checks/household") { [context] request in
                try Self.signedIn(request, context) { identity in
                    guard [.systemAdmin, .bureauAdmin, .bureauReviewer].contains(identity.actor.role) else { throw DomainError.forbidden }
                    return HouseholdCheckPage.form(request, identity: identity)
                }
            },
            Route("POST", "/checks/household") { [context] request in
                try Self.signedIn(request, context) { try HouseholdCheckPage.run(request, identity: $0, context: context) }
            },
        ]
    }
}

extension Pages {
    /// Left-behind children's records and the programme reports.
    var careRoutes: [Route] {
        [
            Route("GET", "/pupils/{number}/left-behind") { [context] request in
                try Self.signedIn(request, context) { try LeftBehindPage.page(request, number: request.parameter("number"), identity: $0, context: context) }
            },
            Route("POST", "/pupils/{number}/left-behind") { [context] request in
                try Self.signedIn(request, context) { try LeftBehindPage.save(request, number: request.parameter("number"), contact: false, identity: $0, context: context) }
            },
            Route("POST", "/pupils/{number}/left-behind/contacts") { [context] request in
                try Self.signedIn(request, context) { try LeftBehindPage.save(request, number: request.parameter("number"), contact: true, identity: $0, context: context) }
            },
            Route("GET", "/checks/statistics") { [context] request in
                try Self.signedIn(request, context) { try StatisticsCheckPage.form(request, identity: $0, context: context) }
            },
            Route("POST", "/checks/statistics") { [context] request in
                try Self.signedIn(request, context) { try StatisticsCheckPage.compare(request, identity: $0, context: context) }
            },
            Route("POST", "/checks/statistics/sign-off") { [context] request in
                try Self.signedIn(request, context) { try StatisticsCheckPage.signOff(request, identity: $0, context: context) }
            },
            Route("GET", "/checks/statistics/pupils") { [context] request in
                try Self.signedIn(request, context) { try StatisticsCheckPage.pupils(request, identity: $0, context: context) }
            },
            Route("GET", "/aid") { [context] request in
                try Self.signedIn(request, context) { try AidPage.page(request, identity: $0, context: context) }
            },
            Route("POST", "/aid") { [context] request in
                try Self.signedIn(request, context) { try AidPage.apply(request, identity: $0, context: context) }
            },
            Route("POST", "/aid/{id}/approve") { [context] request in
                try Self.signedIn(request, context) { try AidPage.approve(request, id: request.parameter("id"), identity: $0, context: context) }
            },
            Route("GET", "/aid/ledger") { [context] request in
                try Self.signedIn(request, context) { try AidLedgerPage.page(request, identity: $0, context: context) }
            },
            Route("POST", "/aid/ledger") { [context] request in
                try Self.signedIn(request, context) { try AidLedgerPage.record(request, identity: $0, context: context) }
            },
            Route("POST", "/aid/ledger/import") { [context] request in
                try Self.signedIn(request, context) { try AidLedgerPage.importList(request, identity: $0, context: context) }
            },
            Route("GET", "/reports/class-sizes") { [context] request in
                try Self.signedIn(request, context) { try ReportPages.sizeTrends(request, identity: $0, context: context) }
            },
            Route("GET", "/reports/meals") { [context] request in
                try Self.signedIn(request, context) { try MoneyPages.meals(request, identity: $0, context: context) }
            },
            Route("GET", "/reports/funding") { [context] request in
                try Self.signedIn(request, context) { try MoneyPages.funding(request, identity: $0, context: context) }
            },
            Route("POST", "/reports/projection/births") { [context] request in
                try Self.signedIn(request, context) { try ReportPages.importBirths(request, identity: $0, context: context) }
            },
            Route("GET", "/reports/projection") { [context] request in
                try Self.signedIn(request, context) { try ReportPages.projection(request, identity: $0, context: context) }
            },
            Route("GET", "/reports") { [context] request in
                try Self.signedIn(request, context) { try ReportPages.programmes(request, identity: $0, context: context) }
            },
        ]
    }
}
