import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Drives a program inside a private, headless tmux server, for end-to-end tests: type keys,
/// read the screen, resize, and inspect what tmux saw (title, paste buffers, modes, exit).
///
/// Each session has its own server (`tmux -S <short temp dir>/sock -f /dev/null`), so tests
/// can run in parallel and never touch the user's tmux. The pane stays after the program ends
/// (`remain-on-exit`), so a test can check the screen the program left and how it exited.
/// `set-clipboard` is on, so an OSC 52 clipboard write that leaks through shows up in
/// `pasteBuffers()`. tmux is started with `posix_spawn` (see `ChildProcess`), never `Process`.
final class TmuxSession {
    /// The session name used as the target of every command.
    static let sessionName = "e2e"

    /// The tmux executable, if installed.
    static let tmuxPath: String? = ChildProcess.findExecutable(named: "tmux")
    /// True when tmux is installed; end-to-end tests are skipped (with a reason) otherwise.
    static var isAvailable: Bool { tmuxPath != nil }
    /// Why the end-to-end tests cannot run here, or nil when they can.
    static var unavailableReason: String? {
        isAvailable ? nil : "tmux is not installed (not found on PATH); end-to-end tests need it"
    }

    /// The private folder holding the server socket; removed by `kill()`.
    let directory: String
    /// The server's socket (`-S`), inside `directory`.
    let socketPath: String
    private let tmux: String
    private var killed = false

    /// Starts `binary` with `arguments` in a new detached tmux session of `width`×`height` cells.
    ///
    /// The program sees a small fixed environment (PATH, HOME, USER, TMPDIR; SHELL=/bin/sh;
    /// no LANG, NO_COLOR or TMUX) plus `environment`. TERM is tmux's default terminal
    /// (tmux-256color) unless `environment["TERM"]` names another (e.g. "screen", "linux").
    init(binary: String, arguments: [String] = [], environment: [String: String] = [:],
         width: Int = 80, height: Int = 24) throws {
        guard let tmux = Self.tmuxPath else { throw TmuxError.tmuxMissing }
        self.tmux = tmux
        directory = try Self.makeShortTemporaryDirectory()
        socketPath = directory + "/sock"

        var env: [String: String] = ["SHELL": "/bin/sh"]
        let inherited = ProcessInfo.processInfo.environment
        for key in ["PATH", "HOME", "USER", "LOGNAME", "TMPDIR"] { env[key] = inherited[key] }
        if env["PATH"] == nil { env["PATH"] = "/usr/local/bin:/usr/bin:/bin" }
        env.merge(environment) { _, new in new }

        var commands: [[String]] = [
            ["start-server"],
            ["set-option", "-g", "remain-on-exit", "on"],
            ["set-option", "-s", "set-clipboard", "on"],
            ["set-option", "-g", "history-limit", "0"],
        ]
        if let term = environment["TERM"] { commands.append(["set-option", "-g", "default-terminal", term]) }
        commands.append(["new-session", "-d", "-s", Self.sessionName, "-x", String(width), "-y", String(height),
                         Self.shellCommand(binary, arguments)])
        let arguments = commands.joined(separator: [";"]).map { $0 }
        do {
            let result = try ChildProcess.run(tmux, ["-S", socketPath, "-f", "/dev/null"] + arguments, environment: env)
            guard result.exit.succeeded else {
                throw TmuxError.commandFailed(arguments, result.exit, result.standardError)
            }
        } catch {
            try? FileManager.default.removeItem(atPath: directory)
            throw error
        }
    }

    deinit { kill() }

    // MARK: Input

    /// Sends tmux key names, e.g. `["j", "Down", "C-c", "Escape", "F5", "Enter"]`.
    func sendKeys(_ keys: [String]) throws {
        try run(["send-keys", "-t", Self.sessionName] + keys)
    }

    /// Sends tmux key names (variadic form).
    func sendKeys(_ keys: String...) throws { try sendKeys(keys) }

    /// Types `text` literally (no key-name lookup).
    func sendLiteral(_ text: String) throws {
        try run(["send-keys", "-t", Self.sessionName, "-l", "--", text])
    }

    /// Writes raw bytes to the program's input, e.g. an escape sequence or a mouse report.
    func sendHex(_ bytes: [UInt8]) throws {
        guard !bytes.isEmpty else { return }
        try run(["send-keys", "-t", Self.sessionName, "-H"] + bytes.map { String(format: "%02x", $0) })
    }

    /// A mouse action to report to the program.
    enum MouseAction {
        case click, wheelUp, wheelDown
    }

