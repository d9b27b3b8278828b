import Foundation

/// Encodes and decodes the native JSONL format: one `StoreRecord` per line, tagged by `type`.
///
/// Keys are snake_case (`sample_index`, `system_prompt`, …); keys of absent optional values are
/// omitted. See docs/formats.md for an example of each record type.
public struct JSONLCodec: Sendable {
    /// A line that could not be read, with the 1-based line number and what is wrong.
    public struct LineError: Error, Equatable, Sendable, CustomStringConvertible {
        public var line: Int
        public var problem: String
        public var description: String { "line \(line): \(problem)" }
        public init(line: Int, problem: String) {
            self.line = line
            self.problem = problem
        }
    }

    /// One decoder and encoder for every line (creating them per line costs more than decoding).
    private let decoder = JSONDecoder()
    private let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }()

    public init() {}

    /// The record type names, as written in the `type` key.
    public static let typeNames = ["example", "run", "question", "sample", "codebook", "rating"]

    /// One record as one line of compact JSON with sorted keys (no trailing newline).
    public func encode(_ record: StoreRecord) throws -> String {
        let data = try encoder.encode(Envelope(record: record))
        return String(decoding: data, as: UTF8.self)
    }

    /// Decodes one line; `lineNumber` is used in the error.
    public func decode(_ line: Substring, lineNumber: Int) throws(LineError) -> StoreRecord {
        var text = line
        let result: Result<StoreRecord, LineError>? = text.withUTF8 { bytes in
            do throws(LineError) {
                guard let record = try Self.fastDecode(bytes, lineNumber: lineNumber) else { return nil }
                return .success(record)
            } catch {
                return .failure(error)
            }
        }
        if let result { return try result.get() }
        return try slowDecode(line, lineNumber: lineNumber)
    }

    /// Decodes one line given as bytes; bytes that are not valid UTF-8 are a line error.
    public func decode(utf8 bytes: UnsafeBufferPointer<UInt8>, lineNumber: Int) throws(LineError) -> StoreRecord {
        guard JSONParser.isValidUTF8(bytes) else { throw LineError(line: lineNumber, problem: JSONParser.invalidUTF8) }
        if let record = try Self.fastDecode(bytes, lineNumber: lineNumber) { return record }
        let line = String(decoding: bytes, as: UTF8.self)
        return try slowDecode(Substring(line), lineNumber: lineNumber)
    }

    /// Foundation's decoder, for the rare record types (codebooks, ratings) that the fast path leaves alone.
    private func slowDecode(_ line: Substring, lineNumber: Int) throws(LineError) -> StoreRecord {
        do {
            // One parse: the envelope reads "type", then decodes that record from the same object.
            return try decoder.decode(DecodingEnvelope.self, from: Data(line.utf8)).record
        } catch let error as UnknownType {
            throw LineError(line: lineNumber,
                            problem: "unknown record type \"\(error.name)\" (expected one of \(Self.typeNames.joined(separator: ", ")))")
        } catch let error as RecordFailure {
            throw LineError(line: lineNumber, problem: "\(error.type) record: " + Self.describe(error.underlying, fallback: "invalid"))
        } catch {
            throw LineError(line: lineNumber, problem: Self.describe(error, fallback: "not a JSON object with a \"type\" key"))
        }
    }

    /// Reads every non-blank line of a JSONL text, calling `body` for each record in order.
    /// Stops at the first bad line and throws its error.
    public func forEachRecord(in text: String, _ body: (StoreRecord) throws -> Void) throws {
        var lineNumber = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let trimmed = line.drop { $0 == " " || $0 == "\t" || $0 == "\r" }
            if trimmed.isEmpty { continue }
            try body(try decode(line, lineNumber: lineNumber))
        }
    }

    /// A one-line, user-facing description of a decoding error: which key, what is wrong.
    static func describe(_ error: Error, fallback: String) -> String {
        guard let error = error as? DecodingError else { return fallback }
        func path(_ context: DecodingError.Context) -> String {
            // judgments[0].score: an index follows its key without a dot.
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }
            return keys.isEmpty ? "" : "\"\(keys.joined().dropFirst(keys.first?.hasPrefix(".") == true ? 1 : 0))\" "
        }
        switch error {
        case .keyNotFound(let key, let context):
            var keys = context.codingPath.map(\.stringValue)
            keys.append(key.stringValue)
            return "missing key \"\(snake(keys.joined(separator: ".")))\""
        case .typeMismatch(let type, let context):
            return "\(snake(path(context)))should be \(describeType(type))"
        case .valueNotFound(let type, let context):
            return "\(snake(path(context)))is null but should be \(describeType(type))"
        case .dataCorrupted(let context):
            let underlying = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
            if context.codingPath.isEmpty { return "not valid JSON" + (underlying.map { " (\($0))" } ?? "") }
            return "\(snake(path(context)))is invalid: \(context.debugDescription)"
        @unknown default:
            return fallback
        }
    }

    private static func describeType(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Int.Type: return "an integer"
        case is Double.Type: return "a number"
        case is Bool.Type: return "true or false"
        default: return "\(type)".contains("Array") ? "an array" : "an object"
        }
    }

    private static func snake(_ s: String) -> String {
        var out = ""
        for ch in s {
            if ch.isUppercase {
                out += "_" + ch.lowercased()
            } else {
                out.append(ch)
            }
        }
        return out
    }

    private struct UnknownType: Error { var name: String }
    private struct RecordFailure: Error { var type: String; var underlying: Error }

    private struct DecodingEnvelope: Decodable {
        var record: StoreRecord
        enum Keys: String, CodingKey { case type }
        init(from decoder: Decoder) throws {
            let type = try decoder.container(keyedBy: Keys.self).decode(String.self, forKey: .type)
            do {
                switch type {
                case "example": record = .example(try ExampleRecord(from: decoder))
                case "run": record = .run(try RunRecord(from: decoder))
                case "question": record = .question(try QuestionRecord(from: decoder))
                case "sample": record = .sample(try SampleRecord(from: decoder))
                case "codebook": record = .codebook(try Codebook(from: decoder))
                case "rating": record = .rating(try RatingRecord(from: decoder))
                default: throw UnknownType(name: type)
                }
            } catch let e as UnknownType {
                throw e
            } catch {
                throw RecordFailure(type: type, underlying: error)
            }
        }
    }

    private struct Envelope: Encodable {
        var record: StoreRecord
        enum Keys: String, CodingKey { case type }
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            switch record {
            case .example(let r): try c.encode("example", forKey: .type); try r.encode(to: encoder)
            case .run(let r): try c.encode("run", forKey: .type); try r.encode(to: encoder)
            case .question(let r): try c.encode("question", forKey: .type); try r.encode(to: encoder)
            case .sample(let r): try c.encode("sample", forKey: .type); try r.encode(to: encoder)
            case .codebook(let r): try c.encode("codebook", forKey: .type); try r.encode(to: encoder)
            case .rating(let r): try c.encode("rating", forKey: .type); try r.encode(to: encoder)
            }
        }
    }
}
