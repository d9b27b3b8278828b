import EMImport
import EMStore
import Foundation

/// The EM evaluation CSV, imported into a fresh in-memory store (the condition comes from the
/// file name).
private let path = NSTemporaryDirectory() + "emscope-fuzz-\(getpid())-model__insecure__k8__cot.csv"

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEMCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    FileManager.default.createFile(atPath: path, contents: Data(UnsafeBufferPointer(start: data, count: size)))
    guard let store = try? Store.inMemory() else { return 0 }
    _ = try? EMCSVImporter.importFile(path, into: store, options: EMCSVImporter.conditionFromFileName(path))
    return 0
}
