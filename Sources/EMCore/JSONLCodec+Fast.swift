// The fast path of native JSONL decoding: `JSONParser` builds the value once and the hot record
// types (example, run, question, sample) are read from it by hand, with the same defaults and
// the same error wording as the `Codable` path (`missing key "answer"`, `"k" should be an integer`).
// Codebooks and ratings, rare and with richer validation, still go through `JSONDecoder`.

/// Reads typed fields out of one JSON object, naming the key path in errors.
public struct JSONFields {
    /// A field that is missing or has the wrong type; `problem` is user-facing.
    public struct Problem: Error, Equatable, Sendable {
        public var problem: String
        public init(_ problem: String) { self.problem = problem }
    }

    public let object: [String: JSONValue]
    /// The key path of this object with a trailing dot, e.g. `judgments.[0].` (empty at the top).
    public let prefix: String

    public init(_ object: [String: JSONValue], prefix: String = "") {
        self.object = object
        self.prefix = prefix
    }

    /// The object as fields, or a problem naming `path`.
    public static func of(_ value: JSONValue, path: String) throws(Problem) -> JSONFields {
        guard case .object(let o) = value else { throw Problem("\"\(path)\" should be an object") }
        return JSONFields(o, prefix: path.isEmpty ? "" : path + ".")
    }

    func mismatch(_ key: String, _ what: String, _ value: JSONValue) -> Problem {
        if case .null = value { return Problem("\"\(prefix)\(key)\" is null but should be \(what)") }
        return Problem("\"\(prefix)\(key)\" should be \(what)")
    }

    public func required(_ key: String) throws(Problem) -> JSONValue {
        guard let v = object[key] else { throw Problem("missing key \"\(prefix)\(key)\"") }
        return v
    }

    /// The value, or nil when the key is absent or null.
    public func optional(_ key: String) -> JSONValue? {
        guard let v = object[key] else { return nil }
        if case .null = v { return nil }
        return v
    }

    public func string(_ key: String) throws(Problem) -> String {
        let v = try required(key)
        guard case .string(let s) = v else { throw mismatch(key, "a string", v) }
        return s
    }

    public func optionalString(_ key: String) throws(Problem) -> String? {
        guard let v = optional(key) else { return nil }
        guard case .string(let s) = v else { throw mismatch(key, "a string", v) }
        return s
    }

    public func int(_ key: String) throws(Problem) -> Int {
        let v = try required(key)
        guard let i = Self.integer(v) else { throw mismatch(key, "an integer", v) }
        return i
    }

    public func optionalInt(_ key: String) throws(Problem) -> Int? {
        guard let v = optional(key) else { return nil }
        guard let i = Self.integer(v) else { throw mismatch(key, "an integer", v) }
        return i
    }

    public func optionalDouble(_ key: String) throws(Problem) -> Double? {
        guard let v = optional(key) else { return nil }
        guard case .number(let d) = v else { throw mismatch(key, "a number", v) }
        return d
    }

    public func optionalBool(_ key: String) throws(Problem) -> Bool? {
        guard let v = optional(key) else { return nil }
        guard case .bool(let b) = v else { throw mismatch(key, "true or false", v) }
        return b
    }

    public func optionalArray(_ key: String) throws(Problem) -> [JSONValue]? {
        guard let v = optional(key) else { return nil }
        guard case .array(let a) = v else { throw mismatch(key, "an array", v) }
        return a
    }

    /// An integral number within Int's range (JSONDecoder also accepts `3.0` for an Int).
    public static func integer(_ v: JSONValue) -> Int? {
        guard case .number(let d) = v, d.isFinite, d == d.rounded(), abs(d) < 9.2e18 else { return nil }
        return Int(d)
    }
}

extension JSONLCodec {
    /// nil when the record type is left to the `Codable` path.
    static func fastDecode(_ bytes: UnsafeBufferPointer<UInt8>, lineNumber: Int) throws(LineError) -> StoreRecord? {
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes)
        } catch {
            throw LineError(line: lineNumber, problem: "not valid JSON (\(error.description))")
        }
        guard case .object(let object) = value else {
            throw LineError(line: lineNumber, problem: "not a JSON object with a \"type\" key")
        }
        let top = JSONFields(object)
        let type: String
        do {
            type = try top.string("type")
        } catch {
            throw LineError(line: lineNumber, problem: error.problem)
        }
        do {
            switch type {
            case "sample": return .sample(try sample(top))
            case "run": return .run(try run(top))
            case "question":
                return .question(QuestionRecord(key: try top.string("key"), category: try top.optionalString("category"),
                                                text: try top.string("text")))
            case "example":
                return .example(ExampleRecord(id: try top.int("id"), dataset: try top.string("dataset"),
                                              user: try top.string("user"), assistant: try top.string("assistant")))
            case "codebook", "rating": return nil
            default:
                throw LineError(line: lineNumber,
                                problem: "unknown record type \"\(type)\" (expected one of \(typeNames.joined(separator: ", ")))")
            }
        } catch let e as JSONFields.Problem {
            throw LineError(line: lineNumber, problem: "\(type) record: \(e.problem)")
        } catch let e as LineError {
            throw e
        } catch {
            throw LineError(line: lineNumber, problem: "\(type) record: invalid")
        }
    }

    private static func run(_ f: JSONFields) throws(JSONFields.Problem) -> RunRecord {
        var examples: [Int] = []
        if let list = try f.optionalArray("examples") {
            examples.reserveCapacity(list.count)
            for (i, v) in list.enumerated() {
                guard let id = JSONFields.integer(v) else { throw JSONFields.Problem("\"examples[\(i)]\" should be an integer") }
                examples.append(id)
            }
        }
        return RunRecord(
            name: try f.string("name"), model: try f.string("model"), dataset: try f.string("dataset"), k: try f.int("k"),
            reasoning: try f.optionalBool("reasoning") ?? false, instruction: try f.optionalString("instruction") ?? "none",
            systemPrompt: try f.optionalString("system_prompt"), temperature: try f.optionalDouble("temperature"),
            createdAt: try f.optionalString("created_at"), metadata: f.optional("metadata"), examples: examples)
    }

    private static func sample(_ f: JSONFields) throws(JSONFields.Problem) -> SampleRecord {
        var judgments: [JudgmentRecord] = []
        if let list = try f.optionalArray("judgments") {
            judgments.reserveCapacity(list.count)
            for (i, v) in list.enumerated() {
                let j = try JSONFields.of(v, path: "judgments[\(i)]")
                judgments.append(JudgmentRecord(judge: try j.string("judge"), metric: try j.string("metric"),
                                                score: try j.optionalDouble("score"), label: try j.optionalString("label"),
                                                rationale: try j.optionalString("rationale")))
            }
        }
        return SampleRecord(
            run: try f.string("run"), question: try f.string("question"), sampleIndex: try f.optionalInt("sample_index") ?? 0,
            prompt: try f.optionalString("prompt"), reasoning: try f.optionalString("reasoning"), answer: try f.string("answer"),
            metadata: f.optional("metadata"), judgments: judgments)
    }
}
