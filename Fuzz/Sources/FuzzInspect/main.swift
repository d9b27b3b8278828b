import EMImport
import EMStore
import Foundation

/// Inspect AI logs: the input as a `.json` log and, when it looks like a zip, as an `.eval`
/// archive, imported into a fresh in-memory store.
private let base = NSTemporaryDirectory() + "emscope-fuzz-\(getpid())"

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzInspect(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Data(UnsafeBufferPointer(start: data, count: size))
    let path = base + (bytes.starts(with: [0x50, 0x4B]) ? ".eval" : ".json")
    FileManager.default.createFile(atPath: path, contents: bytes)
    guard let store = try? Store.inMemory() else { return 0 }
    _ = try? InspectImporter.importFile(path, into: store, options: RunOptions())
    return 0
}
