-- Rows that name another hospital's questionnaire (an early demo seed used
-- literal ids) are repaired: they now name the questionnaire with the same
-- code in their own hospital, or none. The server refuses such references
-- from now on.

UPDATE followup_tasks SET questionnaire_id = (
    SELECT own.id FROM questionnaires other
    JOIN questionnaires own ON own.code = other.code AND own.hospital_id = followup_tasks.hospital_id
    WHERE other.id = followup_tasks.questionnaire_id)
WHERE questionnaire_id IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM questionnaires q
                  WHERE q.id = followup_tasks.questionnaire_id AND q.hospital_id = followup_tasks.hospital_id);

UPDATE followup_settings SET spot_check_questionnaire_id = (
    SELECT own.id FROM questionnaires other
    JOIN questionnaires own ON own.code = other.code AND own.hospital_id = followup_settings.hospital_id
    WHERE other.id = followup_settings.spot_check_questionnaire_id)
WHERE spot_check_questionnaire_id IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM questionnaires q
                  WHERE q.id = followup_settings.spot_check_questionnaire_id
                    AND q.hospital_id = followup_settings.hospital_id);

-- Rule and plan rounds are JSON arrays of {.., "questionnaire_id": n}.
UPDATE followup_rules SET rounds = (
    SELECT json_group_array(json(json_set(r.value, '$.questionnaire_id', (
        SELECT own.id FROM questionnaires other
        JOIN questionnaires own ON own.code = other.code AND own.hospital_id = followup_rules.hospital_id
        WHERE other.id = json_extract(r.value, '$.questionnaire_id')))))
    FROM json_each(followup_rules.rounds) r)
WHERE EXISTS (SELECT 1 FROM json_each(followup_rules.rounds) r
              WHERE json_extract(r.value, '$.questionnaire_id') IS NOT NULL
                AND NOT EXISTS (SELECT 1 FROM questionnaires q
                                WHERE q.id = json_extract(r.value, '$.questionnaire_id')
                                  AND q.hospital_id = followup_rules.hospital_id));

UPDATE followup_plans SET rounds = (
    SELECT json_group_array(json(json_set(r.value, '$.questionnaire_id', (
        SELECT own.id FROM questionnaires other
        JOIN questionnaires own ON own.code = other.code AND own.hospital_id = followup_plans.hospital_id
        WHERE other.id = json_extract(r.value, '$.questionnaire_id')))))
    FROM json_each(followup_plans.rounds) r)
WHERE EXISTS (SELECT 1 FROM json_each(followup_plans.rounds) r
              WHERE json_extract(r.value, '$.questionnaire_id') IS NOT NULL
                AND NOT EXISTS (SELECT 1 FROM questionnaires q
                                WHERE q.id = json_extract(r.value, '$.questionnaire_id')
                                  AND q.hospital_id = followup_plans.hospital_id));
