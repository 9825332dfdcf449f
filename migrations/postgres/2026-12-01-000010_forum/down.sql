DROP TABLE forum_bookings;
DROP TABLE forum_slots;
DROP TABLE forum_registrations;
DROP TABLE forum_participants;
DROP TABLE forum_sessions;
DROP TABLE forum_editions;
