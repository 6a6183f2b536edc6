// SQLite for Swift. sqlite3_config is variadic, so its one use has a fixed-signature wrapper.
#ifndef XUEJI_CSQLITE_SHIM_H
#define XUEJI_CSQLITE_SHIM_H
#include <sqlite3.h>
#include <stdint.h>

/// SQLITE_TRANSIENT is a macro casting -1 to a function pointer, which Swift cannot import.
static inline sqlite3_destructor_type xj_sqlite_transient(void) { return SQLITE_TRANSIENT; }
/// Turns off SQLite's global memory statistics before the library initialises: they take a
/// process-wide mutex on every allocation, which serialised our reader threads
/// (sqlite.org/c3ref/c_config_covering_index_scan.html#sqliteconfigmemstatus).
static inline int xj_sqlite_disable_memstatus(void) { return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); }

/// Copies the WAL-index header (the first 48 bytes of the `-shm` file) the way SQLite's own readers
/// do: the first copy, a memory barrier, the second copy, and only a match counts. A writer updates
/// the second copy first and the first copy last, so equal copies are never torn
/// (sqlite.org/walformat.html §2.1; wal.c walIndexTryHdr). Returns 0 while a commit is writing the
/// header, or when the header is not an initialised version-3007000 one.
static inline int xj_wal_index_header(const volatile void *shm, uint32_t out[12]) {
    const volatile uint32_t *first = (const volatile uint32_t *)shm;
    const volatile uint32_t *second = first + 12;
    uint32_t copy[12];
    for (int i = 0; i < 12; i++) copy[i] = first[i];
    __sync_synchronize();
    for (int i = 0; i < 12; i++) if (second[i] != copy[i]) return 0;
    // iVersion is the first word; isInit is the byte at offset 12.
    if (copy[0] != 3007000 || ((const unsigned char *)copy)[12] != 1) return 0;
    for (int i = 0; i < 12; i++) out[i] = copy[i];
    return 1;
}
#endif
