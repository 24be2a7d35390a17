-- The riskiest parties, with the reasons.
SELECT party_id AS "party", display_name AS "name", risk,
       replace(risk_reasons, chr(10), '; ') AS "why"
FROM parties
WHERE risk > 0
ORDER BY risk DESC, party_id
LIMIT 10
