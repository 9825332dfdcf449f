DROP TABLE profile_hidden_entities;
DROP TABLE candidate_profiles;
