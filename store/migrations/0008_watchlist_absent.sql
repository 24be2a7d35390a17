-- A reloaded list that no longer names an entry is recorded ('absent'), and
-- an entry named again after that ('relisted'). DuckDB cannot alter a CHECK,
-- so the table is made again with the rows it holds.
CREATE TABLE watchlist_history_v8 (
    hvt_id     VARCHAR NOT NULL,
    changed_at TIMESTAMP NOT NULL,
    source     VARCHAR NOT NULL,
    change     VARCHAR NOT NULL CHECK (change IN ('added', 'updated', 'absent', 'relisted')),
    before     JSON,
    after      JSON
);
INSERT INTO watchlist_history_v8 SELECT hvt_id, changed_at, source, change, before, after FROM watchlist_history;
DROP TABLE watchlist_history;
ALTER TABLE watchlist_history_v8 RENAME TO watchlist_history;
