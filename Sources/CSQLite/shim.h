// SQLite for Swift. sqlite3_config and sqlite3_db_config are variadic; none is needed yet.
#ifndef XUEJI_CSQLITE_SHIM_H
#define XUEJI_CSQLITE_SHIM_H
#include <sqlite3.h>

/// SQLITE_TRANSIENT is a macro casting -1 to a function pointer, which Swift cannot import.
static inline sqlite3_destructor_type xj_sqlite_transient(void) { return SQLITE_TRANSIENT; }
#endif
