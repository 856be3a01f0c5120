import Foundation
import Testing

/// The store follows its inputs (issue 11, items 1–3): one document per file whatever the
/// spelling, facts that follow rule and model changes, and files that are gone. Each case ends
/// by comparing the store with a clean build of the same files with the same rules.
@Suite(.serialized) struct StoreTruthTests {
    /// Everything a build stores, as text, with ids replaced by keys (a rebuilt store numbers its
    /// rows differently): entities, aliases, triples, evidence with qualifiers, mentions, sentences
    /// and documents.
    static func dump(_ db: String) throws -> [String: String] {
        let queries = [
            "documents": "SELECT path, content_hash, title, published, source, authors, text FROM documents ORDER BY path",
            "sentences": "SELECT d.path, s.idx, s.start, s.end, s.text FROM sentences s JOIN documents d ON d.id = s.document_id ORDER BY 1, 2",
            "entities": "SELECT key, type, label_zh, label_en, pinyin FROM entities ORDER BY key",
            "aliases": "SELECT e.key, a.alias FROM aliases a JOIN entities e ON e.id = a.entity_id ORDER BY 1, 2",
            "triples": """
                SELECT s.key, t.predicate, o.key FROM triples t JOIN entities s ON s.id = t.subject
                JOIN entities o ON o.id = t.object ORDER BY 1, 2, 3
                """,
            "evidence": """
                SELECT s.key, t.predicate, o.key, d.path, se.idx, e.subject_start, e.subject_end, e.object_start,
                    e.object_end, e.trigger_start, e.trigger_end, e.rule_id, e.rule_version, e.confidence,
                    (SELECT group_concat(q.key || '=' || q.value, ';') FROM
                        (SELECT key, value FROM qualifiers WHERE evidence_id = e.id ORDER BY key, value) q)
                FROM evidence e JOIN triples t ON t.id = e.triple_id JOIN entities s ON s.id = t.subject
                JOIN entities o ON o.id = t.object JOIN documents d ON d.id = e.document_id
                JOIN sentences se ON se.id = e.sentence_id ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12
                """,
            "mentions": """
                SELECT e.key, d.path, m.start, m.end FROM mentions m JOIN entities e ON e.id = m.entity_id
                JOIN documents d ON d.id = m.document_id ORDER BY 1, 2, 3
                """,
        ]
        return try queries.mapValues { try sqlite(db, $0) }
    }

    /// Expects the two stores to hold the same rows, table by table.
    static func expectEqualStores(_ a: String, _ b: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let left = try dump(a)
        let right = try dump(b)
        for table in left.keys.sorted() {
            #expect(left[table] == right[table], "table \(table) differs", sourceLocation: sourceLocation)
        }
        #expect(try sqlite(a, "SELECT count(*) FROM triples") != "0", "a store with no triples proves nothing", sourceLocation: sourceLocation)
    }

    /// Two news files in `corp/c4`, the first a copy of the sample article.
    static func corpus(_ tmp: TempFolder) throws {
        let sample = try String(contentsOf: KGBinary.packageRoot.appendingPathComponent("samples/sample-article-jiangsu-hitech-zones.txt"), encoding: .utf8)
        try tmp.write("corp/c4/a.txt", sample)
        try tmp.write("corp/c4/b.txt", newsParagraph + "\n")
    }

    @Test func threeSpellingsAndASymlinkedFolderStoreEachFileOnce() throws {
        let tmp = try TempFolder()
        try Self.corpus(tmp)
        // The temporary folder may itself be reached through a symlink: spell it as given.
        let run = try KGBinary.run(["build", "corp/c4", tmp.path("corp/c4"), "./corp/c4", "--db", "s.sqlite"], in: tmp.url)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try sqlite(tmp.path("s.sqlite"), "SELECT count(*) FROM documents") == "2")
        #expect(try sqlite(tmp.path("s.sqlite"), "SELECT path FROM documents ORDER BY path") == "corp/c4/a.txt\ncorp/c4/b.txt")

        // Later runs through another spelling or a symlinked folder find the files stored.
        try FileManager.default.createSymbolicLink(atPath: tmp.path("link"), withDestinationPath: "corp")
        for spelling in [tmp.path("corp/c4") + "/", "link/c4", "link"] {
            let again = try KGBinary.run(["build", spelling, "--db", "s.sqlite"], in: tmp.url)
            #expect(again.status == 0, "\(again.stderr)")
            #expect(again.stdout.contains("0 documents written, 2 unchanged"), "\(spelling): \(again.stdout)")
        }

