-- Rows that could not be loaded, and why.
SELECT s.file_name    AS "File",
       q.source_sheet AS "Sheet",
       q.source_row   AS "Row",
       q.reasons      AS "Reasons",
       q.raw::VARCHAR AS "Row as read"
FROM quarantine q
JOIN sources s USING (source_id)
ORDER BY s.file_name, q.source_sheet, q.source_row
