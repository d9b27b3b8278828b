import Foundation

/// Runs an import as two stages on two threads: a producer that reads and decodes the input into
/// items, and the caller's thread that writes them to the store. Decoding and SQLite then overlap
/// instead of taking turns, which is most of what makes an import fast on a machine with two cores.
///
/// Items arrive in order, in batches through a bounded queue (the producer never runs more than
/// a few batches ahead, so memory stays flat). The first error wins in input order: an error the
/// producer hits is delivered after every item it emitted before it; an error in `consume` stops
/// the producer. The producer thread has always finished when `run` returns.
public enum ImportPipeline {
    /// Items per batch and batches in flight.
    static let batchSize = 256
    static let maxBatchesAhead = 8

    /// `produce` is called on a separate thread with an `emit` function; `emit` returns false once
    /// the consumer has stopped, and the producer should then return. `consume` runs on the
    /// calling thread for every item, in order.
    public static func run<Item: Sendable>(
        produce: @escaping @Sendable (_ emit: (Item) -> Bool) throws -> Void,
        consume: (Item) throws -> Void
    ) throws {
        let channel = Channel<Item>()
        let thread = Thread {
            var batch: [Item] = []
            batch.reserveCapacity(batchSize)
            var open = true
            do {
                try produce { item in
                    guard open else { return false }
                    batch.append(item)
                    if batch.count >= batchSize {
                        open = channel.push(batch)
                        batch.removeAll(keepingCapacity: true)
                    }
                    return open
                }
                if open, !batch.isEmpty { _ = channel.push(batch) }
                channel.finish(nil)
            } catch {
                if open, !batch.isEmpty { _ = channel.push(batch) }
                channel.finish(error)
            }
        }
        thread.stackSize = 8 << 20
        thread.start()
        defer { channel.waitForProducer() }
        do {
            while let batch = try channel.pop() {
                for item in batch { try consume(item) }
            }
        } catch {
            channel.cancel()
            throw error
        }
    }

    /// The bounded queue between the two threads.
    final class Channel<Item: Sendable>: @unchecked Sendable {
        private let condition = NSCondition()
        private var queue: [[Item]] = []
        private var head = 0
        private var finished = false
        private var producerDone = false
        private var failure: (any Error)?
        private var cancelled = false

        /// Blocks while the queue is full; false when the consumer has stopped.
        func push(_ batch: [Item]) -> Bool {
            condition.lock()
            defer { condition.unlock() }
            while queue.count - head >= ImportPipeline.maxBatchesAhead && !cancelled { condition.wait() }
            if cancelled { return false }
            queue.append(batch)
            condition.broadcast()
            return true
        }

        func finish(_ error: (any Error)?) {
            condition.lock()
            failure = error
            finished = true
            producerDone = true
            condition.broadcast()
            condition.unlock()
        }

        /// The next batch, nil at the end; throws the producer's error after its last batch.
        func pop() throws -> [Item]? {
            condition.lock()
            defer { condition.unlock() }
            while head == queue.count && !finished { condition.wait() }
            if head < queue.count {
                let batch = queue[head]
                head += 1
                if head > 64 {
                    queue.removeFirst(head)
                    head = 0
                }
                condition.broadcast()
                return batch
            }
            if let failure { throw failure }
            return nil
        }

        func cancel() {
            condition.lock()
            cancelled = true
            condition.broadcast()
            condition.unlock()
        }

        func waitForProducer() {
            condition.lock()
            cancelled = true // a producer still running stops at its next emit
            condition.broadcast()
            while !producerDone { condition.wait() }
            condition.unlock()
        }
    }
}
