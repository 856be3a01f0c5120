import Foundation

/// Mandarin readings in Latin letters, one character at a time, as ICU's `Han-Latin` transform
/// followed by `Latin-ASCII`-style diacritic stripping gives them (`苏` → `su`, `绿` → `lu`).
///
/// English labels and pinyin keys are made from these. Asking ICU costs about 40 µs a character
/// and about 0.25 s to set the transform up in every process, which was most of what a small
/// build spent outside extraction. So the readings of the characters below are a table,
/// `schema/pinyin/pinyin.tsv`, generated from that same transform (`kg-bench pinyin-table`);
/// `HanPinyinTests` checks every row against ICU, so an ICU update that changes a reading fails a
/// test instead of changing labels silently. Characters outside the table (the CJK extensions past
/// A, symbols) still go to ICU.
public enum HanPinyin {
    /// The code points the table covers: ASCII letters and digits, 〇, CJK Extension A, CJK Unified
    /// Ideographs and CJK Compatibility Ideographs.
    public static let ranges: [ClosedRange<UInt32>] = [
        0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x3007...0x3007, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF,
    ]

    /// The reading of `scalar` with diacritics stripped, as ICU writes it (its case kept); nil
    /// for a character outside the table, which the caller asks ICU about (`icuLatin`).
    public static func latin(_ scalar: Unicode.Scalar) -> String? {
        guard let slot = slot(scalar.value) else { return nil }
        let index = table.slots[slot]
        return index == 0 ? nil : table.readings[Int(index) - 1]
    }

    /// What ICU gives for one character: `Han-Latin`, then diacritics stripped; nil when either
    /// transform fails. What the table was generated from, and what characters outside it get.
    public static func icuLatin(_ scalar: Unicode.Scalar) -> String? {
        String(Character(scalar)).applyingTransform(.mandarinToLatin, reverse: false)?
            .applyingTransform(.stripDiacritics, reverse: false)
    }

    /// The table's rows (`character<TAB>reading`) for every covered character ICU reads, in code
    /// point order: what `kg-bench pinyin-table` writes.
    public static func generatedRows() -> [String] {
        var rows: [String] = []
        for range in ranges {
            for v in range {
                guard let scalar = Unicode.Scalar(v), let reading = icuLatin(scalar), !reading.isEmpty,
                    !reading.contains("\t"), !reading.contains("\n")
                else { continue }
                rows.append("\(Character(scalar))\t\(reading)")
            }
        }
        return rows
    }

    /// Readings by slot (see `latin`): an index into `readings` plus one, 0 for none. About 30,000
    /// slots of two bytes and 1,500 distinct readings, parsed once from the embedded file.
    struct Table {
        var slots: [UInt16]
        var readings: [String]
    }

    static let table: Table = parse(KGTextResources.pinyin.text)

    static let slotCount = 0x81 + (0xA000 - 0x3400) + (0xFB00 - 0xF900)

    /// Where a code point's reading sits: ASCII by value, then 〇, then the two CJK blocks.
    @inline(__always) static func slot(_ v: UInt32) -> Int? {
        switch v {
        case 0..<0x80: return Int(v)
        case 0x3007: return 0x80
        case 0x3400...0x9FFF: return 0x81 + Int(v - 0x3400)
        case 0xF900...0xFAFF: return 0x81 + (0xA000 - 0x3400) + Int(v - 0xF900)
        default: return nil
        }
    }

    static func parse(_ text: String) -> Table {
        var slots = [UInt16](repeating: 0, count: slotCount)
        var readings: [String] = []
        var index: [Substring: UInt16] = [:]
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) where !line.hasPrefix("#") {
            let parts = line.split(separator: "\t", maxSplits: 1)
            guard parts.count == 2, let scalar = parts[0].unicodeScalars.first, parts[0].unicodeScalars.count == 1 else { continue }
            guard let slot = slot(scalar.value) else { continue }
            let reading = parts[1]
            if let known = index[reading] {
                slots[slot] = known
            } else {
                readings.append(String(reading))
                let id = UInt16(readings.count)
                index[reading] = id
                slots[slot] = id
            }
        }
        return Table(slots: slots, readings: readings)
    }
}
