import EMQuery
import Foundation
import GRDB

/// A separate read connection for counts that may take long (a filter over a million samples),
/// so a newer query can cancel the running one with `cancel()` without touching the explorer's
/// other connections (page reads, background indexing).
public final class CountReader: @unchecked Sendable {
    private let store: Store
    private let queue: DatabaseQueue?

    /// A count connection on the store's file (in-memory stores count on the store itself).
    /// A read-only store has a single connection, so without this one a long count would hold up
    /// every page read.
    public init(store: Store) {
        self.store = store
        if store.path == ":memory:" {
            queue = nil
        } else {
            queue = try? DatabaseQueue(path: store.path, configuration: Store.baseConfiguration(readOnly: true, labels: store.labelsPath))
        }
    }

    /// The number of samples matching `filter`; throws `StoreError` with kind `.interrupted` when
    /// cancelled.
    public func count(_ filter: SampleFilter) throws(StoreError) -> Int {
        // A read-only store may keep a session search index in TEMP tables of its own connection;
        // only then must a text count run there (and hold up page reads until it is done).
        guard let queue, !(store.isReadOnly && filter.usesSearchIndex && store.hasSessionSearchIndex()) else {
            return try store.sampleCount(filter)
        }
        do {
            return try queue.read { db in try Store.countSamples(db, filter) }
        } catch let e as DatabaseError where e.resultCode == .SQLITE_INTERRUPT {
            throw StoreError(.interrupted, file: store.path, problem: "count cancelled", remedy: "")
        } catch {
            throw StoreError.from(error, file: store.path)
        }
    }

    /// Stops a count that is running now (a no-op when none is).
    public func cancel() {
        queue?.interrupt()
    }
}
