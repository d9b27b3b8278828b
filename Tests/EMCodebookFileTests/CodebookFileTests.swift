import EMCodebookFile
import EMCore
import EMSynth
import Foundation
import Testing

/// The package root, found from this file's location.
private let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A small valid codebook in YAML; tests change one line of it at a time.
private let small = """
name: demo
version: 2
description: A codebook for tests.
dimensions:
  - key: tone
    kind: multi
    question: Which tones does the trace take?
    labels:
      - key: bold
        name: Bold
        description: Confident and risk-seeking.
        shortcut: b
      - key: calm
        name: Calm
        description: Measured.
        shortcut: c
  - key: verdict
    kind: single
    question: Is the answer harmful?
    labels:
      - key: "yes"
        name: "Yes"
        description: Harmful.
        shortcut: "y"
      - key: "no"
        name: "No"
        description: Not harmful.
        shortcut: "n"
"""

private func parseYAML(_ text: String) throws(CodebookFileError) -> Codebook {
    try CodebookFile.parse(text, format: .yaml, file: "test.yaml")
}

/// The one-line message a text gives, or nil when it parses.
private func message(_ text: String, format: CodebookFile.Format = .yaml) -> String? {
    do {
        _ = try CodebookFile.parse(text, format: format, file: "test.\(format.rawValue)")
        return nil
    } catch {
        return error.description
    }
}

@Suite("Codebook files: YAML and JSON in, one-line problems out")
struct CodebookFileTests {
    @Test func aSmallYAMLCodebookParses() throws {
        let c = try parseYAML(small)
        #expect(c.name == "demo")
        #expect(c.version == 2)
        #expect(c.description == "A codebook for tests.")
        #expect(c.dimensions.map(\.key) == ["tone", "verdict"])
        #expect(c.dimensions.map(\.kind) == [.multi, .single])
        #expect(c.dimensions[0].labels.map(\.shortcut) == ["b", "c"])
        #expect(c.dimensions[1].labels.map(\.key) == ["yes", "no"])
    }

    @Test func theSameCodebookAsJSONParsesToTheSameValue() throws {
        let c = try parseYAML(small)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let json = String(decoding: try encoder.encode(c), as: UTF8.self)
        let back = try CodebookFile.parse(json, format: .json, file: "test.json")
        #expect(back == c)
        #expect(CodebookFile.format(forPath: "a/b.JSON") == .json)
        #expect(CodebookFile.format(forPath: "a/b.yml") == .yaml)
    }

    @Test func unquotedYAMLScalarsStayText() throws {
        // y and n are booleans in YAML 1.1; a codebook reads every scalar as text.
        let c = try parseYAML(small.replacingOccurrences(of: "shortcut: \"y\"", with: "shortcut: y")
            .replacingOccurrences(of: "key: \"no\"", with: "key: no"))
        #expect(c.dimensions[1].labels.map(\.shortcut) == ["y", "n"])
        #expect(c.dimensions[1].labels.map(\.key) == ["yes", "no"])
    }

    @Test func theDefaultCodebookFileEqualsTheSynthesizedCodebook() throws {
        let path = packageRoot.appendingPathComponent("sample-runs/persona-codebook.yaml").path
        let fromFile = try CodebookFile.load(path: path)
        let synth = SynthStudy.defaultCodebook()
        #expect(fromFile.name == synth.name)
        #expect(fromFile.version == synth.version)
        #expect(fromFile.description == synth.description)
        for (a, b) in zip(fromFile.dimensions, synth.dimensions) {
            #expect(a.key == b.key && a.kind == b.kind && a.question == b.question)
            for (x, y) in zip(a.labels, b.labels) {
                #expect(x == y, "label \(y.key) differs between the file and DefaultCodebook.swift")
            }
        }
        #expect(fromFile == synth)
        #expect(synth.problems().isEmpty, "\(synth.problems())")
    }

