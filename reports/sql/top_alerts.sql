SELECT severity, round(score) AS score, rule_id AS rule, summary
FROM alerts
ORDER BY severity_rank(severity), score DESC, total_usd DESC, alert_id
LIMIT $n
