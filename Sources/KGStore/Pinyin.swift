import Foundation
import KGText

/// Turns names into the pinyin keys stored in `entities.pinyin`: lowercase Latin letters and
/// digits, no tones, no spaces (`苏州工业园区` → `suzhougongyeyuanqu`, `港股18A` → `ganggu18a`).
///
/// Chinese characters are romanised one at a time, from `HanPinyin`'s table (generated from ICU's
/// Han-Latin transform) or, for a character outside it, by ICU itself; the result is cached. A
/// character ICU cannot romanise is left out.
public struct PinyinKeyMaker {
    private var syllables: [Unicode.Scalar: String] = [:]

    public init() {}

    /// The pinyin key of `text`.
    public mutating func key(for text: String) -> String {
        var key = ""
        for scalar in text.unicodeScalars {
            if Self.isHan(scalar) {
                key += syllable(scalar)
            } else {
                key += Self.normalizeASCII(scalar)
            }
        }
        return key
    }

    /// The key of text typed as pinyin or Latin letters: letters and digits only, lowercased,
    /// tone marks removed (`Sūzhōu Gōngyè` → `suzhougongye`). Nil when the text holds Chinese
    /// characters, which are looked up by label instead.
    public static func keyOfTyped(_ text: String) -> String? {
        if text.unicodeScalars.contains(where: isHan) { return nil }
        let plain = text.applyingTransform(.stripDiacritics, reverse: false) ?? text
        let key = plain.unicodeScalars.map(normalizeASCII).joined()
        return key.isEmpty ? nil : key
    }

    private mutating func syllable(_ scalar: Unicode.Scalar) -> String {
        if let known = syllables[scalar] { return known }
        let latin = HanPinyin.latin(scalar) ?? HanPinyin.icuLatin(scalar) ?? ""
        let syllable = latin.unicodeScalars.map(Self.normalizeASCII).joined()
        syllables[scalar] = syllable
        return syllable
    }

    static func isHan(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return (0x4E00...0x9FFF).contains(v) || (0x3400...0x4DBF).contains(v) || (0x20000...0x3134F).contains(v)
            || (0xF900...0xFAFF).contains(v) || v == 0x3007
    }

    /// ASCII letters and digits lowercased (full-width forms folded); anything else dropped.
    static func normalizeASCII(_ scalar: Unicode.Scalar) -> String {
        var v = scalar.value
        if (0xFF10...0xFF5A).contains(v) { v -= 0xFEE0 }
        switch v {
        case 0x30...0x39, 0x61...0x7A: return String(UnicodeScalar(UInt8(v)))
        case 0x41...0x5A: return String(UnicodeScalar(UInt8(v + 0x20)))
        default: return ""
        }
    }
}
