import Foundation
import KGModel

/// Secondary indexes built once after a bulk load instead of row by row during it.
///
/// Every row `kg build` writes into sentences, entities, aliases, triples, evidence and
/// mentions is also inserted into the secondary indexes on those tables (eleven of
/// them), each insert a descent into another B-tree at a random place: most of what a build's
/// writer spends. `CREATE INDEX` on a filled table sorts the rows once and writes the index
/// left to right, several times cheaper per row. So a load into an empty store drops these
/// indexes first and builds them again at the end (`restoreIndexes()`). (`kg merge` keeps them:
/// its copied rows arrive with ids shifted past the store's, so most of its index inserts are
/// appends already, and rebuilding measured slower.)
///
/// What the writer itself looks up while loading stays indexed: the UNIQUE constraints (a
/// document by path, an entity by key, a triple by subject, predicate and object, a sentence by
/// document and position), which are part of their tables, and `documents_by_file`, which the
/// build asks once per file and costs nothing to keep.
///
/// A load that is killed leaves the store without those indexes but otherwise sound: every
/// committed document is whole. The indexes dropped are recorded in `kg_meta` in the
/// transaction that drops them, and the next command that writes (`kg build`, `kg merge`,
/// `kg remove`) builds them before doing anything else; queries in between are right, only
/// slower. The schema rows come back where the migrations put them, so `sqlite3 STORE .schema`
/// prints what it printed before.
extension GraphStore {
    /// The indexes a bulk load drops: every secondary index on the tables a build fills, except
    /// `documents_by_file`, which the build reads.
    static let deferrableIndexes: Set<String> = [
        "entities_by_label_zh", "entities_by_label_en", "entities_by_pinyin", "aliases_by_alias", "triples_pos",
        "triples_osp", "evidence_by_triple", "evidence_by_document", "evidence_by_sentence", "mentions_by_document",
        "mentions_by_sentence",
    ]

    /// The `kg_meta` key under which dropped indexes are recorded until they are built again.
    static let deferredIndexesKey = "deferred_indexes"

    /// One dropped index: its row in `sqlite_schema` (position and SQL) as it was.
    struct DeferredIndex: Codable, Equatable {
        var rowid: Int64
        var name: String
        var sql: String
    }

    /// True when the store holds no document, entity or triple (a new store, or one emptied by
    /// `kg remove`): a build into it may defer its indexes.
    public func isEmpty() throws -> Bool {
        try checked {
            let rows =
                try connection.scalar(
                    """
                    SELECT EXISTS (SELECT 1 FROM documents) OR EXISTS (SELECT 1 FROM entities)
                        OR EXISTS (SELECT 1 FROM triples)
                    """)?.int64 ?? 1
            return rows == 0
        }
    }

    /// Starts a bulk load when the store is empty: drops the deferrable indexes
    /// (`deferIndexes()`) and turns off SQLite's foreign-key checks until `finishBulkLoad()`.
    /// Returns false, changing nothing, when the store holds anything or a transaction is open
    /// (the pragma would do nothing there).
    ///
    /// Without the checks nothing is lost: every row the writer inserts names rows it has just
    /// inserted or looked up, and the vocabulary a row names is checked before the document is
    /// written (`PreparedDocument.problems`), so the checks could not fail; they cost three
    /// B-tree lookups and a statement journal for each mention and evidence row. Deleting a
    /// document deletes its dependent rows itself rather than through ON DELETE CASCADE.
    public func beginBulkLoad() throws -> Bool {
        guard !connection.isInTransaction, try isEmpty() else { return false }
        try deferIndexes()
        try checked { try connection.execute("PRAGMA foreign_keys = OFF") }
        return true
    }

    /// Ends what `beginBulkLoad()` started: builds the indexes and turns the foreign-key checks
    /// on again. Call it outside a transaction.
    public func finishBulkLoad() throws {
        try restoreIndexes()
        try checked { try connection.execute("PRAGMA foreign_keys = ON") }
    }

