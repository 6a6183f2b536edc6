// SQLite for Swift. sqlite3_config is variadic, so its one use has a fixed-signature wrapper.
#ifndef XUEJI_CSQLITE_SHIM_H
#define XUEJI_CSQLITE_SHIM_H
#include <sqlite3.h>

/// SQLITE_TRANSIENT is a macro casting -1 to a function pointer, which Swift cannot import.
static inline sqlite3_destructor_type xj_sqlite_transient(void) { return SQLITE_TRANSIENT; }
/// Turns off SQLite's global memory statistics before the library initialises: they take a
/// process-wide mutex on every allocation, which serialised our reader threads
/// (sqlite.org/c3ref/c_config_covering_index_scan.html#sqliteconfigmemstatus).
static inline int xj_sqlite_disable_memstatus(void) { return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); }
#endif
