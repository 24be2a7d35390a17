-- A party whose phone is on an HVT's entry is linked to that HVT; one row
-- per pair, one explanation line per shared number.
INSERT INTO hvt_links (hvt_id, party_id, score, method, hops, explanation, run_id)
SELECT w.hvt_id,
       p.party_id,
       pow(2, $phone_weight * count(*)) / (1 + pow(2, $phone_weight * count(*))) AS score,
       'phone' AS method,
       0 AS hops,
       string_agg(printf('%+.1f phone %s exact', $phone_weight, u.phone), chr(10) ORDER BY u.phone) AS explanation,
       $run_id AS run_id
FROM watchlist w
CROSS JOIN unnest(w.phones) AS u(phone)
JOIN parties p ON list_contains(p.phones, u.phone)
GROUP BY w.hvt_id, p.party_id;
