import Foundation
import KGModel

/// Where kg keeps its graph: an SQLite file with the schema of `schema/graph.sql`, written one
/// document at a time and read back as streams of records.
///
/// A `GraphStore` owns one `Connection` and is not `Sendable`; open one per thread. Every
/// error it throws is a `Diagnostic` with an `S0xx` code naming the file and what to do (errors
/// thrown by caller-supplied closures pass through unchanged).
public final class GraphStore {
    /// The connection, for query code that compiles its own SQL (KGQuery).
    public let connection: Connection
    /// The database file, or `:memory:`.
    public let path: String
    /// The vocabulary the store was seeded with; writes are checked against it.
    public let vocabulary: Vocabulary

    /// Canonical entity key → what the store is known to hold for it. Cleared on rollback so it
    /// never names a row that was not committed.
    var entityCache: [EntityCacheKey: CachedEntity] = [:]
    /// (subject, predicate, object) → triple id, for the writer. Cleared on rollback and whenever
    /// triples are deleted, so it never names a row that is not there.
    var tripleCache: [TripleCacheKey: Int64] = [:]
    var knownPredicates: Set<String> = []
    var knownTypes: Set<String> = []
    /// What workers prepare documents against, made once so every prepared document shares its
    /// predicate list (and the writer can tell by identity that the positions are its own).
    public private(set) var writeVocabulary = WriteVocabulary(types: [], predicates: [])
    var pinyin = PinyinKeyMaker()

    struct TripleCacheKey: Hashable {
        var subject: Int64
        var predicate: Int32
        var object: Int64
    }

    struct CachedEntity {
        var id: Int64
        var hasLabelEn: Bool
        var aliases: Set<String>
    }

    /// Opens the store at `path`, creating it when the file does not exist, and brings its
    /// schema and vocabulary up to date.
    ///
    /// - Parameter busyTimeoutMilliseconds: how long a write waits for another kg process
    ///   holding the write lock before failing with `S003`.
    public init(
        path: String, busyTimeoutMilliseconds: Int = 2000, vocabulary: Vocabulary = .builtIn
    ) throws(Diagnostic) {
        self.path = path
        self.vocabulary = vocabulary
        if path != ":memory:" {
            try Self.checkFile(path)
        }
        do {
            connection = try Connection(path: path)
        } catch {
            throw Self.diagnose(error, path: path)
        }
        connection.setBusyTimeout(milliseconds: busyTimeoutMilliseconds)
        do {
            try configure()
            try migrate()
            try loadVocabularyIDs()
        } catch let error as Diagnostic {
            throw error
        } catch let error as SQLiteError {
            throw Self.diagnose(error, path: path)
        } catch {
            throw Diagnostic(.sqliteError, "\(path): \(error)")
        }
    }

    /// A new store in memory, for tests and one-off runs.
    public static func inMemory(vocabulary: Vocabulary = .builtIn) throws(Diagnostic) -> GraphStore {
        try GraphStore(path: ":memory:", vocabulary: vocabulary)
    }

    // MARK: Opening

    /// The first 16 bytes of every SQLite database file
    /// (<https://www.sqlite.org/fileformat.html#the_database_header>).
    static let sqliteHeader = Array("SQLite format 3\0".utf8)

