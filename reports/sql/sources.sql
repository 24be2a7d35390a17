-- The files the figures come from, and what ingest decided about each.
SELECT file_name        AS "File",
       kind             AS "Channel",
       format           AS "Format",
       profile          AS "Layout",
       rows_read        AS "Rows read",
       rows_loaded      AS "Loaded",
       rows_quarantined AS "Quarantined",
       loaded_at        AS "Loaded at (UTC)",
       array_to_string(notes, '; ') AS "Notes",
       source_id        AS "SHA-256",
       path             AS "Path"
FROM sources
ORDER BY file_name, loaded_at
