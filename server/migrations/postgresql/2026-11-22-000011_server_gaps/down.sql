ALTER TABLE kb_terms DROP CONSTRAINT kb_terms_pkey;
ALTER TABLE kb_terms ADD CONSTRAINT kb_terms_pkey PRIMARY KEY (hospital_id, term, article_id);
