-- One HVT as the watchlist lists it.
SELECT hvt_id AS "HVT", primary_name AS "Name", array_to_string(aliases, '; ') AS "Aliases",
       array_to_string(coalesce(weak_aliases, []), '; ') AS "Weak aliases",
       array_to_string(phones, ', ') AS "Phones", array_to_string(accounts, ', ') AS "Accounts",
       array_to_string(nationalities, ', ') AS "Nationalities", birth_date AS "Born", source AS "Source"
FROM watchlist
WHERE hvt_id = $hvt
