import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How a child process ended.
struct ChildExit: Equatable, CustomStringConvertible {
    /// The exit code, when the process exited.
    var code: Int32?
    /// The signal that ended it, when it was killed.
    var signal: Int32?

    var succeeded: Bool { code == 0 }
    var description: String { code.map { "exit \($0)" } ?? "signal \(signal ?? 0)" }
}

/// What a short command printed and how it ended.
struct ChildOutput {
    var exit: ChildExit
    var standardOutput: String
    var standardError: String
}

/// Starts programs with `posix_spawn`, for the end-to-end tests.
///
/// Foundation's `Process` is not used on purpose: a forked tmux server would inherit its
/// child-watch descriptor and the blocked signal mask of its worker thread. Here every child
/// starts with an empty signal mask, default dispositions for the usual signals, standard input
/// from /dev/null, and no descriptors but 0, 1 and 2.
enum ChildProcess {
    /// Runs `executable` (an absolute path) to completion and collects its output.
    static func run(_ executable: String, _ arguments: [String], environment: [String: String]) throws -> ChildOutput {
        let stdoutPipe = try makePipe()
        let stderrPipe = try makePipe()
        let pid: pid_t
        do {
            pid = try spawn(executable, arguments, environment: environment,
                            stdout: stdoutPipe.write, stderr: stderrPipe.write)
        } catch {
            for fd in [stdoutPipe.read, stdoutPipe.write, stderrPipe.read, stderrPipe.write] { close(fd) }
            throw error
        }
        close(stdoutPipe.write)
        close(stderrPipe.write)
        let (out, err) = drain(stdoutPipe.read, stderrPipe.read)
        close(stdoutPipe.read)
        close(stderrPipe.read)
        let exit = wait(for: pid)
        return ChildOutput(exit: exit, standardOutput: String(decoding: out, as: UTF8.self),
                           standardError: String(decoding: err, as: UTF8.self))
    }

    /// The absolute path of `name` on PATH (or in the usual install folders), if any.
    static func findExecutable(named name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        var folders = path.split(separator: ":").map(String.init)
        folders += ["/usr/bin", "/bin", "/usr/local/bin", "/opt/homebrew/bin"]
        for folder in folders where !folder.isEmpty {
            let candidate = folder + "/" + name
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }

    // MARK: posix_spawn

    private static let resetSignals: [Int32] = [
        SIGHUP, SIGINT, SIGQUIT, SIGPIPE, SIGALRM, SIGTERM, SIGUSR1, SIGUSR2,
        SIGCHLD, SIGCONT, SIGTSTP, SIGTTIN, SIGTTOU, SIGWINCH,
    ]

    private static func spawn(
        _ executable: String, _ arguments: [String], environment: [String: String],
        stdout: Int32, stderr: Int32
    ) throws -> pid_t {
        #if os(Linux)
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        #else
        var actions: posix_spawn_file_actions_t? = nil
        var attributes: posix_spawnattr_t? = nil
        #endif
        try check(posix_spawn_file_actions_init(&actions), "posix_spawn_file_actions_init")
        defer { posix_spawn_file_actions_destroy(&actions) }
        try check(posix_spawnattr_init(&attributes), "posix_spawnattr_init")
        defer { posix_spawnattr_destroy(&attributes) }

        try check(posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0), "addopen")
        try check(posix_spawn_file_actions_adddup2(&actions, stdout, 1), "adddup2")
        try check(posix_spawn_file_actions_adddup2(&actions, stderr, 2), "adddup2")

        var flags = Int32(POSIX_SPAWN_SETSIGMASK) | Int32(POSIX_SPAWN_SETSIGDEF)
        #if os(Linux)
        try closeInheritedDescriptors(&actions)
        #else
        flags |= Int32(POSIX_SPAWN_CLOEXEC_DEFAULT)
        #endif
        var emptyMask = sigset_t()
        sigemptyset(&emptyMask)
        try check(posix_spawnattr_setsigmask(&attributes, &emptyMask), "setsigmask")
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in resetSignals { sigaddset(&defaults, signal) }
        try check(posix_spawnattr_setsigdefault(&attributes, &defaults), "setsigdefault")
        try check(posix_spawnattr_setflags(&attributes, Int16(flags)), "setflags")

        let argv = ([executable] + arguments).map { strdup($0) }
        let envp = environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") }
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var pid: pid_t = 0
        let status = (argv + [nil]).withUnsafeBufferPointer { argvBuffer in
            (envp + [nil]).withUnsafeBufferPointer { envpBuffer in
                posix_spawn(&pid, executable, &actions, &attributes,
                            argvBuffer.baseAddress!, envpBuffer.baseAddress!)
            }
        }
        try check(status, "posix_spawn \(executable)")
        return pid
    }

