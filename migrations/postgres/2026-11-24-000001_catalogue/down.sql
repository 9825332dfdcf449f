DROP TABLE offers;
DROP TABLE testimonials;
DROP TABLE entities;
DROP TABLE metiers;
DROP TABLE metier_families;
DROP TABLE departements;
DROP TABLE regions;
