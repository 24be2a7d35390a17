-- Each staged entry against the stored one: added, updated or unchanged.
-- Left out of the comparison: `source` (the file an entry last came from),
-- so that the same list under another file name changes nothing, and how
-- the list wrote a value (`written`), so that +218 91 234 5678 written
-- again as +218912345678 is no change.
CREATE OR REPLACE TEMP MACRO watchlist_entry_json(w) AS json_object(
    'hvt_id', w.hvt_id, 'primary_name', w.primary_name, 'aliases', w.aliases,
    'weak_aliases', w.weak_aliases, 'phones', w.phones, 'accounts', w.accounts,
    'nationalities', w.nationalities, 'birth_date', w.birth_date, 'notes', w.notes,
    'identifiers', w.identifiers, 'source', w.source);

-- Each entry's last change, to tell an entry listed again after it was
-- found absent.
CREATE OR REPLACE TEMP TABLE watchlist_last AS
SELECT hvt_id, arg_max(change, (changed_at, change = 'absent')) AS change
FROM watchlist_history
GROUP BY hvt_id;

CREATE OR REPLACE TEMP MACRO watchlist_ids_key(ids) AS json_transform(CAST(ids AS JSON),
    '[{"kind": "VARCHAR", "value": "VARCHAR", "quality": "VARCHAR", "type": "VARCHAR",
       "source": "VARCHAR", "reliability": "VARCHAR", "problem": "VARCHAR"}]');

CREATE OR REPLACE TEMP TABLE watchlist_change AS
SELECT s.file_no,
       s.seq,
       s.hvt_id,
       CASE
           WHEN w.hvt_id IS NULL THEN 'added'
           WHEN w.primary_name IS DISTINCT FROM s.primary_name
             OR w.aliases IS DISTINCT FROM s.aliases
             OR w.weak_aliases IS DISTINCT FROM s.weak_aliases
             OR w.phones IS DISTINCT FROM s.phones
             OR w.accounts IS DISTINCT FROM s.accounts
             OR w.nationalities IS DISTINCT FROM s.nationalities
             OR w.birth_date IS DISTINCT FROM s.birth_date
             OR w.notes IS DISTINCT FROM s.notes
             OR watchlist_ids_key(w.identifiers) IS DISTINCT FROM watchlist_ids_key(s.identifiers) THEN 'updated'
           WHEN l.change = 'absent' THEN 'relisted'
           ELSE 'unchanged'
       END AS change,
       CASE WHEN w.hvt_id IS NOT NULL THEN watchlist_entry_json(w) END AS before,
       json_object(
           'hvt_id', s.hvt_id, 'primary_name', s.primary_name, 'aliases', s.aliases,
           'weak_aliases', s.weak_aliases, 'phones', s.phones, 'accounts', s.accounts,
           'nationalities', s.nationalities, 'birth_date', s.birth_date, 'notes', s.notes,
           'identifiers', CAST(s.identifiers AS JSON), 'source', s.source) AS after
FROM watchlist_stage s
LEFT JOIN watchlist w USING (hvt_id)
LEFT JOIN watchlist_last l USING (hvt_id);

-- Entries last loaded from a file of the same name that this load of it no
-- longer names: kept (delisting is for an analyst to decide), and recorded
-- once, not at every reload.
CREATE OR REPLACE TEMP TABLE watchlist_absent AS
SELECT f.file_no, w.hvt_id, w.source, watchlist_entry_json(w) AS before
FROM watchlist w
JOIN watchlist_files f ON f.source = w.source
LEFT JOIN watchlist_last l USING (hvt_id)
WHERE w.hvt_id NOT IN (SELECT hvt_id FROM watchlist_stage)
  AND l.change IS DISTINCT FROM 'absent';

INSERT INTO watchlist_history (hvt_id, changed_at, source, change, before, after)
SELECT hvt_id, $changed_at, source, 'absent', before, NULL
FROM watchlist_absent
ORDER BY hvt_id;

-- One history row per entry that is new or changed.
INSERT INTO watchlist_history (hvt_id, changed_at, source, change, before, after)
SELECT c.hvt_id, $changed_at, s.source, c.change, c.before, c.after
FROM watchlist_change c
JOIN watchlist_stage s USING (hvt_id)
WHERE c.change <> 'unchanged'
ORDER BY c.seq;

INSERT INTO watchlist (hvt_id, primary_name, aliases, phones, accounts, nationalities, birth_date,
                       source, notes, weak_aliases, identifiers)
SELECT s.hvt_id, s.primary_name, s.aliases, s.phones, s.accounts, s.nationalities, s.birth_date,
       s.source, s.notes, s.weak_aliases, CAST(s.identifiers AS JSON)
FROM watchlist_stage s
JOIN watchlist_change c USING (hvt_id)
WHERE c.change <> 'unchanged'
ON CONFLICT (hvt_id) DO UPDATE SET
    primary_name = excluded.primary_name,
    aliases = excluded.aliases,
    phones = excluded.phones,
    accounts = excluded.accounts,
    nationalities = excluded.nationalities,
    birth_date = excluded.birth_date,
    source = excluded.source,
    notes = excluded.notes,
    weak_aliases = excluded.weak_aliases,
    identifiers = excluded.identifiers;
