-- The name keys of name_sounds: those of beneficiary phones and accounts
-- written with more than one name key.
WITH written AS (
    SELECT 'phone' AS kind, beneficiary_phone AS identifier, beneficiary_name_key AS name_key
    FROM transactions
    WHERE beneficiary_phone IS NOT NULL AND beneficiary_name_key <> ''
    UNION ALL
    SELECT 'account', beneficiary_account, beneficiary_name_key
    FROM transactions
    WHERE beneficiary_account IS NOT NULL AND beneficiary_name_key <> ''
),
several AS (
    SELECT kind, identifier FROM written GROUP BY kind, identifier HAVING count(DISTINCT name_key) >= 2
)
SELECT DISTINCT w.name_key
FROM written w JOIN several s USING (kind, identifier)
ORDER BY w.name_key
