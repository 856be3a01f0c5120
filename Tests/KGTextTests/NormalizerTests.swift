import Foundation
import Synchronization
import Testing

@testable import KGText

@Suite struct NormalizerTests {
    @Test func fullWidthToHalfWidth() {
        let text = "ＡＢＣ１２３，（苏州）！\u{3000}ｘ＝９"
        #expect(String(String.UnicodeScalarView(Normalizer.normalize(text))) == "ABC123,(苏州)! x=9")
    }

    @Test func traditionalToSimplified() {
        #expect(Normalizer.normalizedString("臺灣積體電路製造與國際貿易") == "台湾积体电路制造与国际贸易")
        // Already simplified text and non-CJK text are unchanged.
        #expect(Normalizer.normalizedString("无锡高新区 FPGA 2023") == "无锡高新区 FPGA 2023")
    }

    /// Offsets carry over: the normalised text has one scalar per original scalar, including
    /// characters outside the Basic Multilingual Plane.
    @Test func keepsOffsets() {
        let text = "㈱國際ＡＢ\u{20BB7}吉。\u{3000}“發展”"
        let normalized = Normalizer.normalize(text)
        #expect(normalized.count == text.unicodeScalars.count)
        let original = Array(text.unicodeScalars)
        #expect(normalized[1] == "国")
        #expect(normalized[3] == "A")
        #expect(normalized[5] == original[5])
    }

    /// The table agrees with ICU's transform applied to each character on its own.
    @Test func tableMatchesTheTransformOnSingleCharacters() {
        let transform = StringTransform("Hant-Hans")
        var checked = 0
        for value in stride(from: UInt32(0x4E00), through: 0x9FFF, by: 7) {
            let scalar = Unicode.Scalar(value)!
            let expected = TraditionalToSimplified.transformSingle(scalar, transform) ?? scalar
            #expect(TraditionalToSimplified.map(scalar) == expected)
            checked += 1
        }
        #expect(checked > 2_900)
    }

    /// Throughput on Chinese text, and the table against a lock-protected on-demand cache (the
    /// alternative design), each timed as the best of three runs of the same loop.
    @Test func throughput() {
        _ = TraditionalToSimplified.map("國")  // build the shared table outside the timing
        var built: [UInt32] = []
        let buildTime = seconds { built = TraditionalToSimplified.buildTable() }
        #expect(built == TraditionalToSimplified.table)
        let unit = "蘇州工業園區生物醫藥產業規模達到１３００億元，保持穩步增長態勢。"
        let text = String(repeating: unit, count: 60_000)
        let megabytes = Double(text.utf8.count) / 1_048_576
        var out: [Unicode.Scalar] = []
        let tableTime = (0..<3).map { _ in seconds { out = Normalizer.normalize(text) } }.min()!
        #expect(out.count == text.unicodeScalars.count)

        let cache = Mutex<[UInt32: UInt32]>([:])
        let transform = StringTransform("Hant-Hans")
        var cached: [Unicode.Scalar] = []
        let cacheTime = (0..<3).map { _ in
            seconds {
                cached = []
                cached.reserveCapacity(out.count)
                for scalar in text.unicodeScalars {
                    let mapped = cache.withLock { table -> UInt32 in
                        if let hit = table[scalar.value] { return hit }
                        let value = TraditionalToSimplified.transformSingle(scalar, transform)?.value ?? scalar.value
                        table[scalar.value] = value
                        return value
                    }
                    cached.append(Unicode.Scalar(mapped)!)
                }
            }
        }.min()!
        print(
            "Normalizer: table \(Int(megabytes / tableTime)) MB/s, lock-protected cache \(Int(megabytes / cacheTime)) MB/s "
                + "on \(String(format: "%.1f", megabytes)) MB; table built in \(Int(buildTime * 1000)) ms")
        #expect(String(String.UnicodeScalarView(out)).hasPrefix("苏州工业园区生物医药产业规模达到1300亿元,保持稳步增长态势。"))
        // Both designs give the same traditional → simplified answers.
        #expect(
            cached.elementsEqual(out) { a, b in
                a == b || (a.value >= 0xFF01 && a.value <= 0xFF5E) || a.value == 0x3000
            })
        // Debug builds measure 20–100 MB/s here depending on the load of the shared machine
        // (release over 150); calling ICU per character instead is under 1 MB/s, which this
        // floor catches.
        #expect(megabytes / tableTime > 4)
    }
}
