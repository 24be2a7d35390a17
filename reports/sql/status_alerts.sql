SELECT rule_id AS "rule", severity, count(*) AS "alerts", sum(total_usd) AS "total USD",
       max(score) AS "top score"
FROM alerts
GROUP BY rule_id, severity
ORDER BY rule_id
