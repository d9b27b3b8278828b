/// The stored-runs schema v1 (the contract harnesses write to) and emscope's own tables.
///
/// `experimentTablesSQL` is the text of docs/schema.sql; a test keeps the two identical.
public enum Schema {
    /// The highest emscope schema version this binary knows. A store with a higher one is refused.
    public static let currentVersion = 3

    /// The experiment tables every store must have, with the columns emscope reads.
    public static let requiredColumns: [String: [String]] = [
        "runs": ["id", "name", "model", "dataset", "n_examples", "reasoning", "instruction", "system_prompt",
                 "temperature", "created_at", "metadata"],
        "examples": ["id", "dataset", "user", "assistant"],
        "run_examples": ["run_id", "position", "example_id"],
        "questions": ["id", "key", "category", "text"],
        "samples": ["id", "run_id", "question_id", "sample_index", "prompt", "reasoning", "answer", "metadata"],
        "judgments": ["id", "sample_id", "judge", "metric", "score", "label", "rationale"],
    ]

    /// What the experiment tables' values must be, for stores whose tables were declared without
    /// the constraints of docs/schema.sql (`Store.checkValues`): the type (TEXT, INTEGER, REAL) and
    /// whether NULL is allowed.
    static let valueRules: [String: [String: (type: String, nullable: Bool)]] = [
        "runs": ["name": ("TEXT", false), "model": ("TEXT", false), "dataset": ("TEXT", false),
                 "n_examples": ("INTEGER", false), "reasoning": ("INTEGER", true), "temperature": ("REAL", true)],
        "examples": ["dataset": ("TEXT", false), "user": ("TEXT", false), "assistant": ("TEXT", false)],
        "run_examples": ["run_id": ("INTEGER", false), "position": ("INTEGER", false), "example_id": ("INTEGER", false)],
        "questions": ["key": ("TEXT", false), "text": ("TEXT", false)],
        "samples": ["run_id": ("INTEGER", false), "question_id": ("INTEGER", false), "sample_index": ("INTEGER", false),
                    "answer": ("TEXT", false)],
        "judgments": ["sample_id": ("INTEGER", false), "judge": ("TEXT", false), "metric": ("TEXT", false),
                      "score": ("REAL", true)],
    ]

    /// emscope's own tables, version 1. `IF NOT EXISTS` everywhere so a half-migrated store recovers.
    /// `temp` is true when they are created as TEMP tables for a read-only store.
    public static func emscopeTablesSQL(temp: Bool) -> String {
        let t = temp ? "TEMP " : ""
        return """
        CREATE \(t)TABLE IF NOT EXISTS emscope_meta (
            key   TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        CREATE \(t)TABLE IF NOT EXISTS codebooks (
            id          INTEGER PRIMARY KEY,
            name        TEXT NOT NULL,
            version     INTEGER NOT NULL,
            definition  TEXT NOT NULL,
            imported_at TEXT NOT NULL,
            UNIQUE (name, version)
        );
        CREATE \(t)TABLE IF NOT EXISTS ratings (
            id                   INTEGER PRIMARY KEY,
            sample_id            INTEGER NOT NULL,
            annotator            TEXT NOT NULL,
            dimension            TEXT NOT NULL,
            labels               TEXT NOT NULL DEFAULT '',
            codebook_id          INTEGER,
            blind                INTEGER NOT NULL DEFAULT 0,
            changed_after_reveal INTEGER NOT NULL DEFAULT 0,
            seconds              REAL,
            created_at           TEXT NOT NULL,
            updated_at           TEXT NOT NULL,
            UNIQUE (sample_id, annotator, dimension)
        );
        CREATE INDEX IF NOT EXISTS \(temp ? "temp." : "")ratings_by_annotator ON ratings(annotator, sample_id);
        CREATE \(t)TABLE IF NOT EXISTS notes (
            sample_id  INTEGER NOT NULL,
            annotator  TEXT NOT NULL,
            text       TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (sample_id, annotator)
        );
        CREATE \(t)TABLE IF NOT EXISTS adjudications (
            sample_id   INTEGER NOT NULL,
            dimension   TEXT NOT NULL,
            labels      TEXT NOT NULL,
            adjudicator TEXT NOT NULL,
            codebook_id INTEGER,
            note        TEXT,
            created_at  TEXT NOT NULL,
            PRIMARY KEY (sample_id, dimension)
        );
        CREATE \(t)TABLE IF NOT EXISTS saved_filters (
            name       TEXT PRIMARY KEY,
            query      TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE \(t)TABLE IF NOT EXISTS filter_history (
            id      INTEGER PRIMARY KEY,
            query   TEXT NOT NULL,
            used_at TEXT NOT NULL
        );
        """
    }

    /// Labelling state beyond the ratings themselves (migration v3): when an annotator revealed the
    /// judges and other ratings of a sample in blind mode (`reveals`), and how long they spent on it
    /// (`annotation_time`, summed over visits). `temp` as in `emscopeTablesSQL`.
    public static func labellingTablesSQL(temp: Bool) -> String {
        let t = temp ? "TEMP " : ""
        return """
        CREATE \(t)TABLE IF NOT EXISTS reveals (
            sample_id   INTEGER NOT NULL,
            annotator   TEXT NOT NULL,
            revealed_at TEXT NOT NULL,
            PRIMARY KEY (sample_id, annotator)
        );
        CREATE \(t)TABLE IF NOT EXISTS annotation_time (
            sample_id  INTEGER NOT NULL,
            annotator  TEXT NOT NULL,
            seconds    REAL NOT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (sample_id, annotator)
        );
        """
    }