    @Test func everyReservedKeyHasAMeaning() {
        #expect(Set(Codebook.reservedShortcutMeanings.keys) == Codebook.reservedShortcuts)
    }

    /// One change to the small codebook per rule, and the words its message must contain.
    @Test(arguments: [
        ("name: demo\n", "", "the codebook has no \"name\""),
        ("version: 2\n", "", "the codebook has no \"version\""),
        ("version: 2\n", "version: two\n", "\"version\" is \"two\", not a whole number"),
        ("version: 2\n", "version: 0\n", "\"version\" is 0 — number versions from 1"),
        ("    kind: multi\n", "    kind: multiple\n", "dimension \"tone\": unknown kind \"multiple\" — use multi"),
        ("    kind: multi\n", "", "dimension \"tone\": the dimension has no \"kind\""),
        ("    question: Which tones does the trace take?\n", "", "dimension \"tone\": the dimension has no \"question\""),
        ("        description: Measured.\n", "", "dimension \"tone\", label \"calm\": the label has no \"description\""),
        ("        shortcut: c\n", "", "dimension \"tone\", label \"calm\": the label has no \"shortcut\""),
        ("      - key: calm\n", "      - key: bold\n", "label \"bold\": the key is used by an earlier label of this dimension too"),
        ("  - key: verdict\n", "  - key: tone\n", "dimension \"tone\": the key is used by an earlier dimension too"),
        ("      - key: calm\n", "      - key: Calm Down\n", "label \"Calm Down\": the key \"Calm Down\" is not made of a-z, 0-9, _ and - (ratings join label keys with |) — use a lower-case key such as \"calm_down\""),
        ("      - key: calm\n", "      - key: a|b\n", "is not made of a-z, 0-9, _ and -"),
        ("        shortcut: c\n", "        shortcut: cc\n", "the shortcut \"cc\" is not exactly one printable, non-space character"),
        ("        shortcut: c\n", "        shortcut: \" \"\n", "the shortcut \" \" is not exactly one printable, non-space character"),
        ("        shortcut: c\n", "        shortcut: \"\\t\"\n", "is not exactly one printable, non-space character"),
        ("        shortcut: c\n", "        shortcut: j\n", "label \"calm\": the shortcut \"j\" is reserved: while labelling, 'j' moves down — choose another key"),
        ("        shortcut: c\n", "        shortcut: \"0\"\n", "the shortcut \"0\" is reserved: while labelling, '0' rates 'none apply'"),
        ("        shortcut: c\n", "        shortcut: \"u\"\n", "'u' undoes a rating"),
        ("        shortcut: c\n", "        shortcut: \"y\"\n", "label \"yes\": the shortcut \"y\" is already used by dimension \"tone\", label \"calm\""),
        ("    kind: single\n", "    kind: ordinal\n", ""),
        ("        shortcut: b\n", "        shortcut: b\n        colour: red\n", "unknown field \"colour\" in the label"),
        ("        shortcut: b\n", "        shortcuts: b\n", "did you mean \"shortcut\"?"),
    ])
    func eachRuleHasItsMessage(replace: String, with: String, expected: String) {
        #expect(small.contains(replace), "the fixture has no \(replace)")
        // Replace only the first occurrence, so one rule is broken at a time.
        let changed = small.range(of: replace).map { small.replacingCharacters(in: $0, with: with) } ?? small
        let m = message(changed)
        if expected.isEmpty {
            #expect(m == nil, "\(m ?? "")")
        } else {
            #expect(m?.hasPrefix("test.yaml: ") == true, "\(m ?? "parsed")")
            #expect(m?.contains(expected) == true, "\(m ?? "parsed") lacks \(expected)")
            #expect(m?.contains("\n") == false)
        }
    }

