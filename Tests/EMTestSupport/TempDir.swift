import Foundation

/// A fresh temporary directory for one test, removed when the value is released.
public final class TempDir {
    public let url: URL

    public init() {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("emscope-test-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// A path inside the directory.
    public func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Writes text to a file inside the directory and returns its path.
    @discardableResult
    public func write(_ name: String, _ text: String) -> String {
        let p = path(name)
        try? text.write(toFile: p, atomically: true, encoding: .utf8)
        return p
    }
}
