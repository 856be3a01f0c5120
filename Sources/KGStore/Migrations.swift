import KGModel

/// One step of the store's schema history: the SQL that takes a store from `version - 1` to
/// `version`.
public struct Migration: Sendable {
    public var version: Int
    public var sql: String

    public init(version: Int, sql: String) {
        self.version = version
        self.sql = sql
    }
}

/// The store's schema versions, oldest first. The version a store is at lives in
/// `PRAGMA user_version` (<https://www.sqlite.org/pragma.html#pragma_user_version>) and in
/// `kg_meta.schema_version`; opening a store applies the missing steps in order, in one
/// transaction. A schema change adds an entry here; it never edits an applied one.
public enum Migrations {
    /// Every migration, by ascending version.
    public static let all: [Migration] = [
        // Version 1 is the documented schema itself.
        Migration(version: 1, sql: KGStoreResources.graphSQL.text),
        Migration(version: 2, sql: KGStoreResources.pinyinMigrationSQL.text),
        Migration(version: 3, sql: KGStoreResources.documentIdentityMigrationSQL.text),
    ]

    /// The schema version this build of kg writes.
    public static var latestVersion: Int { all.last?.version ?? 0 }

    /// The migrations a store at `version` still needs.
    public static func pending(after version: Int) -> [Migration] {
        all.filter { $0.version > version }
    }
}
