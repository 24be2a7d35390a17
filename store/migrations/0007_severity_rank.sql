-- Alerts are read in order of trust first: a low-severity rule's alert is a
-- lead, however high its score.
CREATE OR REPLACE MACRO severity_rank(severity) AS
    CASE severity WHEN 'high' THEN 0 WHEN 'medium' THEN 1 WHEN 'low' THEN 2 ELSE 3 END;
