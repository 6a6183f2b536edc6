import Foundation
import Glibc

extension ServerConfiguration {
    /// Readies the process for serving and returns the address to bind: SIGPIPE ignored (a client
    /// that hangs up must not kill the server), the open-file limit raised, the host parsed.
    func prepareToListen() throws -> sockaddr_in {
        Self.raiseFileLimit()
        signal(SIGPIPE, SIG_IGN)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else { throw ServerError("not an IPv4 address: \(host)") }
        return address
    }

    /// Idle and slow clients each hold a descriptor; the soft limit is raised to the hard one so that
    /// ten thousand of them cannot lock everybody else out.
    static func raiseFileLimit() {
        var limit = rlimit()
        let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
        if getrlimit(resource, &limit) == 0, limit.rlim_cur < limit.rlim_max {
            limit.rlim_cur = limit.rlim_max
            _ = setrlimit(resource, &limit)
        }
    }

    static func fileLimit() -> Int {
        var limit = rlimit()
        guard getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return 1024 }
        return Int(min(limit.rlim_cur, 1 << 20))
    }
}
