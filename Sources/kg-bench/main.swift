import Foundation
import KGExport
import KGModel

// kg-bench: generates synthetic stores and measures kg's exports and queries on them (issues 4
// and 5). Prints one JSON object on standard output; progress goes to standard error.

let usage = """
    usage:
      kg-bench generate --db FILE --assertions N [--seed S] [--batch DOCS] [--writer api|bulk]
      kg-bench export   --db FILE [--formats all|dot,jsonld,...] [--folder DIR]
      kg-bench query    --db FILE [--samples 200] [--hub-samples 20] [--seed S] [--budget SECONDS]
      kg-bench explain  --db FILE --pattern 'PATTERN'
      kg-bench words    --dictionary schema/dictionary/words.tsv --text FILE [--column N] [--rounds 5]
    """

func options(_ arguments: ArraySlice<String>) -> [String: String] {
    var result: [String: String] = [:]
    var iterator = arguments.makeIterator()
    while let word = iterator.next() {
        guard word.hasPrefix("--") else {
            FileHandle.standardError.write(Data("kg-bench: unexpected argument \(word)\n\(usage)\n".utf8))
            exit(2)
        }
        result[String(word.dropFirst(2))] = iterator.next() ?? ""
    }
    return result
}

func required(_ options: [String: String], _ name: String) -> String {
    guard let value = options[name], !value.isEmpty else {
        FileHandle.standardError.write(Data("kg-bench: --\(name) is required\n\(usage)\n".utf8))
        exit(2)
    }
    return value
}

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    print(usage)
    exit(2)
}
let given = options(arguments.dropFirst(2))
do {
    let result: [String: Any]
    switch arguments[1] {
    case "generate":
        result = try GenerateCommand(
            db: required(given, "db"), assertions: Int(required(given, "assertions")) ?? 0,
            seed: UInt64(given["seed"] ?? "42") ?? 42, documentsPerTransaction: Int(given["batch"] ?? "500") ?? 500, writer: given["writer"] ?? "api"
        ).run()
    case "export":
        let names = given["formats"] ?? "all"
        let formats =
            names == "all" ? ExportFormat.allCases : names.split(separator: ",").compactMap { ExportFormat(rawValue: String($0)) }
        result = try ExportCommand(
            db: required(given, "db"), formats: formats,
            folder: given["folder"] ?? NSTemporaryDirectory() + "kg-bench-export-\(getpid())"
        ).run()
    case "query":
        result = try QueryCommand(
            db: required(given, "db"), samples: Int(given["samples"] ?? "200") ?? 200,
            hubSamples: Int(given["hub-samples"] ?? "20") ?? 20, seed: UInt64(given["seed"] ?? "42") ?? 42,
            budgetSeconds: Double(given["budget"] ?? "120") ?? 120
        ).run()
    case "explain":
        result = try ExplainCommand(db: required(given, "db"), pattern: required(given, "pattern")).run()
    case "words":
        result = try WordsCommand(
            dictionary: required(given, "dictionary"), text: required(given, "text"),
            column: given["column"].flatMap { Int($0) }, rounds: Int(given["rounds"] ?? "5") ?? 5
        ).run()
    default:
        print(usage)
        exit(2)
    }
    let data = try JSONSerialization.data(withJSONObject: result, options: [.prettyPrinted, .sortedKeys])
    print(String(decoding: data, as: UTF8.self))
} catch let diagnostic as Diagnostic {
    FileHandle.standardError.write(Data("kg-bench: \(diagnostic)\n".utf8))
    exit(1)
} catch {
    FileHandle.standardError.write(Data("kg-bench: \(error)\n".utf8))
    exit(1)
}
