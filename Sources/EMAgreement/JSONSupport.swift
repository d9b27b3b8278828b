import Foundation

extension KeyedEncodingContainer {
    /// Encodes `value`, or an explicit JSON `null` when it is nil, so that the key is never omitted.
    mutating func encodeNullable<T: Encodable>(_ value: T?, forKey key: Key) throws {
        if let value {
            try encode(value, forKey: key)
        } else {
            try encodeNil(forKey: key)
        }
    }
}

/// Shared JSON settings for agreement results.
public enum AgreementJSON {
    /// A JSON encoder with sorted keys (stable output) and, optionally, pretty printing.
    /// Undefined statistics are written as `null`; no result type ever holds NaN or infinity.
    public static func encoder(pretty: Bool = true) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted] : [.sortedKeys]
        return encoder
    }
}

/// Returns `value` when it is finite, otherwise nil (undefined statistics are nil, never NaN).
@inline(__always)
func finiteOrNil(_ value: Double) -> Double? {
    value.isFinite ? value : nil
}

/// Tolerance below which a chance-correction denominator such as 1 − p_e is treated as zero (0/0 undefined).
let degenerateDenominator = 1e-12
