DROP TABLE agent_states;
DROP TABLE recording_tickets;
DROP TABLE call_recordings;
DROP TABLE calls;
