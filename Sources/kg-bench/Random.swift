import Foundation

/// A small deterministic generator (SplitMix64, <https://prng.di.unimi.it/splitmix64.c>): the
/// same seed gives the same store on every machine, which `SystemRandomNumberGenerator` cannot.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform double in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// A uniform integer in 0..<n.
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(n, 1))) }

    /// An index in 0..<n skewed towards 0: `n · u^alpha` puts a share of about `n^(-1/alpha)`
    /// of the draws on index 0, so a few entities become hubs and most stay small.
    mutating func skewed(_ n: Int, alpha: Double) -> Int {
        min(n - 1, Int(Double(n) * pow(unit(), alpha)))
    }

    /// True with probability `p`.
    mutating func chance(_ p: Double) -> Bool { unit() < p }

    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    /// An element chosen with the given weights.
    mutating func weighted<T>(_ items: [(T, Int)]) -> T {
        let total = items.reduce(0) { $0 + $1.1 }
        var r = below(total)
        for (item, weight) in items {
            if r < weight { return item }
            r -= weight
        }
        return items[items.count - 1].0
    }
}
