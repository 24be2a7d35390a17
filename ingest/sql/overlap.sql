-- Rows of the file being loaded that a file loaded before already holds:
-- same kind, reference, amount, currency, time and parties, as when two
-- monthly exports overlap. They load, flagged with where the other copy
-- is; dropping one would lose the file's own record of it. The copy is
-- not counted (not_counted): the row of the file loaded first is, so that
-- rules and totals count the payment once.
CREATE OR REPLACE TEMP TABLE ingest_overlap AS
SELECT n.txn_id, n.source_row,
       arg_min(s.file_name, (s.loaded_at, o.source_row)) AS other_file,
       arg_min(o.source_row, (s.loaded_at, o.source_row)) AS other_row
FROM transactions n
JOIN transactions o
  ON o.reference = n.reference AND o.kind = n.kind AND o.amount = n.amount
 AND o.currency = n.currency AND o.occurred_at = n.occurred_at
 AND o.sender_name_key IS NOT DISTINCT FROM n.sender_name_key
 AND o.beneficiary_name_key IS NOT DISTINCT FROM n.beneficiary_name_key
 AND o.sender_account IS NOT DISTINCT FROM n.sender_account
 AND o.beneficiary_account IS NOT DISTINCT FROM n.beneficiary_account
 AND o.source_id <> n.source_id
JOIN sources s ON s.source_id = o.source_id
WHERE n.source_id = $source_id
GROUP BY n.txn_id, n.source_row;

UPDATE transactions t
SET flags = list_append(coalesce(t.flags, []), v.flag),
    not_counted = coalesce(t.not_counted, v.flag)
FROM (SELECT txn_id, 'also in ' || other_file || ' row ' || other_row || ' (same reference, amount, time and parties)' AS flag
      FROM ingest_overlap) v
WHERE t.txn_id = v.txn_id;
