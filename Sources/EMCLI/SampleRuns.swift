import EMStore
import Foundation

/// The bundled synthetic sample runs: committed as text (sample-runs/study.jsonl) and built
/// into sample-runs/demo.sqlite on first use.
enum SampleRuns {
    static let jsonlName = "study.jsonl"
    static let storeName = "demo.sqlite"

    /// The sample-runs folder: under the current directory, else beside the package sources
    /// this binary was built from.
    static func folder() throws -> URL {
        let fm = FileManager.default
        let here = URL(fileURLWithPath: fm.currentDirectoryPath).appendingPathComponent("sample-runs")
        if fm.fileExists(atPath: here.appendingPathComponent(jsonlName).path) { return here }
        let built = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("sample-runs")
        if fm.fileExists(atPath: built.appendingPathComponent(jsonlName).path) { return built }
        throw CLIError("sample-runs/\(jsonlName): not found — run emscope from the emscope folder, or name a store: emscope STORE")
    }

    /// The demo store's path, (re)building it when it is missing or older than the committed text.
    /// It is built under a temporary name and renamed, so a half-built store never exists.
    static func ensureDemoStore() throws -> String {
        let dir = try folder()
        let jsonl = dir.appendingPathComponent(jsonlName).path
        let store = dir.appendingPathComponent(storeName).path
        let fm = FileManager.default
        func modified(_ p: String) -> Date? { (try? fm.attributesOfItem(atPath: p))?[.modificationDate] as? Date }
        if let s = modified(store), let j = modified(jsonl), s >= j { return store }
        let temp = dir.appendingPathComponent(".\(storeName).building-\(getpid())").path
        defer {
            for suffix in ["", "-wal", "-shm"] { try? fm.removeItem(atPath: temp + suffix) }
        }
        if isatty(2) != 0 {
            FileHandle.standardError.write(Data("building the sample runs (\(storeName)) from \(jsonlName)…\n".utf8))
        }
        do {
            let s = try Store.createForBulkLoad(temp)
            _ = try s.importJSONL(path: jsonl)
            try s.close()
        }
        for suffix in ["", "-wal", "-shm"] { try? fm.removeItem(atPath: store + suffix) }
        do {
            try fm.moveItem(atPath: temp, toPath: store)
        } catch {
            throw CLIError("\(store): could not be written (\(error.localizedDescription)) — check the folder is writable")
        }
        return store
    }
}
