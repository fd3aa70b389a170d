DROP TABLE notifications;
DROP TABLE sms_opt_outs;
DROP TABLE sms_parts;
DROP TABLE sms_messages;
DROP TABLE sms_templates;
DROP TABLE job_runs;
DROP TABLE jobs;
