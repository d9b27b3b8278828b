import EMCodebookFile
import EMCore

/// Codebook files, as YAML and as JSON: a codebook or one-line problems, never a crash; an
/// accepted codebook passes the codebook rules.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCodebook(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    for format in [CodebookFile.Format.yaml, .json] {
        do {
            let codebook = try CodebookFile.parse(text, format: format, file: "fuzz")
            precondition(codebook.problems().isEmpty, "an accepted codebook breaks the rules: \(codebook.problems())")
        } catch {
            let message = "\(error)"
            precondition(!message.isEmpty, "an empty problem")
        }
    }
    return 0
}
