-- Rows that name another hospital's questionnaire (an early demo seed used
-- literal ids) are repaired: they now name the questionnaire with the same
-- code in their own hospital, or none. The server refuses such references
-- from now on.

UPDATE followup_tasks t SET questionnaire_id = (
    SELECT own.id FROM questionnaires other
    JOIN questionnaires own ON own.code = other.code AND own.hospital_id = t.hospital_id
    WHERE other.id = t.questionnaire_id)
WHERE t.questionnaire_id IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM questionnaires q WHERE q.id = t.questionnaire_id AND q.hospital_id = t.hospital_id);

UPDATE followup_settings s SET spot_check_questionnaire_id = (
    SELECT own.id FROM questionnaires other
    JOIN questionnaires own ON own.code = other.code AND own.hospital_id = s.hospital_id
    WHERE other.id = s.spot_check_questionnaire_id)
WHERE s.spot_check_questionnaire_id IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM questionnaires q
                  WHERE q.id = s.spot_check_questionnaire_id AND q.hospital_id = s.hospital_id);

-- Rule and plan rounds are JSON arrays (stored as text) of
-- {.., "questionnaire_id": n}.
UPDATE followup_rules fr SET rounds = (
    SELECT json_agg(jsonb_set(r.elem, '{questionnaire_id}', COALESCE(to_jsonb((
        SELECT own.id FROM questionnaires other
        JOIN questionnaires own ON own.code = other.code AND own.hospital_id = fr.hospital_id
        WHERE other.id = (r.elem->>'questionnaire_id')::bigint)), 'null'::jsonb)) ORDER BY r.ord)::text
    FROM jsonb_array_elements(fr.rounds::jsonb) WITH ORDINALITY AS r(elem, ord))
WHERE EXISTS (SELECT 1 FROM jsonb_array_elements(fr.rounds::jsonb) e
              WHERE e->>'questionnaire_id' IS NOT NULL
                AND NOT EXISTS (SELECT 1 FROM questionnaires q
                                WHERE q.id = (e->>'questionnaire_id')::bigint AND q.hospital_id = fr.hospital_id));

UPDATE followup_plans fp SET rounds = (
    SELECT json_agg(jsonb_set(r.elem, '{questionnaire_id}', COALESCE(to_jsonb((
        SELECT own.id FROM questionnaires other
        JOIN questionnaires own ON own.code = other.code AND own.hospital_id = fp.hospital_id
        WHERE other.id = (r.elem->>'questionnaire_id')::bigint)), 'null'::jsonb)) ORDER BY r.ord)::text
    FROM jsonb_array_elements(fp.rounds::jsonb) WITH ORDINALITY AS r(elem, ord))
WHERE EXISTS (SELECT 1 FROM jsonb_array_elements(fp.rounds::jsonb) e
              WHERE e->>'questionnaire_id' IS NOT NULL
                AND NOT EXISTS (SELECT 1 FROM questionnaires q
                                WHERE q.id = (e->>'questionnaire_id')::bigint AND q.hospital_id = fp.hospital_id));
