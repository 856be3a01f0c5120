// The one place kg includes SQLite's C header; KGStore wraps everything it exposes.
#include <sqlite3.h>
