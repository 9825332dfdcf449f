DROP TABLE job_alerts;
