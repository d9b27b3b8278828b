import EMQuery
import EMStore

/// The query language: parse, print and re-parse, compile (plain and blind), and run every
/// compiled filter against a real (empty) store, so invalid SQL from the compiler is a crash.
nonisolated(unsafe) private var store: Store? = nil

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzQuery(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    if store == nil { store = try? Store.inMemory() }
    if case .success(let node) = QueryLanguage.parse(text) {
        let printed = QueryLanguage.format(node)
        guard case .success(let again) = QueryLanguage.parse(printed) else {
            fatalError("the formatted query does not parse again: \(printed.debugDescription)")
        }
        precondition(again == node, "format/parse round trip changed the query: \(printed.debugDescription)")
    }
    for blind in [false, true] {
        let context = QueryContext(primaryJudge: "judge-a", annotator: "me", blind: blind)
        if case .success(let sql) = QueryLanguage.compile(text, context: context), let store {
            do {
                _ = try store.sampleCount(sql)
            } catch {
                fatalError("compiled SQL fails: \(error) — query \(text.debugDescription) sql \(sql.sql)")
            }
        }
    }
    return 0
}
