import Foundation

/// Reads a file line by line in fixed-size chunks, so a multi-gigabyte JSONL file is never
/// held in memory at once. Lines are split on `\n`; a trailing `\r` is dropped.
public struct LineReader: Sequence {
    let handle: FileHandle
    let chunkSize: Int
    let prefix: [UInt8]

    /// Opens a file for line reading; nil when it cannot be opened.
    public init?(path: String, chunkSize: Int = 1 << 20) {
        guard let h = FileHandle(forReadingAtPath: path) else { return nil }
        handle = h
        self.chunkSize = chunkSize
        prefix = []
    }

    /// Lines of `prefix` (bytes already read from `handle`, e.g. to look at the start of a pipe)
    /// followed by the rest of `handle`.
    public init(handle: FileHandle, prefix: [UInt8], chunkSize: Int = 1 << 20) {
        self.handle = handle
        self.chunkSize = chunkSize
        self.prefix = prefix
    }

    public func makeIterator() -> Iterator { Iterator(handle: handle, chunkSize: chunkSize, buffer: prefix) }

    /// Yields each line as raw bytes (invalid UTF-8 is the caller's to judge).
    public struct Iterator: IteratorProtocol {
        let handle: FileHandle
        let chunkSize: Int
        var buffer: [UInt8]
        var start = 0
        var eof = false

        public mutating func next() -> [UInt8]? {
            while true {
                let found: Int? = buffer.withUnsafeBufferPointer { b -> Int? in
                    guard start < b.count, let base = b.baseAddress,
                          let hit = memchr(base + start, 0x0A, b.count - start) else { return nil }
                    return UnsafePointer(hit.assumingMemoryBound(to: UInt8.self)) - base
                }
                if let nl = found {
                    var end = nl
                    if end > start, buffer[end - 1] == 0x0D { end -= 1 }
                    let line = Array(buffer[start..<end]) // one copy per line
                    start = nl + 1
                    return line
                }
                if eof {
                    guard start < buffer.count else { return nil }
                    var line = Array(buffer[start...])
                    if line.last == 0x0D { line.removeLast() }
                    start = buffer.count
                    return line
                }
                let chunk = (try? handle.read(upToCount: chunkSize)) ?? Data()
                if chunk.isEmpty {
                    eof = true
                } else {
                    buffer.removeFirst(start)
                    start = 0
                    buffer.append(contentsOf: chunk)
                }
            }
        }
    }
}
