/// SplitMix64 (Steele, Lea & Flood 2014): a tiny deterministic 64-bit generator. It seeds the
/// bootstrap's and the synthetic study's xoshiro256** and drives seeded tests, so a failure
/// reproduces from its seed. Equal seeds give equal streams on every platform.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return Self.finalize(state)
    }

    /// The SplitMix64 output function: a strong 64-bit bit mixer.
    public static func finalize(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
