-- Every transaction behind every alert, with the file, sheet and row it
-- was read from, and what ingest noticed about it (an invalid phone, a
-- copy in another file).
SELECT a.alert_id       AS "Alert",
       a.rule_id        AS "Rule",
       t.txn_id         AS "Transaction",
       s.file_name      AS "File",
       t.source_sheet   AS "Sheet",
       t.source_row     AS "Row",
       t.reference      AS "Reference",
       t.occurred_at    AS "When (UTC)",
       t.amount         AS "Amount",
       t.currency       AS "Currency",
       t.amount_usd     AS "USD",
       t.sender_name    AS "Sender",
       t.sender_phone   AS "Sender phone",
       t.sender_country AS "Sender country",
       t.beneficiary_name  AS "Beneficiary",
       t.beneficiary_phone AS "Beneficiary phone",
       t.beneficiary_country AS "Beneficiary country",
       t.kind           AS "Channel",
       array_to_string(t.flags, '; ') AS "Noticed at loading",
       s.path           AS "File path",
       t.source_id      AS "File SHA-256"
FROM alerts a
CROSS JOIN unnest(a.txn_ids) AS u(txn_id)
JOIN transactions t ON t.txn_id = u.txn_id
JOIN sources s ON s.source_id = t.source_id
ORDER BY severity_rank(a.severity), a.score DESC, a.rule_id, a.subject_key, a.window_start, t.occurred_at, t.txn_id