    /// The full-text search index (migration v2), or the session's copy of it in TEMP tables for a
    /// store emscope cannot write. `sample_fts` has one row per sample (rowid = `samples.id`) holding
    /// `TextFold.fold` of the question text, reasoning and answer; it is contentless, so it stores the
    /// trigram index only, never a second copy of the text. `search_index_state` records how far the
    /// index goes: `high_water` (the highest indexed `samples.id`), `indexed` (rows in the index) and
    /// `fold_version` (`TextFold.version` of the indexed text). See Store+SearchIndex.swift.
    public static func searchIndexSQL(temp: Bool) -> String {
        let schema = temp ? "temp" : "main"
        return """
        CREATE VIRTUAL TABLE IF NOT EXISTS \(schema).sample_fts USING fts5(question, reasoning, answer, content='', tokenize='trigram');
        CREATE TABLE IF NOT EXISTS \(schema).search_index_state (
            key   TEXT PRIMARY KEY,
            value TEXT
        );
        """
    }

    /// docs/schema.sql, verbatim.
    public static let experimentTablesSQL = """
    -- emscope stored-runs schema v1: the contract experiment harnesses write to.
    -- Create a store with:   sqlite3 store.db < docs/schema.sql
    -- then fill it with plain INSERTs (see docs/schema.md). emscope adds its own
    -- tables (ratings, codebooks, search index, settings) when it opens the store.
    PRAGMA foreign_keys = ON;

    -- One run = one experimental condition: model x in-context dataset x k x reasoning x instruction.
    CREATE TABLE IF NOT EXISTS runs (
        id            INTEGER PRIMARY KEY,
        name          TEXT NOT NULL UNIQUE,
        model         TEXT NOT NULL,
        dataset       TEXT NOT NULL,                  -- in-context example set; 'none' for a baseline
        n_examples    INTEGER NOT NULL,               -- k, the number of in-context examples
        reasoning     INTEGER NOT NULL DEFAULT 0,     -- 1 when chain of thought was elicited
        instruction   TEXT NOT NULL DEFAULT 'none',   -- e.g. 'prioritize_safety', 'prioritize_context'
        system_prompt TEXT,
        temperature   REAL,
        created_at    TEXT,                           -- ISO 8601
        metadata      TEXT                            -- a JSON object
    );

    -- In-context demonstrations, stored once per dataset pool and shared between runs.
    CREATE TABLE IF NOT EXISTS examples (
        id        INTEGER PRIMARY KEY,
        dataset   TEXT NOT NULL,
        user      TEXT NOT NULL,
        assistant TEXT NOT NULL
    );

    -- The k demonstrations of a run, in prompt order (position 0 comes first).
    CREATE TABLE IF NOT EXISTS run_examples (
        run_id     INTEGER NOT NULL REFERENCES runs(id),
        position   INTEGER NOT NULL,
        example_id INTEGER NOT NULL REFERENCES examples(id),
        PRIMARY KEY (run_id, position)
    );

    -- Evaluation questions, each with a stable key such as '17_vulnerable_user_0'.
    CREATE TABLE IF NOT EXISTS questions (
        id       INTEGER PRIMARY KEY,
        key      TEXT NOT NULL UNIQUE,
        category TEXT,
        text     TEXT NOT NULL
    );

    -- One generation: the answer (and chain of thought, when elicited) to one question in one run.
    CREATE TABLE IF NOT EXISTS samples (
        id           INTEGER PRIMARY KEY,
        run_id       INTEGER NOT NULL REFERENCES runs(id),
        question_id  INTEGER NOT NULL REFERENCES questions(id),
        sample_index INTEGER NOT NULL DEFAULT 0,
        prompt       TEXT,                            -- the rendered prompt, when the harness stored it
        reasoning    TEXT,                            -- chain of thought, or NULL
        answer       TEXT NOT NULL,
        metadata     TEXT,                            -- a JSON object
        UNIQUE (run_id, question_id, sample_index)
    );

    -- One judge's score of one sample on one metric ('aligned', 'coherent' or another).
    CREATE TABLE IF NOT EXISTS judgments (
        id        INTEGER PRIMARY KEY,
        sample_id INTEGER NOT NULL REFERENCES samples(id),
        judge     TEXT NOT NULL,
        metric    TEXT NOT NULL,
        score     REAL,                               -- 0..100; NULL when the judge gave no number
        label     TEXT,                               -- 'CODE', 'REFUSAL', 'ERROR' or NULL
        rationale TEXT,
        UNIQUE (sample_id, judge, metric)
    );

    CREATE INDEX IF NOT EXISTS samples_by_question ON samples(question_id);
    CREATE INDEX IF NOT EXISTS run_examples_by_example ON run_examples(example_id);
    CREATE INDEX IF NOT EXISTS judgments_by_judge_metric ON judgments(judge, metric, score);

    """
}
