import EMStore
import Foundation
import ZIPFoundation

/// Writes a zip archive with the given entries (in order), as Inspect writes `.eval` logs.
func writeZip(_ path: String, _ entries: [(String, String)]) throws {
    let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .create)
    for (name, text) in entries {
        let data = Data(text.utf8)
        try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
            data.subdata(in: Int(position)..<Int(position) + size)
        }
    }
}

/// Every sample with its judgments, as comparable text lines: `run|question|index|reasoning|answer|judge:metric=score/label`.
func dump(_ store: Store) throws -> [String] {
    var lines: [String] = []
    try store.exportRecords { record in
        switch record {
        case .sample(let s):
            let j = s.judgments.map { "\($0.judge):\($0.metric)=\($0.score.map { String($0) } ?? "nil")/\($0.label ?? "")" }
            lines.append("\(s.run)|\(s.question)|\(s.sampleIndex)|\(s.reasoning ?? "nil")|\(s.answer)|\(j.joined(separator: ","))")
        case .question(let q):
            lines.append("Q \(q.key)|\(q.category ?? "")|\(q.text)")
        case .run(let r):
            lines.append("R \(r.name)|\(r.model)|\(r.dataset)|\(r.k)|\(r.reasoning)|\(r.instruction)|\(r.systemPrompt ?? "")")
        default:
            break
        }
    }
    return lines
}
