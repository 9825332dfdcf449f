//! The Forum de l'emploi tech de l'État: programme, registrations and job dating slots, the
//! candidate's agenda, the recruiters' sessions and the admins' editions.

use super::operations;

operations! {
    /// Every edition, unpublished ones included.
    AdminListForumEditions {} = GET "/api/v1/admin/forum/editions" => Vec<crate::forum::ForumEdition>;
    /// Create an edition.
    CreateForumEdition {} = POST "/api/v1/admin/forum/editions", body crate::forum::ForumEditionForm => crate::forum::ForumEdition;
    /// Change an edition (publish it, move its deadline…).
    UpdateForumEdition { slug: String } = PUT "/api/v1/admin/forum/editions/{slug}", body crate::forum::ForumEditionForm => crate::forum::ForumEdition;
    /// Registrations per session, fill rates, attendance (links opened), job-dating bookings.
    ForumEditionFigures { slug: String } = GET "/api/v1/admin/forum/editions/{slug}/figures" => crate::forum::EditionFigures;
    /// Every session of the edition.
    AdminListForumSessions { slug: String } = GET "/api/v1/admin/forum/editions/{slug}/sessions" => Vec<crate::forum::ForumSession>;
    /// Add a session (conference, recruiter presentation, job dating or workshop).
    CreateForumSession { slug: String } = POST "/api/v1/admin/forum/editions/{slug}/sessions", body crate::forum::SessionForm => crate::forum::ForumSession;
    /// Remove a session (its registrations and slots go with it).
    DeleteForumSession { id: crate::ForumSessionId } = DELETE "/api/v1/admin/forum/sessions/{id}" => ();
    /// Change a session; when its capacity grows, the first waiting get the new seats.
    UpdateForumSession { id: crate::ForumSessionId } = PUT "/api/v1/admin/forum/sessions/{id}", body crate::forum::SessionForm => crate::forum::ForumSession;
    /// The forum's editions, latest first.
    ListForumEditions {} = GET "/api/v1/forum/editions" => Vec<crate::forum::ForumEdition>;
    /// One edition: dates, registration deadline, counts.
    ShowForumEdition { slug: String } = GET "/api/v1/forum/editions/{slug}" => crate::forum::ForumEdition;
    /// Register for the edition (the names recruiters see on job-dating bookings); again to
    /// change them.
    JoinForumEdition { slug: String } = PUT "/api/v1/forum/editions/{slug}/registration", body crate::forum::Participant => crate::forum::Agenda;
    /// The programme: sessions of an edition (by default the next one, else the latest), filtered
    /// by kind, day, entity and métier. Online links are not listed.
    ListForumSessions {} query crate::forum::SessionFilters = GET "/api/v1/forum/sessions" => Vec<crate::forum::ForumSession>;
    /// One session; the online link and the caller's place when registered, the slots of a
    /// job dating.
    ShowForumSession { id: crate::ForumSessionId } = GET "/api/v1/forum/sessions/{id}" => crate::forum::SessionDetail;
    /// Open the session's online link (confirmed participants): counts the attendance of the
    /// signed-in participant, only when they open it themselves — not a link followed from
    /// another site, nor a browser's prefetch (a GET must not change state on someone's behalf).
    JoinForumSession { id: crate::ForumSessionId } = GET "/api/v1/forum/sessions/{id}/join" => crate::api::File;
    /// The open offers of the session's entity (and its sub-entities).
    ForumSessionOffers { id: crate::ForumSessionId } = GET "/api/v1/forum/sessions/{id}/offers" => crate::search::OfferPage;
    /// Cancel a session registration (until the session starts); a freed seat goes to the
    /// first waiting.
    CancelSessionRegistration { id: crate::ForumSessionId } = DELETE "/api/v1/forum/sessions/{id}/registration" => ();
    /// Register for a session: a seat when one is left, else the waiting list (a freed seat
    /// goes to the first waiting, who is told by e-mail).
    RegisterToSession { id: crate::ForumSessionId } = POST "/api/v1/forum/sessions/{id}/registration" => crate::forum::Registration;
    /// Cancel a booked slot (until it starts), which becomes free again.
    CancelBooking { id: crate::ForumSlotId } = DELETE "/api/v1/forum/slots/{id}/booking" => ();
    /// Book a job-dating slot: one per candidate and recruiter's session, one candidate per slot.
    BookSlot { id: crate::ForumSlotId } = POST "/api/v1/forum/slots/{id}/booking" => crate::forum::Agenda;
    /// The candidate's forum agenda: editions, sessions (confirmed or waiting), booked slots,
    /// overlaps flagged.
    MyForumAgenda {} = GET "/api/v1/me/forum" => crate::forum::Agenda;
    /// The agenda as an iCalendar file (confirmed sessions and booked slots).
    MyForumCalendar {} = GET "/api/v1/me/forum/agenda.ics" => crate::api::File;
    /// The entity's forum sessions, with their slots and who booked them.
    RecruiterListForumSessions {} = GET "/api/v1/recruiter/forum/sessions" => Vec<crate::forum::RecruiterSession>;
    /// The session's booked slots as CSV (semicolons, UTF-8 with BOM).
    ExportAttendees { id: crate::ForumSessionId } = GET "/api/v1/recruiter/forum/sessions/{id}/attendees.csv" => crate::api::File;
    /// Publish job-dating slots: a time range of the session cut into 10 to 30 minutes.
    AddSlots { id: crate::ForumSessionId } = POST "/api/v1/recruiter/forum/sessions/{id}/slots", body crate::forum::SlotsForm => crate::forum::RecruiterSession;
    /// Remove a slot nobody booked.
    RemoveSlot { id: crate::ForumSessionId, slot: crate::ForumSlotId } = DELETE "/api/v1/recruiter/forum/sessions/{id}/slots/{slot}" => ();
}
