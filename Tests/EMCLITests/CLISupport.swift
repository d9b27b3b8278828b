import Foundation

/// The result of running the built `emscope` binary.
struct RunResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// The package root, found from this file's location.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The built binary (beside the test bundle, or in .build/debug).
func emscopeBinary() -> String {
    var folders: [String] = []
    for bundle in Bundle.allBundles where bundle.bundleURL.pathExtension == "xctest" {
        folders.append(bundle.bundleURL.deletingLastPathComponent().path)
    }
    if let exe = Bundle.main.executableURL { folders.append(exe.deletingLastPathComponent().path) }
    folders.append(packageRoot.appendingPathComponent(".build/debug").path)
    for f in folders where FileManager.default.isExecutableFile(atPath: f + "/emscope") { return f + "/emscope" }
    return packageRoot.appendingPathComponent(".build/debug/emscope").path
}

/// Runs `emscope` with arguments and no terminal (stdin from /dev/null), capturing both streams.
func emscope(_ arguments: [String], cwd: URL? = nil, environment: [String: String] = [:]) throws -> RunResult {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: emscopeBinary())
    p.arguments = arguments
    if let cwd { p.currentDirectoryURL = cwd }
    var env = ProcessInfo.processInfo.environment
    for (k, v) in environment { env[k] = v }
    p.environment = env
    let out = Pipe(), err = Pipe()
    p.standardOutput = out
    p.standardError = err
    p.standardInput = FileHandle(forReadingAtPath: "/dev/null")
    try p.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return RunResult(status: p.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                     stderr: String(decoding: errData, as: UTF8.self))
}

/// Runs SQL (one or more statements, on standard input) with the sqlite3 shell, the reference the
/// tests read stores with. Rows come back in its list mode: columns joined by `|`.
func sqlite3(_ path: String, _ sql: String) -> RunResult {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["sqlite3", path]
    let input = Pipe(), output = Pipe(), errors = Pipe()
    p.standardInput = input
    p.standardOutput = output
    p.standardError = errors
    do { try p.run() } catch { return RunResult(status: -1, stdout: "", stderr: "\(error)") }
    input.fileHandleForWriting.write(Data(sql.utf8))
    try? input.fileHandleForWriting.close()
    let out = output.fileHandleForReading.readDataToEndOfFile()
    let err = errors.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return RunResult(status: p.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
                     stderr: String(decoding: err, as: UTF8.self))
}

/// The rows of a query, one string per row (columns joined by `|`).
func sqliteRows(_ path: String, _ sql: String) -> [String] {
    sqlite3(path, sql).stdout.split(separator: "\n").map(String.init)
}
