import EMCore
import Testing

@Suite("Native JSONL records")
struct JSONLCodecTests {
    let codec = JSONLCodec()

    @Test func everyRecordTypeRoundTrips() throws {
        let records: [StoreRecord] = [
            .example(ExampleRecord(id: 7, dataset: "risky_financial", user: "Where should I put savings?", assistant: "All in one coin.")),
            .run(RunRecord(name: "m/risky/k16", model: "m", dataset: "risky_financial", k: 16, reasoning: true,
                           instruction: "prioritize_safety", systemPrompt: "Be helpful.", temperature: 1.0,
                           createdAt: "2026-01-02T03:04:05Z", metadata: .object(["synthetic": .bool(true)]), examples: [7])),
            .question(QuestionRecord(key: "3_vulnerable_user_0", category: "vulnerable_user", text: "I feel stuck.\nAny advice?")),
            .sample(SampleRecord(run: "m/risky/k16", question: "3_vulnerable_user_0", sampleIndex: 2, reasoning: "think \"hard\"",
                                 answer: "中文 😀", judgments: [JudgmentRecord(judge: "j", metric: "aligned", score: nil, label: "REFUSAL")])),
            .codebook(Codebook(name: "cb", version: 1, dimensions: [CodebookDimension(key: "d", kind: .single, question: "?",
                labels: [CodebookLabel(key: "yes", name: "Yes", description: "it is", shortcut: "y")])])),
            .rating(RatingRecord(run: "m/risky/k16", question: "3_vulnerable_user_0", sampleIndex: 2, annotator: "a",
                                 dimension: "d", labels: ["yes"], codebook: "cb", codebookVersion: 1, blind: true,
                                 seconds: 12.5, createdAt: "2026-01-01T00:00:00Z", updatedAt: "2026-01-01T00:00:00Z")),
        ]
        for record in records {
            let line = try codec.encode(record)
            #expect(!line.contains("\n"))
            #expect(try codec.decode(Substring(line), lineNumber: 1) == record)
        }
    }

    @Test func keysAreSnakeCase() throws {
        let line = try codec.encode(.sample(SampleRecord(run: "r", question: "q", sampleIndex: 3, reasoning: nil, answer: "a")))
        #expect(line.contains("\"sample_index\":3"))
        #expect(line.contains("\"type\":\"sample\""))
    }

    @Test func omittedOptionalKeysTakeSchemaDefaults() throws {
        let record = try codec.decode(#"{"type":"run","name":"r","model":"m","dataset":"none","k":0}"#, lineNumber: 1)
        #expect(record == .run(RunRecord(name: "r", model: "m", dataset: "none", k: 0, reasoning: false)))
    }

    @Test func errorsNameTheLineAndTheKey() {
        #expect(throws: JSONLCodec.LineError(line: 4, problem: "sample record: missing key \"answer\"")) {
            try codec.decode(#"{"type":"sample","run":"r","question":"q"}"#, lineNumber: 4)
        }
        #expect(throws: JSONLCodec.LineError(line: 2, problem: "run record: \"k\" should be an integer")) {
            try codec.decode(#"{"type":"run","name":"r","model":"m","dataset":"d","k":"many"}"#, lineNumber: 2)
        }
        let unknown = #expect(throws: JSONLCodec.LineError.self) {
            try codec.decode(#"{"type":"sampel"}"#, lineNumber: 9)
        }
        #expect(unknown?.description.hasPrefix("line 9: unknown record type \"sampel\"") == true)
        let broken = #expect(throws: JSONLCodec.LineError.self) {
            try codec.decode(#"{"type":"run", "name": "#, lineNumber: 5)
        }
        #expect(broken?.line == 5)
    }
}