    /// The indexes dropped by a load that has not built them again yet (a running or a killed
    /// one), in schema order; empty normally.
    func deferredIndexes() throws -> [DeferredIndex] {
        try checked {
            guard let text = try connection.scalar("SELECT value FROM kg_meta WHERE key = ?", [.text(Self.deferredIndexesKey)])?.string
            else { return [] }
            return (try? JSONDecoder().decode([DeferredIndex].self, from: Data(text.utf8))) ?? []
        }
    }

    /// True while the indexes a bulk load drops are missing (see `deferIndexes()`).
    public var hasDeferredIndexes: Bool {
        get throws { try !deferredIndexes().isEmpty }
    }

    /// Drops the secondary indexes a bulk load would otherwise update row by row, recording
    /// them so `restoreIndexes()` (or the next command that writes, after a kill) builds them
    /// again. Its own transaction unless called inside one. Does nothing when they are dropped
    /// already.
    public func deferIndexes() throws {
        try transaction {
            if try hasDeferredIndexes { return }
            try checked {
                let present = try connection.prepare(
                    "SELECT rowid, name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL ORDER BY rowid"
                ).allRows { DeferredIndex(rowid: $0.int64(at: 0), name: $0.string(at: 1), sql: $0.string(at: 2)) }
                    .filter { Self.deferrableIndexes.contains($0.name) }
                if present.isEmpty { return }
                let record = String(decoding: try JSONEncoder().encode(present), as: UTF8.self)
                try connection.run(
                    "INSERT INTO kg_meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    [.text(Self.deferredIndexesKey), .text(record)])
                for index in present { try connection.execute("DROP INDEX \(index.name)") }
            }
        }
    }

    /// Builds the indexes `deferIndexes()` dropped, each in one sorted pass, and puts their
    /// schema rows back where they were; does nothing when none are missing. Its own
    /// transaction unless called inside one, so a failure leaves them recorded as missing.
    public func restoreIndexes() throws {
        try transaction {
            let deferred = try deferredIndexes()
            if deferred.isEmpty { return }
            try checked {
                // CREATE INDEX sorts in as much memory as the page cache may hold, on top of the
                // cache itself: 64 MB more at the end of a build. With 8 MB it spills sorted runs
                // to temporary files and merges them, which took less CPU, not more (the runs
                // fit the processor's caches): 2.6 s against 3.5 s for three indexes of a 100 MB
                // corpus, 21 MB of memory against 138 MB.
                let cacheSize = try connection.scalar("PRAGMA cache_size")?.int64 ?? -65536
                try connection.execute("PRAGMA cache_size = -8192")
                defer { try? connection.execute("PRAGMA cache_size = \(cacheSize)") }
                for index in deferred {
                    let exists = try connection.scalar(
                        "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name = ?", [.text(index.name)])?.int64 ?? 0
                    if exists == 0 { try connection.execute(index.sql) }
                }
                try restoreSchemaOrder(deferred)
                try connection.run("DELETE FROM kg_meta WHERE key = ?", [.text(Self.deferredIndexesKey)])
            }
        }
    }

    /// Moves the rebuilt indexes' rows in `sqlite_schema` back to the positions they had, which
    /// `CREATE INDEX` cannot choose (it appends). Only the rowids change, which nothing refers
    /// to: SQLite finds an index by name and root page. The order is what `.schema` and schema
    /// dumps print, and keeping it makes a bulk-loaded store's schema read exactly like one
    /// filled row by row. Changing `sqlite_schema` needs `PRAGMA writable_schema`
    /// (<https://www.sqlite.org/pragma.html#pragma_writable_schema>); where SQLite refuses it
    /// (a build with `SQLITE_DBCONFIG_DEFENSIVE`), the indexes simply stay at the end.
    private func restoreSchemaOrder(_ deferred: [DeferredIndex]) throws {
        try connection.execute("PRAGMA writable_schema = ON")
        defer { try? connection.execute("PRAGMA writable_schema = OFF") }
        let move = try connection.prepare(
            """
            UPDATE sqlite_schema SET rowid = ?1 WHERE type = 'index' AND name = ?2
                AND NOT EXISTS (SELECT 1 FROM sqlite_schema WHERE rowid = ?1)
            """)
        for index in deferred {
            do {
                try move.run([.integer(index.rowid), .text(index.name)])
            } catch {
                return
            }
        }
    }
}
