DROP TABLE survey_responses;
DROP TABLE staff_survey_assignees;
DROP TABLE staff_surveys;
DROP TABLE kiosk_devices;
DROP TABLE survey_links;
DROP TABLE survey_link_keys;
DROP TABLE questionnaire_versions;
DROP TABLE questionnaires;
