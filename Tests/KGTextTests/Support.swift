import Foundation
import KGModel

@testable import KGText

/// Paths of fixtures beside the tests, and scratch folders.
enum Fixture {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    /// A fresh empty folder under the system temporary folder.
    static func scratch(_ name: String = #function) -> String {
        let safe = name.filter { $0.isLetter || $0.isNumber }
        let path = NSTemporaryDirectory() + "kgtext-\(safe)-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func write(_ bytes: [UInt8], to path: String) {
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
    }

    static func write(_ text: String, to path: String) {
        write(Array(text.utf8), to: path)
    }
}

/// The text of a span of `text`, counted in scalars.
func slice(_ text: String, _ span: TextSpan) -> String {
    let scalars = Array(text.unicodeScalars)
    return String(String.UnicodeScalarView(scalars[span.start..<span.end]))
}

/// Sentence texts of a plain text, one paragraph per line.
func sentenceTexts(_ text: String) -> [String] {
    Segmenter.sentences(in: text).map(\.text)
}

/// Seconds taken by `body`.
func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}
