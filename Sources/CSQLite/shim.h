#include <sqlite3.h>

// SQLITE_TRANSIENT is a macro casting -1 to a function pointer, which Swift cannot import.
static inline sqlite3_destructor_type csqlite_transient(void) { return SQLITE_TRANSIENT; }

// sqlite3_config is variadic, which Swift cannot call. Memory statistics take a process-wide mutex on every
// allocation SQLite makes; OpsBot never reads them. Effective only before SQLite's first use.
static inline int csqlite_disable_memory_statistics(void) { return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); }

// A statement journal holds, for one statement inside a transaction, the pages it changed, so the statement
// alone can be undone. Past `bytes` SQLite moves it to a temporary file; -1 keeps it in memory.
static inline int csqlite_statement_journal_spill(int bytes) {
    return sqlite3_config(SQLITE_CONFIG_STMTJRNL_SPILL, bytes);
}
