-- Every alert's evidence, as the file, sheet and row it was read from.
SELECT a.alert_id, a.rule_id, a.severity, s.file_name, coalesce(t.source_sheet, '') AS sheet, t.source_row
FROM alerts a
CROSS JOIN unnest(a.txn_ids) AS u(txn_id)
JOIN transactions t ON t.txn_id = u.txn_id
JOIN sources s ON s.source_id = t.source_id
ORDER BY a.alert_id
