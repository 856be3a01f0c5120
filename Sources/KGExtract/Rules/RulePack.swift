import Foundation
import KGModel
import KGText

/// A set of compiled rules in pack order, with the problems found compiling them and the
/// trigger index that decides which rules a sentence tries.
public struct RulePack: Sendable {
    public private(set) var rules: [Rule]
    /// Every problem found in every file; a pack with errors still holds the rules that compiled.
    public private(set) var diagnostics: [Diagnostic]
    /// The files the pack was compiled from, in pack order.
    public private(set) var files: [String]
    public let matcher: RuleMatcher

    /// Compiles rule files given as (path, text), in the order given.
    public init(sources: [(file: String, text: String)], vocabulary: Vocabulary = .builtIn) {
        let parser = RuleParser(vocabulary: vocabulary)
        var rules: [Rule] = []
        var diagnostics: [Diagnostic] = []
        var seen: [String: SourceLocation] = [:]
        for source in sources {
            let (compiled, problems) = parser.parse(file: source.file, text: source.text, firstOrder: rules.count)
            diagnostics += problems
            for rule in compiled {
                if let first = seen[rule.id], first.file != rule.location.file {
                    diagnostics.append(
                        Diagnostic(
                            .duplicateRuleID, "rule id `\(rule.id)` is already used at \(first)", at: rule.location,
                            sourceLine: rule.source.split(separator: "\n").first.map(String.init)))
                    continue
                }
                seen[rule.id] = rule.location
                rules.append(rule)
            }
        }
        self.rules = rules
        self.diagnostics = diagnostics
        self.files = sources.map(\.file)
        self.matcher = RuleMatcher(rules: rules, vocabulary: vocabulary)
    }

    /// True when some file had an error.
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// The rule with this id.
    public func rule(_ id: String) -> Rule? { rules.first { $0.id == id } }

    /// The pack compiled into the binary from `schema/rules/*.rules`.
    public static let builtIn: RulePack = RulePack(sources: builtInSources)

    /// The built-in rule files, by path, in name order.
    public static var builtInSources: [(file: String, text: String)] {
        KGExtractResources.ruleFiles.map { (file: $0.path, text: $0.text) }
    }

    /// The `.rules` files of the folders (each folder's files in name order), after the built-in
    /// pack when `includeBuiltIn`. Throws every problem found when any file has an error.
    public static func load(directories: [String], includeBuiltIn: Bool = true) throws -> RulePack {
        var sources = includeBuiltIn ? builtInSources : []
        var problems = DiagnosticList()
        for directory in directories {
            do {
                sources += try files(in: directory)
            } catch let error as Diagnostic {
                problems.append(error)
            }
        }
        let pack = RulePack(sources: sources)
        for diagnostic in pack.diagnostics { problems.append(diagnostic) }
        if problems.hasErrors { throw problems }
        return pack
    }

    /// The `.rules` files of one folder, in name order.
    public static func files(in directory: String) throws -> [(file: String, text: String)] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isFolder), isFolder.boolValue else {
            throw Diagnostic(.rulesFolderNotFound, "rules folder not found: \(directory)", hint: "pass a folder that holds .rules files")
        }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        var result: [(file: String, text: String)] = []
        for name in names.sorted() where name.hasSuffix(".rules") {
            let path = (directory as NSString).appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: path) else {
                throw Diagnostic(.ruleFileUnreadable, "cannot read \(path)", at: SourceLocation(file: path), hint: "check its permissions")
            }
            let bytes = [UInt8](data)
            if let bad = TextDecoding.firstInvalidUTF8(bytes[...]) {
                // The position, so the user can find the one bad byte in a file of many rules.
                let (location, line) = TextDecoding.location(ofByte: bad, in: bytes, file: path)
                throw Diagnostic(
                    .ruleFileUnreadable, "not valid UTF-8 at byte \(bad)", at: location, sourceLine: line,
                    hint: "save the file as UTF-8 (for example `iconv -f GB18030 -t UTF-8`)")
            }
            var text = String(decoding: bytes, as: UTF8.self)
            if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
            result.append((file: path, text: text))
        }
        return result
    }
}
