-- Party risk: 100 × (1 − (1 − A)(1 − H)), where A combines the party's
-- rules as independent evidence (noisy-OR over rules of the strongest
-- alert's score/100 × its severity's weight: one rule firing in many
-- windows is one piece of evidence) and H is its nearest HVT's link score,
-- discounted by hops (1 at the HVT, 0.6 one payment away, 0.35 two). A
-- party's alerts are those whose evidence names it as the beneficiary;
-- dismissed alerts do not count.
CREATE OR REPLACE TEMP TABLE link_risk_alerts AS
SELECT DISTINCT m.party_id, a.alert_id, a.rule_id, a.severity, a.score,
       a.score / 100.0 * CASE a.severity WHEN 'critical' THEN 1.0 WHEN 'high' THEN 0.8
                                         WHEN 'medium' THEN 0.5 ELSE 0.25 END AS p
FROM alerts a, unnest(a.txn_ids) AS u(txn_id)
JOIN party_members m ON m.txn_id = u.txn_id AND m.side = 'beneficiary'
WHERE a.status <> 'dismissed';

CREATE OR REPLACE TEMP TABLE link_risk AS
WITH per_rule AS (
    SELECT party_id, rule_id, max(p) AS p, count(*) AS n, arg_max(severity, (p, severity)) AS severity, max(score) AS score
    FROM link_risk_alerts
    GROUP BY party_id, rule_id
),
al AS (
    SELECT party_id, 1 - product(1 - p) AS a,
           string_agg(printf('%+.0f %s (%d alert%s, %s, top score %d)', 100 * p, rule_id, n, CASE WHEN n = 1 THEN '' ELSE 's' END,
                             severity, CAST(round(score) AS INTEGER)), chr(10) ORDER BY p DESC, rule_id) AS why
    FROM per_rule
    GROUP BY party_id
),
hv AS (
    -- the nearest HVT's weight; ties to the first HVT id, so reruns agree
    SELECT party_id, max(h) AS h, arg_max(why, (h, -hops, hvt_id)) AS why
    FROM (
        SELECT party_id, hvt_id, hops, score * CASE hops WHEN 0 THEN 1.0 WHEN 1 THEN 0.6 ELSE 0.35 END AS h,
               printf('%+.0f %s %s', 100 * h, hvt_id,
                      CASE hops WHEN 0 THEN 'linked (' || method || ', score ' || round(score, 2) || ')'
                           ELSE hops || ' payment hop' || CASE WHEN hops = 1 THEN '' ELSE 's' END || ' from it' END) AS why
        FROM hvt_links
        WHERE status IN ('link', 'confirmed', 'network')
    )
    GROUP BY party_id
)
SELECT party_id,
       CAST(round(100 * (1 - (1 - coalesce(al.a, 0)) * (1 - coalesce(hv.h, 0)))) AS INTEGER) AS risk,
       concat_ws(chr(10), hv.why, al.why) AS reasons
FROM al FULL JOIN hv USING (party_id);

UPDATE parties SET risk = r.risk, risk_reasons = r.reasons
FROM link_risk r
WHERE parties.party_id = r.party_id;

UPDATE parties SET risk = 0 WHERE risk IS NULL;

DROP TABLE link_risk_alerts;
DROP TABLE link_risk;
