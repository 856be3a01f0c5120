import ArgumentParser
import Foundation

/// A first word that names no command, caught before ArgumentParser, whose own message for
/// `kg serach x` is "2 unexpected arguments" and names no command at all.
enum UnknownCommand {
    /// The message for `word` when it is not a command of kg (nil when it is, or is an option).
    static func message(for word: String, commands: [String]) -> String? {
        guard !word.hasPrefix("-"), !commands.contains(word) else { return nil }
        let ranked = commands.map { ($0, editDistance(word.lowercased(), $0)) }.sorted { $0.1 < $1.1 }
        var text = "error: '\(word)' is not a kg command"
        // Two edits catch swapped, missing and doubled letters (serach, qeury, buid) without
        // suggesting unrelated short commands.
        if let best = ranked.first, best.1 <= 2 || word.lowercased().hasPrefix(best.0) {
            text += "; did you mean '\(best.0)'?"
        }
        return text + "\n  = help: the commands are \(commands.filter { $0 != "help" }.joined(separator: ", ")); kg --help says more"
    }

    /// Optimal string alignment distance: insertions, deletions, substitutions and swaps of two
    /// neighbouring letters each cost one.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
            }
        }
        return d[a.count][b.count]
    }
}
