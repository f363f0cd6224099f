-- grants per region and year (each document once: copies and translations left out)
SELECT d.region, d.reporting_year AS year, count(*) AS contracts, sum(c.grant_kzt) AS grant_kzt
FROM contracts c JOIN documents d USING (doc_id)
WHERE NOT c.is_total AND d.same_as_doc_id IS NULL
GROUP BY ALL ORDER BY year, region;
-- the largest recipients across years
SELECT o.name_norm, count(DISTINCT d.reporting_year) AS years, sum(c.grant_kzt) AS grant_kzt
FROM contracts c JOIN documents d USING (doc_id) JOIN organizations o ON o.org_id = c.recipient_org_id
WHERE NOT c.is_total AND d.same_as_doc_id IS NULL
GROUP BY ALL ORDER BY grant_kzt DESC LIMIT 10;
-- findings by rule and severity
SELECT rule, severity, count(*) AS findings, count(DISTINCT doc_id) AS documents
FROM findings GROUP BY ALL ORDER BY findings DESC;
-- events per place and month
SELECT coalesce(e.place, e.region) AS place, strftime(e.date, '%Y-%m') AS month, count(*) AS events
FROM events e JOIN documents d USING (doc_id) WHERE d.same_as_doc_id IS NULL
GROUP BY ALL ORDER BY month, events DESC;
-- participants by gender and by age
SELECT dimension, category, sum(count) AS participants
FROM demographics JOIN documents d USING (doc_id)
WHERE dimension IN ('gender', 'age') AND d.same_as_doc_id IS NULL
GROUP BY ALL ORDER BY dimension, participants DESC;
-- the ingest summary's counts (a run into a fresh OUT, money by esep.money.MONEY_SQL)
SELECT (SELECT count(*) FROM documents) AS documents,
       (SELECT count(*) FROM documents WHERE status = 'ok') AS ok,
       (SELECT count(*) FROM documents WHERE status = 'partial') AS partial,
       (SELECT count(*) FROM documents WHERE status = 'failed') AS failed,
       (SELECT count(*) FROM contracts WHERE NOT is_total) AS contracts,
       (SELECT count(*) FROM events) AS events,
       (SELECT count(*) FROM findings) AS findings,
       (SELECT count(*) FROM findings WHERE severity = 'error') AS errors,
       (SELECT count(*) FROM findings WHERE severity = 'warning') AS warnings;
