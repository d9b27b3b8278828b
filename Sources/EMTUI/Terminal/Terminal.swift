/// The small protocol between the runtime and a screen. Two implementations: curses
/// (`EMCurses.CursesTerminal`) and `MemoryTerminal` for tests and benchmarks.
/// The runtime is handed a terminal; it never creates one.
public protocol Terminal: AnyObject {
    /// The current size in cells.
    var size: Size { get }
    /// Draws a whole frame. The buffer has the terminal's current size.
    func draw(_ buffer: CellBuffer)
    /// Waits up to `timeoutMilliseconds` (negative = forever) for the next input event.
    func nextEvent(timeoutMilliseconds: Int) -> InputEvent?
    /// Gives the terminal back to the shell (Ctrl-Z) until `resume()`.
    func suspend()
    /// Takes the terminal again after `suspend()` and forces a full redraw.
    func resume()
}

/// An in-memory terminal: records frames and replays scripted input. Used by tests and `emscope bench`.
public final class MemoryTerminal: Terminal {
    public private(set) var size: Size
    /// The last frame drawn.
    public private(set) var lastFrame: CellBuffer?
    /// How many frames were drawn.
    public private(set) var frameCount = 0
    private var pending: [InputEvent] = []

    public init(size: Size) { self.size = size }

    /// Queues input events to be returned by `nextEvent`.
    public func enqueue(_ events: [InputEvent]) { pending.append(contentsOf: events) }

    /// Changes the size and queues the resize event, as a real terminal would.
    public func resize(to newSize: Size) {
        size = newSize
        pending.append(.resize(newSize))
    }

    public func draw(_ buffer: CellBuffer) {
        lastFrame = buffer
        frameCount += 1
    }

    public func nextEvent(timeoutMilliseconds: Int) -> InputEvent? {
        pending.isEmpty ? nil : pending.removeFirst()
    }

    public func suspend() {}
    public func resume() {}
}