    /// Checks what SQLite would report less clearly: a missing folder, a folder in place of the
    /// file, a file that is not a database.
    static func checkFile(_ path: String) throws(Diagnostic) {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        var isFolder: ObjCBool = false
        if !FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) || !isFolder.boolValue {
            throw Diagnostic(
                .storeFolderNotFound, "folder \(folder) does not exist; create it or choose another --db",
                at: SourceLocation(file: path))
        }
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { return }
        if isFolder.boolValue {
            throw Diagnostic(
                .storeUnopenable, "\(path) is a folder; --db needs a file path, such as \(path)/kg.sqlite",
                at: SourceLocation(file: path))
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw Diagnostic(
                .storeUnopenable, "\(path) cannot be read; check its permissions or choose another --db",
                at: SourceLocation(file: path))
        }
        defer { try? handle.close() }
        let header = [UInt8]((try? handle.read(upToCount: sqliteHeader.count)) ?? Data())
        // An empty file is a valid empty database to SQLite.
        if !header.isEmpty && header != sqliteHeader {
            throw notADatabase(path)
        }
    }

    static func notADatabase(_ path: String) -> Diagnostic {
        Diagnostic(
            .notSQLite, "\(path) is not a SQLite database; choose another --db or delete it",
            at: SourceLocation(file: path))
    }

    /// Maps an SQLite failure to the store diagnostic a user can act on.
    static func diagnose(_ error: SQLiteError, path: String) -> Diagnostic {
        let location = SourceLocation(file: path)
        switch error.resultCode {
        case 5, 6:  // SQLITE_BUSY, SQLITE_LOCKED
            return Diagnostic(
                .storeLocked, "\(path) is locked by another kg process; wait for it or use another --db",
                at: location, hint: "SQLite said: \(error.message)")
        case 26:  // SQLITE_NOTADB
            return notADatabase(path)
        case 11:  // SQLITE_CORRUPT
            return Diagnostic(
                .storeDamaged, "\(path) is damaged (\(error.message)); restore it from a copy or delete it and ingest again",
                at: location)
        case 14:  // SQLITE_CANTOPEN
            return Diagnostic(
                .storeUnopenable, "\(path) cannot be opened (\(error.message)); check the path and its permissions",
                at: location)
        case 8:  // SQLITE_READONLY
            return Diagnostic(
                .storeReadOnly, "\(path) is read-only; make it writable or choose another --db", at: location)
        case 13:  // SQLITE_FULL
            return Diagnostic(.diskFull, "the disk holding \(path) is full; free space and run again", at: location)
        default:
            return error.diagnostic(file: path)
        }
    }

    func diagnose(_ error: SQLiteError) -> Diagnostic {
        Self.diagnose(error, path: path)
    }

    /// Runs `body`, turning SQLite failures into store diagnostics.
    func checked<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as SQLiteError {
            throw diagnose(error)
        }
    }

    /// Connection settings (<https://www.sqlite.org/pragma.html>): foreign keys are off by
    /// default in SQLite; WAL lets readers run while kg writes; NORMAL sync is safe with WAL
    /// (<https://www.sqlite.org/wal.html>).
    private func configure() throws {
        try connection.execute("PRAGMA foreign_keys = ON")
        // Reading the journal mode is the first read of the file: a file that is not a
        // database fails here with SQLITE_NOTADB.
        _ = try connection.scalar("PRAGMA journal_mode = WAL")
        try connection.execute("PRAGMA synchronous = NORMAL")
        // 64 MiB of page cache instead of SQLite's 2 MiB: writes touch pages all over the
        // triple and entity indexes, and a store of a million triples thrashes a small cache.
        try connection.execute("PRAGMA cache_size = -65536")
    }

    /// The schema version the store is at (`PRAGMA user_version`).
    public func schemaVersion() throws -> Int {
        try checked { Int(try connection.scalar("PRAGMA user_version")?.int64 ?? 0) }
    }

    private func migrate() throws {
        let version = try schemaVersion()
        if version > Migrations.latestVersion {
            throw Diagnostic(
                .schemaVersionMismatch,
                "\(path) was written by a newer kg (schema version \(version); this kg knows up to \(Migrations.latestVersion)); upgrade kg or choose another --db",
                at: SourceLocation(file: path))
        }
        if version == 0 {
            // A database someone else made: never add kg's tables to it.
            let tables = try connection.scalar(
                "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
            let hasMeta = try connection.scalar("SELECT count(*) FROM sqlite_schema WHERE name = 'kg_meta'")
            if (tables?.int64 ?? 0) > 0 && (hasMeta?.int64 ?? 0) == 0 {
                throw Diagnostic(
                    .notAKGStore, "\(path) is a SQLite database but not a kg store; choose another --db",
                    at: SourceLocation(file: path))
            }
        }
        let fingerprint = Self.fingerprint(of: vocabulary)
        let stored =
            version == 0 ? nil : try connection.scalar("SELECT value FROM kg_meta WHERE key = 'vocabulary'")?.string
        if version == Migrations.latestVersion && stored == fingerprint { return }
        try transaction {
            // Another process may have migrated while this one waited for the lock.
            let current = try schemaVersion()
            for migration in Migrations.pending(after: current) {
                try connection.execute(migration.sql)
                try connection.execute("PRAGMA user_version = \(migration.version)")
            }
            if current >= 1 && current < 2 { try fillPinyin() }
            try connection.run(
                "INSERT INTO kg_meta(key, value) VALUES ('schema_version', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [.text(String(Migrations.latestVersion))])
            try seedVocabulary()
            try connection.run(
                "INSERT INTO kg_meta(key, value) VALUES ('vocabulary', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [.text(fingerprint)])
        }
    }

    /// Upserts every type and predicate of the vocabulary. Rows no longer in the vocabulary stay:
    /// stored triples may still refer to them.
    private func seedVocabulary() throws {
        let type = try connection.prepare(
            """
            INSERT INTO entity_types(id, parent, label_en, label_zh, schema_org) VALUES (?, NULL, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET label_en = excluded.label_en, label_zh = excluded.label_zh,
                schema_org = excluded.schema_org
            """)
        for info in vocabulary.types {
            try type.run([.text(info.id), .text(info.labelEn), .text(info.labelZh), SQLiteValue(info.schemaOrg)])
        }
        // Parents in a second pass: the foreign key needs the parent row to exist first.
        let parent = try connection.prepare("UPDATE entity_types SET parent = ? WHERE id = ?")
        for info in vocabulary.types {
            try parent.run([SQLiteValue(info.parent), .text(info.id)])
        }
        let predicate = try connection.prepare(
            """
            INSERT INTO predicates(id, label_en, label_zh, inverse, symmetric, schema_org) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET label_en = excluded.label_en, label_zh = excluded.label_zh,
                inverse = excluded.inverse, symmetric = excluded.symmetric, schema_org = excluded.schema_org
            """)
        for info in vocabulary.predicates {
            try predicate.run([
                .text(info.id), .text(info.labelEn), .text(info.labelZh), SQLiteValue(info.inverse),
                SQLiteValue(info.symmetric), SQLiteValue(info.schemaOrg),
            ])
        }
    }

    /// Computes the pinyin of entities stored before schema version 2.
    private func fillPinyin() throws {
        let missing = try connection.prepare("SELECT id, label_zh FROM entities WHERE pinyin IS NULL")
            .allRows { ($0.int64(at: 0), $0.string(at: 1)) }
        let update = try connection.prepare("UPDATE entities SET pinyin = ? WHERE id = ?")
        for (id, label) in missing {
            try update.run([.text(pinyin.key(for: label)), .integer(id)])
        }
    }

    func loadVocabularyIDs() throws {
        knownTypes = Set(try connection.prepare("SELECT id FROM entity_types").allRows { $0.string(at: 0) })
        knownPredicates = Set(try connection.prepare("SELECT id FROM predicates").allRows { $0.string(at: 0) })
        writeVocabulary = WriteVocabulary(types: knownTypes, predicates: knownPredicates)
    }

    /// A stable digest of the vocabulary's rows (FNV-1a, 64 bit), so an unchanged vocabulary
    /// costs no write when a store is opened.
    static func fingerprint(of vocabulary: Vocabulary) -> String {
        var text = ""
        for t in vocabulary.types {
            text += [t.id, t.parent ?? "-", t.labelEn, t.labelZh, t.schemaOrg ?? "-"].joined(separator: "\t") + "\n"
        }
        for p in vocabulary.predicates {
            text += [p.id, p.labelEn, p.labelZh, p.inverse ?? "-", p.symmetric ? "yes" : "no", p.schemaOrg ?? "-"]
                .joined(separator: "\t") + "\n"
        }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return "fnv1a64:" + String(hash, radix: 16)
    }

    // MARK: Transactions

    /// Runs `body` in one write transaction (`BEGIN IMMEDIATE`), committing when it returns and
    /// rolling back when it throws. The pipeline wraps each batch of documents in one.
    ///
    /// When another kg process holds the write lock beyond the busy timeout this throws `S003`.
    /// Inside a transaction already, `body` runs as part of it.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        do {
            return try connection.transaction(body)
        } catch {
            // The rollback may have removed entities the cache learned in this transaction.
            entityCache.removeAll()
            tripleCache.removeAll()
            if let error = error as? SQLiteError { throw diagnose(error) }
            throw error
        }
    }

    /// Lets the write-ahead log grow to about 64 MB before SQLite copies it into the database
    /// (`PRAGMA wal_autocheckpoint`, <https://www.sqlite.org/wal.html#ckpt>), instead of 4 MB.
    /// A build rewrites the same index pages in every transaction; each checkpoint writes them
    /// again and syncs the file, which cost the writer about a tenth of its time with the
    /// default. The log is checkpointed as usual when the store is closed.
    public func preferLongWrites() throws {
        try checked { try connection.execute("PRAGMA wal_autocheckpoint = 16384") }
    }

    /// Refreshes the statistics SQLite's query planner uses (`PRAGMA optimize`,
    /// <https://www.sqlite.org/pragma.html#pragma_optimize>). Call it after a build that wrote
    /// many rows: with statistics the planner knows that a predicate alone selects many triples
    /// and starts joins from the more selective entity lookups.
    public func optimize() throws {
        try checked { try connection.execute("PRAGMA optimize") }
    }

    /// `PRAGMA integrity_check`: "ok", or the problems SQLite found, one a line
    /// (<https://www.sqlite.org/pragma.html#pragma_integrity_check>).
    public func integrityCheck() throws -> String {
        try checked {
            try connection.prepare("PRAGMA integrity_check").allRows { $0.string(at: 0) }.joined(separator: "\n")
        }
    }
}
