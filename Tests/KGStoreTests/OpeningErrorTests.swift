import Foundation
import KGModel
import Testing

@testable import KGStore

@Suite struct OpeningErrorTests {
    @Test func aMissingFolderIsS001() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("nope/kg.sqlite").path
        let error = diagnostic { _ = try GraphStore(path: path) }
        #expect(error?.code.rawValue == "S001")
        #expect(error?.message == "folder \(folder.path)/nope does not exist; create it or choose another --db")
    }

    @Test(arguments: ["this is a text file, not a database\n", "SQLi"])
    func aFileThatIsNotSQLiteIsS002(content: String) throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("notes.txt").path
        try content.write(toFile: path, atomically: true, encoding: .utf8)
        let error = diagnostic { _ = try GraphStore(path: path) }
        #expect(error?.code.rawValue == "S002")
        #expect(error?.message == "\(path) is not a SQLite database; choose another --db or delete it")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == content, "the file is left alone")
    }

    @Test func aDamagedHeaderPastTheMagicIsS002() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("fake.sqlite").path
        // The right magic followed by garbage: SQLite itself reports SQLITE_NOTADB.
        var bytes = Array("SQLite format 3\0".utf8)
        bytes += [UInt8](repeating: 0xFF, count: 4096)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(diagnostic { _ = try GraphStore(path: path) }?.code.rawValue == "S002")
    }

    @Test func anotherApplicationsDatabaseIsS013() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("other.sqlite").path
        do {
            let other = try Connection(path: path)
            try other.execute("CREATE TABLE recipes(name TEXT)")
        }
        #expect(diagnostic { _ = try GraphStore(path: path) }?.code.rawValue == "S013")
        let tables = try Connection(path: path).prepare("SELECT name FROM sqlite_schema").allRows { $0.string(at: 0) }
        #expect(tables == ["recipes"])
    }

    @Test func aStoreOfANewerSchemaIsS004() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("kg.sqlite").path
        _ = try GraphStore(path: path)
        try Connection(path: path).execute("PRAGMA user_version = \(Migrations.latestVersion + 1)")
        let error = diagnostic { _ = try GraphStore(path: path) }
        #expect(error?.code.rawValue == "S004")
        #expect(error?.message.contains("upgrade kg") == true)
    }

    @Test func aStoreLockedByAnotherWriterIsS003() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("kg.sqlite").path
        let store = try GraphStore(path: path, busyTimeoutMilliseconds: 50)
        let other = try Connection(path: path)
        try other.execute("BEGIN IMMEDIATE")
        // Opening for reading still works while the other process writes (WAL).
        let reader = try GraphStore(path: path, busyTimeoutMilliseconds: 50)
        #expect(try reader.statistics().documents == 0)

        let error = diagnostic {
            try store.transaction { try store.replaceDocument(Corpus.b, with: Corpus.extractionB) }
        }
        #expect(error?.code.rawValue == "S003")
        #expect(error?.message == "\(path) is locked by another kg process; wait for it or use another --db")

        try other.execute("COMMIT")
        try store.transaction { try store.replaceDocument(Corpus.b, with: Corpus.extractionB) }
        #expect(try store.statistics().evidence == 1)
    }

    @Test func aFolderInPlaceOfTheFileIsS006() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(diagnostic { _ = try GraphStore(path: folder.path) }?.code.rawValue == "S006")
    }
}