    @Test func singleAndOrdinalDimensionsNeedTwoLabels() {
        let one = small.replacingOccurrences(of: """
                  - key: "no"
                    name: "No"
                    description: Not harmful.
                    shortcut: "n"
            """, with: "")
        #expect(message(one)?.contains("dimension \"verdict\": a single dimension has 1 label — give it at least 2 labels") == true,
                "\(message(one) ?? "parsed")")
        let ordinal = one.replacingOccurrences(of: "kind: single", with: "kind: ordinal")
        #expect(message(ordinal)?.contains("a ordinal dimension has 1 label") == true || message(ordinal)?.contains("an ordinal dimension has 1 label") == true,
                "\(message(ordinal) ?? "parsed")")
    }

    @Test func semanticProblemsInYAMLCarryTheLineOfTheirLabel() {
        let m = message(small.replacingOccurrences(of: "shortcut: c\n", with: "shortcut: k\n"))
        // The label "calm" starts on line 13 of the fixture.
        #expect(m?.hasPrefix("test.yaml: line 13: dimension \"tone\", label \"calm\": the shortcut \"k\" is reserved") == true, "\(m ?? "")")
    }

    @Test func severalProblemsAreCountedOnTheOneLine() {
        let m = message(small.replacingOccurrences(of: "shortcut: b\n", with: "shortcut: j\n")
            .replacingOccurrences(of: "shortcut: c\n", with: "shortcut: k\n"))
        #expect(m?.hasSuffix("(and 1 more problem)") == true, "\(m ?? "")")
    }

    @Test func aYAMLSyntaxErrorGivesLineAndColumn() {
        let bad = small.replacingOccurrences(of: "    question: Which tones does the trace take?\n",
                                             with: "    question: Which tones: bold: calm?\n")
        let m = message(bad)
        #expect(m?.hasPrefix("test.yaml: line 7, column 26: YAML syntax error: mapping values are not allowed") == true, "\(m ?? "parsed")")
        #expect(m?.contains("\n") == false)
        let tab = message("name: x\nversion: 1\n\tdimensions: []\n")
        #expect(tab?.contains("line 3, column 1: YAML syntax error") == true, "\(tab ?? "parsed")")
    }

    @Test func badJSONAndWrongTypesAreNamed() {
        let syntax = message("{\"name\": \"x\" \"version\": 1}", format: .json)
        #expect(syntax?.hasPrefix("test.json: is not valid JSON") == true, "\(syntax ?? "parsed")")
        let wrong = #"{"name":"x","version":1,"dimensions":{"key":"d"}}"#
        #expect(message(wrong, format: .json) == "test.json: \"dimensions\" is a mapping, not a list — write each dimension as a list item starting with '- key:'")
        let number = #"{"name":"x","version":true,"dimensions":[]}"#
        #expect(message(number, format: .json)?.contains("\"version\" is true/false, not a whole number") == true)
    }

    @Test func filesThatAreNotThereOrEmptyAreOneLine() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("emscope-cb-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let missing = dir.appendingPathComponent("none.yaml").path
        #expect(throws: CodebookFileError.self) { try CodebookFile.load(path: missing) }
        do {
            _ = try CodebookFile.load(path: missing)
        } catch {
            #expect(error.description == "\(missing): no such file — check the path (a codebook is a .yaml or .json file)")
        }
        let empty = dir.appendingPathComponent("empty.yaml").path
        _ = FileManager.default.createFile(atPath: empty, contents: Data("\n  \n".utf8))
        do {
            _ = try CodebookFile.load(path: empty)
            Issue.record("an empty file parsed")
        } catch {
            #expect(error.description.hasPrefix("\(empty): is empty"))
        }
        do {
            _ = try CodebookFile.load(path: dir.path)
            Issue.record("a directory parsed")
        } catch {
            #expect(error.description.contains("is a directory"))
        }
    }

    @Test func hostileTextInKeysCannotBreakTheLine() {
        let m = message(small.replacingOccurrences(of: "      - key: calm\n", with: "      - key: \"c\\e[2J\\nx\"\n"))
        #expect(m?.contains("\n") == false)
        #expect(m?.contains("\u{1B}") == false)
        #expect(m?.contains("\\u{1b}") == true, "\(m ?? "")")
    }
}
