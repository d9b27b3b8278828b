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
