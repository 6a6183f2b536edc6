// libmicrohttpd for Swift. MHD_start_daemon and the *_info calls are variadic, which Swift cannot
// call, so each use gets a fixed-signature `static inline` wrapper here (the GRDB trick).
#ifndef XUEJI_CMICROHTTPD_SHIM_H
#define XUEJI_CMICROHTTPD_SHIM_H
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <microhttpd.h>

/// Starts a daemon with the options Xueji always sets: an internal epoll thread pool, a per-connection
/// timeout and memory limit, a connection cap, a completion callback, and a listening address.
static inline struct MHD_Daemon *xj_start_daemon(unsigned int flags,
                                                 const struct sockaddr *address,
                                                 MHD_AccessHandlerCallback handler, void *handler_cls,
                                                 MHD_RequestCompletedCallback completed, void *completed_cls,
                                                 unsigned int threads, unsigned int timeout_seconds,
                                                 size_t memory_limit, unsigned int connection_limit) {
    uint16_t port = 0;
    if (address->sa_family == AF_INET) port = ntohs(((const struct sockaddr_in *)address)->sin_port);
    return MHD_start_daemon(flags, port, NULL, NULL, handler, handler_cls,
                            MHD_OPTION_SOCK_ADDR, address,
                            MHD_OPTION_NOTIFY_COMPLETED, completed, completed_cls,
                            MHD_OPTION_THREAD_POOL_SIZE, threads,
                            MHD_OPTION_CONNECTION_TIMEOUT, timeout_seconds,
                            MHD_OPTION_CONNECTION_MEMORY_LIMIT, memory_limit,
                            MHD_OPTION_CONNECTION_LIMIT, connection_limit,
                            MHD_OPTION_LISTENING_ADDRESS_REUSE, (unsigned int)1,
                            MHD_OPTION_END);
}

/// The port the daemon is bound to (useful when it was asked for port 0).
static inline uint16_t xj_daemon_port(struct MHD_Daemon *daemon) {
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(daemon, MHD_DAEMON_INFO_BIND_PORT);
    return info == NULL ? 0 : info->port;
}

/// The peer's IPv4/IPv6 address as text, written into `out` (at least 64 bytes); empty when unknown.
static inline void xj_client_address(struct MHD_Connection *connection, char *out, size_t out_size) {
    out[0] = 0;
    const union MHD_ConnectionInfo *info = MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (info == NULL || info->client_addr == NULL) return;
    const struct sockaddr *sa = info->client_addr;
    if (sa->sa_family == AF_INET) {
        inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, out, (socklen_t)out_size);
    } else if (sa->sa_family == AF_INET6) {
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, out, (socklen_t)out_size);
    }
}

/// A response owning a copy of `size` bytes at `data` (MHD_RESPMEM_MUST_COPY).
static inline struct MHD_Response *xj_response_copy(size_t size, const void *data) {
    return MHD_create_response_from_buffer(size, (void *)data, MHD_RESPMEM_MUST_COPY);
}

/// A response over bytes that outlive it, such as a string literal (MHD_RESPMEM_PERSISTENT).
static inline struct MHD_Response *xj_response_static(size_t size, const void *data) {
    return MHD_create_response_from_buffer(size, (void *)data, MHD_RESPMEM_PERSISTENT);
}
#endif
