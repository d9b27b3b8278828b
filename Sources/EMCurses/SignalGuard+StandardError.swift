#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Holding back standard error while curses owns the screen.
extension SignalGuard {
    /// Points standard error at an unlinked temporary file while curses owns the screen, so
    /// that nothing written there (a runtime warning, a `fatalError` message, a library's log
    /// line) lands in the middle of a frame. Only when standard error is the terminal.
    static func beginErrorCapture() {
        let state = shared
        guard state.pointee.capturedErrorDescriptor < 0, isatty(STDERR_FILENO) == 1 else { return }
        let folder = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
        var template = Array((folder + "/emscope-stderr.XXXXXX").utf8CString)
        let file = mkstemp(&template)
        guard file >= 0 else { return }
        unlink(template)
        let original = dup(STDERR_FILENO)
        guard original >= 0, dup2(file, STDERR_FILENO) >= 0 else {
            close(file)
            if original >= 0 { close(original) }
            return
        }
        state.pointee.originalErrorDescriptor = original
        state.pointee.capturedErrorDescriptor = file
    }

    /// Gives standard error back and copies to it whatever was captured. Async-signal-safe
    /// (`dup2`, `lseek`, `read`, `write`, `close`), so the crash path uses it too.
    static func endErrorCapture() {
        let state = shared
        let file = state.pointee.capturedErrorDescriptor
        let original = state.pointee.originalErrorDescriptor
        guard file >= 0, original >= 0 else { return }
        state.pointee.capturedErrorDescriptor = -1
        state.pointee.originalErrorDescriptor = -1
        _ = dup2(original, STDERR_FILENO)
        close(original)
        if lseek(file, 0, SEEK_SET) == 0 {
            while true {
                let count = read(file, copyBuffer, copyBufferCapacity)
                guard count > 0 else { break }
                var written = 0
                while written < count {
                    let result = write(STDERR_FILENO, copyBuffer + written, count - written)
                    guard result > 0 else { break }
                    written += result
                }
                if written < count { break }
            }
        }
        close(file)
    }
}
