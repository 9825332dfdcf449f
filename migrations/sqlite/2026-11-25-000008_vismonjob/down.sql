DROP TABLE vmj_match_runs;
DROP TABLE vmj_feedback;
DROP TABLE vmj_forbidden_pairs;
DROP TABLE vmj_duos;
DROP TABLE vmj_ambassadors;
DROP TABLE vmj_students;
DROP TABLE vmj_editions;
