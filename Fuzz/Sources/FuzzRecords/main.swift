import EMImport
import EMStore
import Foundation

/// Mapped records: the first line of the input is a mapping file (`field = path` lines
/// separated by `;`), the rest the records (JSONL or a JSON array), imported into a fresh
/// in-memory store.
private let path = NSTemporaryDirectory() + "emscope-fuzz-\(getpid())-records.jsonl"

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRecords(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let split = bytes.firstIndex(of: 0x0A) ?? bytes.count
    let mappingText = String(decoding: bytes[..<split], as: UTF8.self).replacingOccurrences(of: ";", with: "\n")
    let mapping = (try? RecordMapping.parse(file: mappingText, name: "fuzz.map")) ?? RecordMapping()
    FileManager.default.createFile(atPath: path, contents: Data(bytes[min(split + 1, bytes.count)...]))
    guard let store = try? Store.inMemory() else { return 0 }
    _ = try? RecordsImporter.importFile(path, into: store, mapping: mapping,
                                        options: RunOptions(model: "m", dataset: "d", k: 0, reasoning: false))
    return 0
}
