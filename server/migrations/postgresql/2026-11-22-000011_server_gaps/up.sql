-- Knowledge search: the term index also carries the weight, so ranking
-- reads the index alone (index-only scans) instead of visiting the table.
ALTER TABLE kb_terms DROP CONSTRAINT kb_terms_pkey;
ALTER TABLE kb_terms ADD CONSTRAINT kb_terms_pkey PRIMARY KEY (hospital_id, term, article_id) INCLUDE (weight);