    /// Reports a mouse action at a 0-based cell, in the encoding the program asked tmux for
    /// (SGR when it enabled mode 1006, X10 `ESC [ M b x y` otherwise). A click is a press and
    /// a release.
    func sendMouse(_ action: MouseAction, x: Int, y: Int) throws {
        let button: Int
        switch action {
        case .click: button = 0
        case .wheelUp: button = 64
        case .wheelDown: button = 65
        }
        if try displayMessage("#{mouse_sgr_flag}") == "1" {
            var text = "\u{1B}[<\(button);\(x + 1);\(y + 1)M"
            if action == .click { text += "\u{1B}[<0;\(x + 1);\(y + 1)m" }
            try sendHex(Array(text.utf8))
        } else {
            let column = UInt8(clamping: 33 + x), row = UInt8(clamping: 33 + y)
            var bytes: [UInt8] = [0x1B, 0x5B, 0x4D, UInt8(32 + button), column, row]
            if action == .click { bytes += [0x1B, 0x5B, 0x4D, 32 + 3, column, row] }
            try sendHex(bytes)
        }
    }

    // MARK: Screen

    /// The visible screen as text lines (trailing spaces trimmed by tmux).
    func capture() throws -> [String] {
        lines(try run(["capture-pane", "-p", "-t", Self.sessionName]))
    }

    /// The visible screen with SGR escape sequences for colours and attributes (`capture-pane -e`).
    func captureWithAttributes() throws -> [String] {
        lines(try run(["capture-pane", "-p", "-e", "-t", Self.sessionName]))
    }

    /// Waits until `predicate` holds on two identical captures ~20 ms apart (so a capture taken
    /// mid-repaint does not count) and returns that screen. Throws `TmuxError.timeout` with the
    /// last screen seen when it does not happen within `timeout`.
    @discardableResult
    func waitFor(timeout: Duration = .seconds(5), _ predicate: ([String]) -> Bool) throws -> [String] {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var screen = try capture()
        while true {
            if predicate(screen) {
                Self.pause()
                let again = try capture()
                if again == screen, predicate(again) { return again }
                screen = again
                continue
            }
            if clock.now >= deadline { throw TmuxError.timeout(screen) }
            Self.pause()
            screen = try capture()
        }
    }

    /// Waits until some line of the screen contains `text`.
    @discardableResult
    func waitFor(text: String, timeout: Duration = .seconds(5)) throws -> [String] {
        try waitFor(timeout: timeout) { $0.contains { $0.contains(text) } }
    }

    /// Resizes the window (the program gets SIGWINCH).
    func resize(width: Int, height: Int) throws {
        try run(["resize-window", "-t", Self.sessionName, "-x", String(width), "-y", String(height)])
    }

    // MARK: What tmux knows

    /// Expands a tmux format for the pane, e.g. `#{alternate_on}` or `#{mouse_any_flag}`.
    func displayMessage(_ format: String) throws -> String {
        let output = try run(["display-message", "-p", "-t", Self.sessionName, format])
        return output.hasSuffix("\n") ? String(output.dropLast()) : output
    }

    /// The pane title (set by OSC 0/2; tmux starts it as the host name).
    func paneTitle() throws -> String { try displayMessage("#{pane_title}") }

    /// tmux's paste buffers (`list-buffers`), one line each; a clipboard write reaching tmux
    /// through OSC 52 would add one.
    func pasteBuffers() throws -> [String] { lines(try run(["list-buffers"])) }

    /// True while the program runs (the server is up and the pane is not dead).
    var isAlive: Bool { (try? displayMessage("#{pane_dead}")) == "0" }

    /// The process id of the program (the pane's process).
    func processID() throws -> pid_t? { pid_t(try displayMessage("#{pane_pid}")) }

    /// How the program ended, or nil while it runs.
    ///
    /// tmux marks the pane dead when the pty closes and learns the status when it reaps the
    /// child on SIGCHLD. tmux 3.3a sometimes misses that SIGCHLD while clients keep connecting
    /// (as `waitFor` does), leaving a zombie and no status; a dead pane without a status gets
    /// the server nudged with SIGCHLD, which only makes it call `waitpid` again.
    func exitStatus() throws -> ChildExit? {
        let fields = try displayMessage("#{pane_dead}|#{pane_dead_status}|#{pane_dead_signal}|#{pid}")
            .split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        guard fields.count == 4, fields[0] == "1" else { return nil }
        if let code = Int32(fields[1]) { return ChildExit(code: code, signal: nil) }
        if let signal = Int32(fields[2]) { return ChildExit(code: nil, signal: signal) }
        if let server = pid_t(fields[3]), server > 1 { sendSignal(SIGCHLD, to: server) }
        return nil
    }