    #if os(Linux)
    private typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

    /// Closes every descriptor from 3 up in the child: with glibc's
    /// `posix_spawn_file_actions_addclosefrom_np` (2.34+) when present, otherwise one close
    /// per descriptor open now.
    private static func closeInheritedDescriptors(_ actions: inout posix_spawn_file_actions_t) throws {
        if let library = dlopen(nil, RTLD_NOW),
           let symbol = dlsym(library, "posix_spawn_file_actions_addclosefrom_np") {
            let addCloseFrom = unsafeBitCast(symbol, to: AddCloseFrom.self)
            try check(addCloseFrom(&actions, 3), "addclosefrom_np")
            return
        }
        guard let directory = opendir("/proc/self/fd") else { return }
        let own = dirfd(directory)
        var open: [Int32] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if let fd = Int32(name), fd > 2, fd != own { open.append(fd) }
        }
        closedir(directory)
        for fd in open { try check(posix_spawn_file_actions_addclose(&actions, fd), "addclose") }
    }
    #endif

    // MARK: Pipes and waiting

    private static func makePipe() throws -> (read: Int32, write: Int32) {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { throw ChildProcessError.systemCall("pipe", errno) }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        return (fds[0], fds[1])
    }

    /// Reads both pipes to end of file without letting either fill up.
    private static func drain(_ first: Int32, _ second: Int32) -> ([UInt8], [UInt8]) {
        var outputs: [[UInt8]] = [[], []]
        var open = [true, true]
        let fds = [first, second]
        var buffer = [UInt8](repeating: 0, count: 16_384)
        while open.contains(true) {
            var polls = (0..<2).map { pollfd(fd: open[$0] ? fds[$0] : -1, events: Int16(POLLIN), revents: 0) }
            let ready = poll(&polls, 2, -1)
            if ready < 0 {
                if errno == EINTR { continue }
                break
            }
            for i in 0..<2 where open[i] && polls[i].revents != 0 {
                let count = read(fds[i], &buffer, buffer.count)
                if count > 0 {
                    outputs[i] += buffer[0..<count]
                } else if count == 0 || errno != EINTR {
                    open[i] = false
                }
            }
        }
        return (outputs[0], outputs[1])
    }

    private static func wait(for pid: pid_t) -> ChildExit {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            if errno != EINTR { return ChildExit(code: nil, signal: nil) }
        }
        // The portable encoding behind WIFEXITED/WEXITSTATUS/WTERMSIG.
        let signal = status & 0x7F
        return signal == 0 ? ChildExit(code: (status >> 8) & 0xFF, signal: nil) : ChildExit(code: nil, signal: signal)
    }

    private static func check(_ status: Int32, _ what: String) throws {
        if status != 0 { throw ChildProcessError.systemCall(what, status) }
    }
}

/// A failure to start a child process.
enum ChildProcessError: Error, CustomStringConvertible {
    case systemCall(String, Int32)

    var description: String {
        switch self {
        case let .systemCall(call, code): return "\(call) failed: \(String(cString: strerror(code)))"
        }
    }
}
