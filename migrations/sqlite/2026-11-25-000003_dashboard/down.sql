DROP TABLE offer_views;
DROP TABLE access_requests;