        // An edit seen through another spelling replaces the facts instead of adding a copy.
        try tmp.write("corp/c4/b.txt", newsParagraph.replacingOccurrences(of: "清华大学", with: "北京大学") + "\n")
        let edited = try KGBinary.run(["build", "link/c4", "--db", "s.sqlite", "-q"], in: tmp.url)
        #expect(edited.status == 0, "\(edited.stderr)")
        #expect(try KGBinary.run(["build", "corp/c4", "--db", "clean.sqlite", "-q"], in: tmp.url).status == 0)
        try Self.expectEqualStores(tmp.path("s.sqlite"), tmp.path("clean.sqlite"))
    }

    /// `a.txt` typed in two folders names two files: both are stored, the second under its
    /// resolved path, instead of the second replacing the first.
    @Test func oneSpellingForTwoFilesKeepsBoth() throws {
        let tmp = try TempFolder()
        try tmp.write("x/a.txt", newsParagraph + "\n")
        try tmp.write("y/a.txt", newsParagraph.replacingOccurrences(of: "清华大学", with: "北京大学") + "\n")
        let db = tmp.path("s.sqlite")
        #expect(try KGBinary.run(["build", "a.txt", "--db", db, "-q"], in: tmp.url.appendingPathComponent("x")).status == 0)
        let second = try KGBinary.run(["build", "a.txt", "--db", db, "-q"], in: tmp.url.appendingPathComponent("y"))
        #expect(second.status == 0, "\(second.stderr)")
        let paths = try sqlite(db, "SELECT path FROM documents ORDER BY id").split(separator: "\n").map(String.init)
        #expect(paths.count == 2)
        #expect(paths.first == "a.txt")
        #expect(paths.last?.hasPrefix("/") == true && paths.last?.hasSuffix("/y/a.txt") == true, "\(paths)")
        #expect(try sqlite(db, "SELECT count(*) FROM triple_labels WHERE object IN ('清华大学', '北京大学')") == "2")

        // kg remove a.txt in y means y's file; typed where no a.txt resolves, the stored
        // spelling is what is meant.
        let inY = try KGBinary.run(["remove", "a.txt", "--db", db], in: tmp.url.appendingPathComponent("y"))
        #expect(inY.status == 0 && inY.stdout.hasSuffix("/y/a.txt\n"), "\(inY.stdout)\(inY.stderr)")
        let elsewhere = try KGBinary.run(["remove", "a.txt", "--db", db], in: tmp.url)
        #expect(elsewhere.status == 0 && elsewhere.stdout == "a.txt\n", "\(elsewhere.stdout)\(elsewhere.stderr)")
        #expect(try sqlite(db, "SELECT count(*) FROM documents") == "0")
    }

    /// A project folder moved elsewhere: its documents are found under the same relative
    /// spelling, take the new file keys and are not extracted again, and nothing is left behind.
    @Test func aMovedFolderKeepsItsDocuments() throws {
        let tmp = try TempFolder()
        try Self.corpus(tmp)
        try FileManager.default.createDirectory(atPath: tmp.path("old"), withIntermediateDirectories: true)
        try FileManager.default.moveItem(atPath: tmp.path("corp"), toPath: tmp.path("old/corp"))
        let db = tmp.path("s.sqlite")
        #expect(try KGBinary.run(["build", "corp", "--db", db, "-q"], in: tmp.url.appendingPathComponent("old")).status == 0)
        try FileManager.default.moveItem(atPath: tmp.path("old"), toPath: tmp.path("new"))
        let moved = try KGBinary.run(["build", "corp", "--db", db, "--prune"], in: tmp.url.appendingPathComponent("new"))
        #expect(moved.status == 0, "\(moved.stderr)")
        #expect(moved.stdout.contains("0 documents written, 2 unchanged"), "\(moved.stdout)")
        #expect(try sqlite(db, "SELECT count(*) FROM documents WHERE file LIKE '%/new/corp/c4/%'") == "2")
        let status = try KGBinary.run(["status", "--db", db], in: tmp.url.appendingPathComponent("new"))
        #expect(status.status == 0, "\(status.stdout)\(status.stderr)")
        #expect(try KGBinary.run(["build", "corp", "--db", "clean.sqlite", "-q"], in: tmp.url.appendingPathComponent("new")).status == 0)
        try Self.expectEqualStores(db, tmp.path("new/clean.sqlite"))
    }

    @Test func aSymlinkCycleIsWalkedOnce() throws {
        let tmp = try TempFolder()
        try Self.corpus(tmp)
        try FileManager.default.createSymbolicLink(atPath: tmp.path("corp/c4/again"), withDestinationPath: "../c4")
        let run = try KGBinary.run(["build", "corp", "--db", "cycle.sqlite"], in: tmp.url)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try sqlite(tmp.path("cycle.sqlite"), "SELECT count(*) FROM documents") == "2")
        try FileManager.default.removeItem(atPath: tmp.path("corp/c4/again"))
        #expect(try KGBinary.run(["build", "corp", "--db", "clean.sqlite", "-q"], in: tmp.url).status == 0)
        try Self.expectEqualStores(tmp.path("cycle.sqlite"), tmp.path("clean.sqlite"))
    }

    static let ruleV1 = """
        rule 我的.签署
          match {甲:Organization span} 与 {乙:Organization span} 签署
          emit 甲 cooperatesWith 乙
          example 星河科技与蓝山制药签署战略合作协议 => 星河科技 cooperatesWith 蓝山制药

        """
    static let ruleV2 = """
        rule 我的.拥有
          match {甲:Zone span} 拥有 {乙:Organization list span}
          emit 甲 hosts 乙
          example 深圳高新区拥有腾讯、华为等企业 => 深圳高新区 hosts 腾讯, 深圳高新区 hosts 华为

        """

    /// Editing the user's rule pack re-extracts documents whose text did not change; the old
    /// triples go, and the store equals a clean build with the edited rules.
    @Test func aRuleEditReExtractsUnchangedDocuments() throws {
        let tmp = try TempFolder()
        try Self.corpus(tmp)
        try tmp.write("rules/mine.rules", Self.ruleV1)
        let options = ["--rules", "rules", "--no-builtin-rules", "--no-model"]
        let first = try KGBinary.run(["build", "corp", "--db", "r.sqlite"] + options, in: tmp.url)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(try sqlite(tmp.path("r.sqlite"), "SELECT DISTINCT predicate FROM triples") == "cooperatesWith")

        try tmp.write("rules/mine.rules", Self.ruleV2)
        let second = try KGBinary.run(["build", "corp", "--db", "r.sqlite"] + options, in: tmp.url)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("re-extracted 2 unchanged documents: rules changed (2)"), "\(second.stdout)")
        #expect(try sqlite(tmp.path("r.sqlite"), "SELECT DISTINCT predicate FROM triples") == "hosts")
        #expect(try sqlite(tmp.path("r.sqlite"), "SELECT count(*) FROM evidence WHERE rule_id = '我的.签署'") == "0")

        let clean = try KGBinary.run(["build", "corp", "--db", "clean.sqlite", "-q"] + options, in: tmp.url)
        #expect(clean.status == 0, "\(clean.stderr)")
        try Self.expectEqualStores(tmp.path("r.sqlite"), tmp.path("clean.sqlite"))

        // Same rules again: nothing to do.
        let third = try KGBinary.run(["build", "corp", "--db", "r.sqlite"] + options, in: tmp.url)
        #expect(third.stdout.contains("0 documents written, 2 unchanged"), "\(third.stdout)")
    }

    /// Switching the relation model off (and the built-in pack back on) follows too.
    @Test func turningTheModelOffReExtracts() throws {
        let tmp = try TempFolder()
        try Self.corpus(tmp)
        #expect(try KGBinary.run(["build", "corp", "--db", "m.sqlite", "-q"], in: tmp.url).status == 0)
        let off = try KGBinary.run(["build", "corp", "--db", "m.sqlite", "--no-model"], in: tmp.url)
        #expect(off.status == 0, "\(off.stderr)")
        #expect(off.stdout.contains("re-extracted 2 unchanged documents: model turned off (2)"), "\(off.stdout)")
        #expect(try sqlite(tmp.path("m.sqlite"), "SELECT count(*) FROM evidence WHERE rule_id = 'model.relations'") == "0")
        #expect(try KGBinary.run(["build", "corp", "--db", "clean.sqlite", "-q", "--no-model"], in: tmp.url).status == 0)
        try Self.expectEqualStores(tmp.path("m.sqlite"), tmp.path("clean.sqlite"))
    }

    /// A lexicon given later re-extracts: 蓝山制药 becomes the lexicon's entity, and the entity
    /// found by its name before goes with the facts that named it.
    @Test func aNewLexiconReExtracts() throws {
        let tmp = try TempFolder()
        try Self.corpus(tmp)
        try tmp.write("corp/c.txt", "星河科技与蓝山制药签署战略合作协议。\n")
        try tmp.write("lexicon.tsv", "蓝山制药\tlanshan\tCompany\t蓝山制药\tLanshan Pharma\t-\t-\n")
        #expect(try KGBinary.run(["build", "corp", "--db", "l.sqlite", "-q", "--no-model"], in: tmp.url).status == 0)
        #expect(try sqlite(tmp.path("l.sqlite"), "SELECT count(*) FROM entities WHERE key = 'lex:lanshan'") == "0")
        let added = try KGBinary.run(["build", "corp", "--db", "l.sqlite", "--no-model", "--lexicon", "lexicon.tsv"], in: tmp.url)
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stdout.contains("re-extracted 3 unchanged documents: lexicon changed (3)"), "\(added.stdout)")
        #expect(try sqlite(tmp.path("l.sqlite"), "SELECT label_en FROM entities WHERE key = 'lex:lanshan'") == "Lanshan Pharma")
        let clean = try KGBinary.run(["build", "corp", "--db", "clean.sqlite", "-q", "--no-model", "--lexicon", "lexicon.tsv"], in: tmp.url)
        #expect(clean.status == 0)
        try Self.expectEqualStores(tmp.path("l.sqlite"), tmp.path("clean.sqlite"))
    }

    @Test func pruneRetractsDocumentsWhoseFilesAreGone() throws {
        let tmp = try TempFolder()
        try Self.corpus(tmp)
        try tmp.write("corp/old/c.txt", newsParagraph.replacingOccurrences(of: "腾讯", with: "百度") + "\n")
        #expect(try KGBinary.run(["build", "corp", "--db", "p.sqlite", "-q"], in: tmp.url).status == 0)
        try FileManager.default.removeItem(atPath: tmp.path("corp/old"))

        // Without --prune the facts of the deleted file stay (and kg status says so).
        let status = try KGBinary.run(["status", "--db", "p.sqlite", "--no-model", "--format", "tsv"], in: tmp.url)
        #expect(status.status == 1)
        #expect(status.stdout.contains("missing\tcorp/old/c.txt\t"), "\(status.stdout)")
        let kept = try KGBinary.run(["build", "corp", "--db", "p.sqlite"], in: tmp.url)
        #expect(kept.status == 0)
        #expect(try sqlite(tmp.path("p.sqlite"), "SELECT count(*) FROM documents") == "3")

        let pruned = try KGBinary.run(["build", "corp", "--db", "p.sqlite", "--prune"], in: tmp.url)
        #expect(pruned.status == 0, "\(pruned.stderr)")
        #expect(pruned.stdout.contains("pruned 1 document: its file is gone"), "\(pruned.stdout)")
        #expect(try KGBinary.run(["build", "corp", "--db", "clean.sqlite", "-q"], in: tmp.url).status == 0)
        try Self.expectEqualStores(tmp.path("p.sqlite"), tmp.path("clean.sqlite"))

        // A deleted folder named with --prune is pruned, not a failure.
        try FileManager.default.removeItem(atPath: tmp.path("corp/c4/b.txt"))
        let gone = try KGBinary.run(["build", "corp/c4/b.txt", "--db", "p.sqlite", "--prune"], in: tmp.url)
        #expect(gone.status == 0, "\(gone.stderr)")
        #expect(gone.stderr.contains("S018"))
        #expect(try sqlite(tmp.path("p.sqlite"), "SELECT path FROM documents") == "corp/c4/a.txt")
    }

    @Test func removeRetractsNamedDocumentsAndFolders() throws {
        let tmp = try TempFolder()
        try Self.corpus(tmp)
        try tmp.write("corp/old/c.txt", newsParagraph.replacingOccurrences(of: "腾讯", with: "百度") + "\n")
        #expect(try KGBinary.run(["build", "corp", "--db", "x.sqlite", "-q"], in: tmp.url).status == 0)

        // A folder in another spelling, and a path that names nothing: exit 1, the rest removed.
        let removed = try KGBinary.run(["remove", tmp.path("corp/old") + "/", "nothing.txt", "--db", "x.sqlite"], in: tmp.url)
        #expect(removed.status == 1)
        #expect(removed.stdout == "corp/old/c.txt\n")
        #expect(removed.stderr.contains("S017") && removed.stderr.contains("nothing.txt"))
        #expect(try KGBinary.run(["build", "corp/c4", "--db", "clean.sqlite", "-q"], in: tmp.url).status == 0)
        try Self.expectEqualStores(tmp.path("x.sqlite"), tmp.path("clean.sqlite"))

        // The file is kept on disk; a document removed is built again by the next build.
        #expect(try KGBinary.run(["remove", "./corp/c4/b.txt", "--db", "x.sqlite", "-q"], in: tmp.url).status == 0)
        #expect(try sqlite(tmp.path("x.sqlite"), "SELECT path FROM documents") == "corp/c4/a.txt")
        #expect(try KGBinary.run(["remove", "--db", "x.sqlite"], in: tmp.url).status == 64)
    }

    @Test func statusListsMissingChangedAndReExtractDocuments() throws {
        let tmp = try TempFolder()
        try Self.corpus(tmp)
        try tmp.write("corp/old/c.txt", newsParagraph.replacingOccurrences(of: "腾讯", with: "百度") + "\n")
        #expect(try KGBinary.run(["build", "corp", "--db", "st.sqlite", "-q", "--no-model"], in: tmp.url).status == 0)
        let clean = try KGBinary.run(["status", "--db", "st.sqlite", "--no-model"], in: tmp.url)
        #expect(clean.status == 0, "\(clean.stderr)")
        #expect(clean.stdout == "")
        #expect(clean.stderr.contains("3 documents, all current"))

        try FileManager.default.removeItem(atPath: tmp.path("corp/old/c.txt"))
        try tmp.write("corp/c4/b.txt", newsParagraph + "又一句。\n")
        let status = try KGBinary.run(["status", "--db", "st.sqlite", "--format", "tsv"], in: tmp.url)
        #expect(status.status == 1)
        let rows = status.stdout.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows.first == ["state", "document", "file", "detail"])
        #expect(rows.dropFirst().map { [$0[0], $0[1], $0[3]] } == [
            ["extractor", "corp/c4/a.txt", "model turned on"],
            ["changed", "corp/c4/b.txt", "the file's content changed"],
            ["missing", "corp/old/c.txt", "no file at \(rows.last?[2] ?? "")"],
        ])
        // PATHs narrow the list; a PATH with no document is exit 1 with S017.
        let one = try KGBinary.run(["status", "corp/c4/a.txt", "--db", "st.sqlite", "--no-model"], in: tmp.url)
        #expect(one.status == 0 && one.stdout == "", "\(one.stdout)\(one.stderr)")
        let none = try KGBinary.run(["status", "elsewhere", "--db", "st.sqlite", "--no-model"], in: tmp.url)
        #expect(none.status == 1 && none.stderr.contains("S017"))
        #expect(try KGBinary.run(["status", "--db", "nope.sqlite"], in: tmp.url).status == 2)
        #expect(try KGBinary.run(["status", "--no-builtin-rules", "--db", "st.sqlite"], in: tmp.url).status == 64)
    }

    /// A store written before schema version 3 (no file keys, no fingerprints, one file under two
    /// spellings) opens, upgrades, and after one build equals a clean build.
    @Test func aVersion2StoreIsUpgradedAndItsDuplicatesMerged() throws {
        let tmp = try TempFolder()
        try Self.corpus(tmp)
        let db = tmp.path("old.sqlite")
        #expect(try KGBinary.run(["build", "corp", "--db", db, "-q"], in: tmp.url).status == 0)
        // Back to version 2, as kg wrote it: a second copy of b.txt under another spelling (the
        // copy that the path-as-typed key made), and no version 3 columns or table.
        _ = try sqlite(
            db,
            """
            INSERT INTO documents(path, content_hash, title, published, source, authors, text)
                SELECT './' || path, content_hash, title, published, source, authors, text FROM documents WHERE path = 'corp/c4/b.txt';
            DROP INDEX documents_by_file; DROP TABLE extractors;
            ALTER TABLE documents DROP COLUMN file; ALTER TABLE documents DROP COLUMN extracted_by;
            PRAGMA user_version = 2; UPDATE kg_meta SET value = '2' WHERE key = 'schema_version';
            """)
        #expect(try sqlite(db, "PRAGMA user_version") == "2")
        #expect(try sqlite(db, "SELECT count(*) FROM documents") == "3")

        let query = try KGBinary.run(["query", "?c listedOn 港股18A", "--db", db, "--format", "tsv"], in: tmp.url)
        #expect(query.status == 0, "\(query.stderr)")
        #expect(try sqlite(db, "PRAGMA user_version") == "3")

        let build = try KGBinary.run(["build", "corp", "--db", db], in: tmp.url)
        #expect(build.status == 0, "\(build.stderr)")
        #expect(build.stdout.contains("re-extracted 2 unchanged documents: extracted by an older kg that kept no fingerprint (2)"), "\(build.stdout)")
        #expect(build.stdout.contains("removed 1 duplicate document ("), "\(build.stdout)")
        #expect(try KGBinary.run(["build", "corp", "--db", "clean.sqlite", "-q"], in: tmp.url).status == 0)
        try Self.expectEqualStores(db, tmp.path("clean.sqlite"))
    }
}
