import Foundation

/// Mandarin readings in Latin letters, one character at a time, as ICU's `Han-Latin` transform
/// followed by `Latin-ASCII`-style diacritic stripping gives them (`苏` → `su`, `绿` → `lu`).
///
/// English labels and pinyin keys are made from these. Asking ICU costs about 10 µs a character
/// and 80 to 100 ms to set the transform up in every process, a third of building the sample
/// article. So the readings of the characters below are a table,
/// `schema/pinyin/pinyin.tsv`, generated from that same transform (`kg-bench pinyin-table`);
/// `HanPinyinTests` checks every row against ICU, so an ICU update that changes a reading fails a
/// test instead of changing labels silently. Characters outside the table (Hangul, the CJK
/// extensions past A) still go to ICU.
public enum HanPinyin {
    /// The code points the table covers: ASCII, Latin-1 and Latin Extended-A (letters with
    /// diacritics lose them), general punctuation, CJK symbols and punctuation (、。《》),
    /// CJK Extension A, CJK Unified Ideographs, CJK Compatibility Ideographs and the full-width
    /// forms. Names in Chinese news hold little else, so a build need not set ICU's transform up
    /// at all (about 0.1 s a process).
    public static let ranges: [ClosedRange<UInt32>] = [
        0x20...0x7E, 0xA0...0x17F, 0x2000...0x206F, 0x3000...0x303F, 0x3400...0x4DBF, 0x4E00...0x9FFF,
        0xF900...0xFAFF, 0xFF00...0xFFEF,
    ]

    /// The reading of `scalar` with diacritics stripped, as ICU writes it (its case kept); nil
    /// for a character outside the table, which the caller asks ICU about (`icuLatin`).
    public static func latin(_ scalar: Unicode.Scalar) -> String? {
        let v = scalar.value
        guard v < 0x10000 else { return nil }
        let index = table.slots[Int(v)]
        return index == 0 ? nil : table.readings[Int(index) - 1]
    }

    /// What ICU gives for one character: `Han-Latin`, then diacritics stripped; nil when either
    /// transform fails. What the table was generated from, and what characters outside it get.
    public static func icuLatin(_ scalar: Unicode.Scalar) -> String? {
        String(Character(scalar)).applyingTransform(.mandarinToLatin, reverse: false)?
            .applyingTransform(.stripDiacritics, reverse: false)
    }

    /// The table's rows (`code point<TAB>reading`, the code point in hex) for every covered
    /// character ICU reads, in code point order: what `kg-bench pinyin-table` writes. A reading
    /// may be empty (ICU drops the character); one with a tab or a line break is left to ICU.
    public static func generatedRows() -> [String] {
        var rows: [String] = []
        for range in ranges {
            for v in range {
                guard let scalar = Unicode.Scalar(v), let reading = icuLatin(scalar), !reading.contains("\t"),
                    !reading.contains("\n"), !reading.contains("\r")
                else { continue }
                rows.append(String(v, radix: 16, uppercase: true) + "\t" + reading)
            }
        }
        return rows
    }

    /// Readings by code point, for the Basic Multilingual Plane: an index into `readings` plus
    /// one, 0 for a character the table lacks. 65,536 slots of two bytes and about 1,900
    /// distinct readings, parsed once from the embedded file.
    struct Table {
        var slots: [UInt16]
        var readings: [String]
    }

    static let table: Table = parse(KGTextResources.pinyin.text)

    static func parse(_ text: String) -> Table {
        var slots = [UInt16](repeating: 0, count: 0x10000)
        var readings: [String] = []
        var index: [Substring: UInt16] = [:]
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) where !line.hasPrefix("#") {
            let parts = line.split(separator: "\t", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, let slot = Int(parts[0], radix: 16), slot >= 0, slot < 0x10000 else { continue }
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
