import KGModel

extension GraphStore {
    /// Paths of the stored documents that start with `prefix`, in order: the parts of a large
    /// file are stored as `FILE#char=START,END`, so `FILE#char=` finds them all.
    public func documentPaths(withPrefix prefix: String) throws -> [String] {
        try checked {
            // A range on the unique path index instead of LIKE, which would scan the table and
            // treat % and _ in file names as wildcards.
            try connection.prepare("SELECT path FROM documents WHERE path >= ?1 AND path < ?1 || char(1114111) ORDER BY path")
                .allRows([.text(prefix)]) { $0.string(at: 0) }
        }
    }

    /// Removes the document at `path` with its sentences, mentions and evidence; triples that no
    /// other document states are deleted with it, entities stay (as in `replaceDocument`).
    /// Returns false when no document has that path.
    ///
    /// Must run inside `transaction { }` (it throws `S012` otherwise).
    @discardableResult
    public func removeDocument(path: String) throws -> Bool {
        guard connection.isInTransaction else {
            throw Diagnostic(
                .outsideTransaction, "removeDocument(\(path)) ran outside a transaction",
                hint: "call it inside GraphStore.transaction { } so a failure cannot leave half a document")
        }
        return try checked {
            guard let id = try connection.scalar("SELECT id FROM documents WHERE path = ?", [.text(path)])?.int64 else {
                return false
            }
            let triples = try connection.prepare("SELECT DISTINCT triple_id FROM evidence WHERE document_id = ?")
                .allRows([.integer(id)]) { $0.int64(at: 0) }
            try deleteQualifiers(ofDocument: id)
            for table in ["evidence", "mentions", "sentences"] {
                try connection.run("DELETE FROM \(table) WHERE document_id = ?", [.integer(id)])
            }
            try connection.run("DELETE FROM documents WHERE id = ?", [.integer(id)])
            let prune = try connection.prepare(
                "DELETE FROM triples WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM evidence WHERE triple_id = ?1)")
            for triple in triples { try prune.run([.integer(triple)]) }
            if !triples.isEmpty { tripleCache.removeAll() }
            return true
        }
    }
}

extension GraphStore {
    /// Deletes the entities that no mention names and no triple relates, with their aliases,
    /// and returns how many. `replaceDocument` and `removeDocument` keep entities (a batch may
    /// name them again); a build that retracted documents calls this at its end, so a store
    /// after re-extraction, pruning or removal holds the entities a clean build of the same
    /// files would, and no orphan from retracted text. A clean build leaves no such entity.
    @discardableResult
    public func removeEntitiesWithoutStatements() throws -> Int {
        try checked {
            try connection.run(
                """
                DELETE FROM entities WHERE NOT EXISTS (SELECT 1 FROM mentions m WHERE m.entity_id = entities.id)
                    AND NOT EXISTS (SELECT 1 FROM triples t WHERE t.subject = entities.id)
                    AND NOT EXISTS (SELECT 1 FROM triples t WHERE t.object = entities.id)
                """)
            let removed = connection.changes
            // The cache may name a deleted entity; the next write reads the row again.
            if removed > 0 { entityCache.removeAll() }
            tripleCache.removeAll()
            return removed
        }
    }
}
