import Foundation

/// The package root, found from this file's location.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// Runs a shell command (the sqlite3 CLI, chmod) and returns its exit status.
@discardableResult
func shell(_ command: String, stdin: String? = nil) -> Int32 {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/bin/sh")
    p.arguments = ["-c", command]
    if let stdin {
        let pipe = Pipe()
        p.standardInput = pipe
        try? p.run()
        pipe.fileHandleForWriting.write(Data(stdin.utf8))
        try? pipe.fileHandleForWriting.close()
    } else {
        try? p.run()
    }
    p.waitUntilExit()
    return p.terminationStatus
}