    /// Waits until the program has ended and returns how.
    @discardableResult
    func waitForExit(timeout: Duration = .seconds(5)) throws -> ChildExit {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while clock.now < deadline {
            if let status = try exitStatus() { return status }
            Self.pause()
        }
        throw TmuxError.timeout(try capture())
    }

    /// Stops the server (and with it the program) and deletes the temporary folder.
    /// Called by deinit; safe to call more than once.
    func kill() {
        guard !killed else { return }
        killed = true
        _ = try? ChildProcess.run(tmux, ["-S", socketPath, "kill-server"], environment: [:])
        try? FileManager.default.removeItem(atPath: directory)
    }

    // MARK: Helpers

    @discardableResult
    private func run(_ arguments: [String]) throws -> String {
        let result = try ChildProcess.run(tmux, ["-S", socketPath] + arguments, environment: [:])
        guard result.exit.succeeded else { throw TmuxError.commandFailed(arguments, result.exit, result.standardError) }
        return result.standardOutput
    }

    private func lines(_ output: String) -> [String] {
        var lines = output.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    private static func pause() { usleep(20_000) }

    /// `exec 'binary' 'arg' …` for the pane's shell, each word single-quoted.
    static func shellCommand(_ binary: String, _ arguments: [String]) -> String {
        (["exec", binary] + arguments).enumerated().map { index, word in
            index == 0 ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
        }.joined(separator: " ")
    }

    /// A new folder whose socket path stays well under the ~104-byte limit of Unix sockets.
    private static func makeShortTemporaryDirectory() throws -> String {
        var base = ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp"
        while base.count > 1, base.hasSuffix("/") { base.removeLast() }
        if base.utf8.count > 60 { base = "/tmp" }
        var template = Array((base + "/emtx.XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else { throw ChildProcessError.systemCall("mkdtemp", errno) }
        return String(cString: made)
    }
}

/// `kill(2)`, under a name that `TmuxSession.kill()` does not shadow.
private func sendSignal(_ signal: Int32, to process: pid_t) {
    _ = kill(process, signal)
}

/// What went wrong while driving tmux.
enum TmuxError: Error, CustomStringConvertible {
    case tmuxMissing
    case commandFailed([String], ChildExit, String)
    /// A wait ran out; carries the last screen seen.
    case timeout([String])

    var description: String {
        switch self {
        case .tmuxMissing:
            return "tmux is not installed"
        case let .commandFailed(arguments, exit, error):
            return "tmux \(arguments.joined(separator: " ")) failed (\(exit)): \(error)"
        case let .timeout(screen):
            return "timed out; last screen:\n" + screen.joined(separator: "\n")
        }
    }
}

/// Finds executables built by SwiftPM next to the tests, e.g. `emscope`.
enum BuiltProduct {
    /// The path of the executable product `name`. Looks, in order: in `$EMSCOPE_PRODUCTS_DIR`,
    /// beside the running test binary (SwiftPM puts tests and products in one folder), and in
    /// `<package root>/.build/debug/`. Throws, listing the places tried, when none has it —
    /// a missing binary is a failure, not a reason to skip.
    static func path(of name: String, filePath: String = #filePath) throws -> String {
        var folders: [String] = []
        if let folder = ProcessInfo.processInfo.environment["EMSCOPE_PRODUCTS_DIR"] { folders.append(folder) }
        if let executable = Bundle.main.executableURL {
            folders.append(executable.resolvingSymlinksInPath().deletingLastPathComponent().path)
        }
        for bundle in Bundle.allBundles where bundle.bundleURL.pathExtension == "xctest" {
            folders.append(bundle.bundleURL.deletingLastPathComponent().path)
        }
        // …/Tests/EndToEndTests/TmuxDriver.swift → package root.
        let root = URL(fileURLWithPath: filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        folders.append(root.appendingPathComponent(".build/debug").path)
        for folder in folders {
            let candidate = folder + "/" + name
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue,
               access(candidate, X_OK) == 0 {
                return candidate
            }
        }
        throw BuiltProductError.notFound(name, folders)
    }
}

/// The built executable could not be found.
enum BuiltProductError: Error, CustomStringConvertible {
    case notFound(String, [String])

    var description: String {
        switch self {
        case let .notFound(name, folders):
            return "no built '\(name)' in: \(folders.joined(separator: ", ")) (run `swift build` first)"
        }
    }
}
