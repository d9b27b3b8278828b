import EMCore
import Foundation
import GRDB

/// One row of the long label export: one label of one rating (or, with `label` empty, a rating
/// "reviewed — none apply"). See docs/labels.md.
public struct LabelExportRow: Equatable, Sendable {
    public var sampleID: Int64
    public var run: String
    public var model: String
    public var dataset: String
    public var k: Int
    public var question: String
    public var sampleIndex: Int
    public var annotator: String
    public var dimension: String
    /// The label key; "" when the annotator rated the dimension and no label applies.
    public var label: String
    public var blind: Bool
    public var changedAfterReveal: Bool
    public var codebook: String?
    /// The store's version of that codebook.
    public var codebookVersion: Int?
    public var createdAt: String
    public var updatedAt: String
    /// Seconds the annotator spent on the sample in all (the same on each of its rows), if known.
    public var seconds: Double?

    /// The column names, in order.
    public static let columns = ["sample_id", "run", "model", "dataset", "k", "question", "sample_index", "annotator",
                                 "dimension", "label", "blind", "changed_after_reveal", "codebook", "codebook_version",
                                 "created_at", "updated_at", "seconds"]
}

extension Store {
    /// Streams every rating as long-format rows — one per applied label, one with an empty label
    /// for "none apply" — in (sample, annotator, dimension) order, reading through a cursor so that
    /// memory stays flat however many ratings there are. Returns the number of rows emitted.
    @discardableResult
    public func exportLabelRows(_ emit: (LabelExportRow) throws -> Void) throws(StoreError) -> Int {
        try read { db in
            // Codebook names and versions are few: read them once instead of joining per row.
            var codebooks: [Int64: (String, Int)] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, name, version FROM codebooks") {
                codebooks[row[0]] = (row[1], row[2])
            }
            // Ratings in the order of their UNIQUE (sample_id, annotator, dimension) index: no sort.
            let cursor = try Row.fetchCursor(db, sql: """
                SELECT g.sample_id, r.name, r.model, r.dataset, r.n_examples, q.key, s.sample_index,
                       g.annotator, g.dimension, g.labels, g.blind, g.changed_after_reveal, g.codebook_id,
                       g.created_at, g.updated_at,
                       COALESCE((SELECT t.seconds FROM annotation_time t
                                 WHERE t.sample_id = g.sample_id AND t.annotator = g.annotator), g.seconds) AS seconds
                FROM ratings g
                JOIN samples s ON s.id = g.sample_id
                JOIN runs r ON r.id = s.run_id
                JOIN questions q ON q.id = s.question_id
                ORDER BY g.sample_id, g.annotator, g.dimension
                """)
            var count = 0
            while let row = try cursor.next() {
                let codebook = (row[12] as Int64?).flatMap { codebooks[$0] }
                var out = LabelExportRow(
                    sampleID: row[0], run: row[1], model: row[2], dataset: row[3], k: row[4], question: row[5],
                    sampleIndex: row[6], annotator: row[7], dimension: row[8], label: "",
                    blind: (row[10] as Int64? ?? 0) != 0, changedAfterReveal: (row[11] as Int64? ?? 0) != 0,
                    codebook: codebook?.0, codebookVersion: codebook?.1, createdAt: row[13], updatedAt: row[14],
                    seconds: row[15])
                let labels = Self.splitLabels(row[9])
                if labels.isEmpty {
                    try emit(out)
                    count += 1
                } else {
                    for label in labels {
                        out.label = label
                        try emit(out)
                        count += 1
                    }
                }
            }
            return count
        }
    }
}
