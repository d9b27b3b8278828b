import EMCore
import EMStore
import Foundation

/// Native JSONL: every line through `JSONLCodec` (fast path), then the whole input through
/// `Store.importJSONL` (pipeline and `RecordWriter`) into a fresh in-memory store. Errors are
/// fine; a crash or a store that fails its integrity check is not.
private let path = NSTemporaryDirectory() + "emscope-fuzz-\(getpid()).jsonl"

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONL(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let buffer = UnsafeBufferPointer(start: data, count: size)
    let codec = JSONLCodec()
    var start = 0, line = 1
    for i in 0...size where i == size || buffer[i] == 0x0A {
        let slice = UnsafeBufferPointer(rebasing: buffer[start..<i])
        if let record = try? codec.decode(utf8: slice, lineNumber: line) {
            // What decodes must encode and decode to the same record.
            if let encoded = try? codec.encode(record) {
                let again = try? codec.decode(Substring(encoded), lineNumber: line)
                precondition(again != nil, "an encoded record does not decode: \(encoded.debugDescription)")
            }
        }
        start = i + 1
        line += 1
    }
    FileManager.default.createFile(atPath: path, contents: Data(buffer))
    guard let store = try? Store.inMemory() else { return 0 }
    _ = try? store.importJSONL(path: path)
    return 0
}
