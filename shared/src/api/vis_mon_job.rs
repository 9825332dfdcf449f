//! Vis mon job — 1 jour, 1 duo, 1 métier tech: editions, students' sign-ups, ambassadors,
//! coaching sessions, the matching and the duos.

use super::operations;

operations! {
    /// Every edition, drafts included.
    AdminListVmjEditions {} = GET "/api/v1/admin/vis-mon-job/editions" => Vec<crate::vismonjob::Edition>;
    /// Create an edition (as a draft).
    CreateVmjEdition {} = POST "/api/v1/admin/vis-mon-job/editions", body crate::vismonjob::EditionForm => crate::vismonjob::Edition;
    /// Change an edition's dates, format, levels or texts.
    UpdateVmjEdition { slug: String } = PUT "/api/v1/admin/vis-mon-job/editions/{slug}", body crate::vismonjob::EditionForm => crate::vismonjob::Edition;
    /// Every entity's ambassadors for the edition.
    AdminListAmbassadors { slug: String } = GET "/api/v1/admin/vis-mon-job/editions/{slug}/ambassadors" => Vec<crate::vismonjob::Ambassador>;
    /// The edition's sessions and who attends them.
    ListCoachingSessions { slug: String } = GET "/api/v1/admin/vis-mon-job/editions/{slug}/coaching-sessions" => Vec<crate::vismonjob::coaching::CoachingSession>;
    /// Schedule a one-hour coaching session before the day.
    CreateCoachingSession { slug: String } = POST "/api/v1/admin/vis-mon-job/editions/{slug}/coaching-sessions", body crate::vismonjob::coaching::CoachingSessionForm => Vec<crate::vismonjob::coaching::CoachingSession>;
    /// Cancel a session nobody is placed in.
    DeleteCoachingSession { slug: String, id: crate::CoachingSessionId } = DELETE "/api/v1/admin/vis-mon-job/editions/{slug}/coaching-sessions/{id}" => ();
    /// Record who attended: they count as coached, the session's others do not.
    RecordCoachingAttendance { slug: String, id: crate::CoachingSessionId } = PUT "/api/v1/admin/vis-mon-job/editions/{slug}/coaching-sessions/{id}/attendance", body crate::vismonjob::coaching::Attendance => Vec<crate::vismonjob::coaching::CoachingSession>;
    /// Exchange the ambassadors of two proposed duos; both new duos are pinned.
    SwapDuos { slug: String } = POST "/api/v1/admin/vis-mon-job/editions/{slug}/duos/swap", body crate::vismonjob::DuoSwap => ();
    /// Undo a duo before publication: the pair is never proposed again.
    UnpairDuo { slug: String, id: crate::DuoId } = DELETE "/api/v1/admin/vis-mon-job/editions/{slug}/duos/{id}" => ();
    /// Pin a duo (the next runs keep it) or unpin it.
    PinDuo { slug: String, id: crate::DuoId } = POST "/api/v1/admin/vis-mon-job/editions/{slug}/duos/{id}/pin", body crate::vismonjob::PinChange => ();
    /// The proposed duos, the students without one and why, the run in progress, and the
    /// ambassadors flagged for missing the coaching.
    ShowMatching { slug: String } = GET "/api/v1/admin/vis-mon-job/editions/{slug}/matching" => crate::vismonjob::MatchingState;
    /// Run the matching in the background (pinned duos are kept); poll the state for progress.
    StartMatching { slug: String } = POST "/api/v1/admin/vis-mon-job/editions/{slug}/matching" => crate::vismonjob::MatchingState;
    /// Announce the duos: each student and ambassador receives the link to their duo page, each
    /// student without a duo the reason.
    PublishVmjEdition { slug: String } = POST "/api/v1/admin/vis-mon-job/editions/{slug}/publish" => crate::vismonjob::Edition;
    /// The edition's report: participation, duos by métier and region, wishes met, ratings.
    VmjEditionReport { slug: String } = GET "/api/v1/admin/vis-mon-job/editions/{slug}/report" => crate::vismonjob::EditionReport;
    /// Open or close the sign-ups, or mark the edition done.
    ChangeVmjEditionStatus { slug: String } = POST "/api/v1/admin/vis-mon-job/editions/{slug}/status", body crate::vismonjob::EditionStatusChange => crate::vismonjob::Edition;
    /// The students signed up for the edition.
    ListVmjStudents { slug: String } = GET "/api/v1/admin/vis-mon-job/editions/{slug}/students" => Vec<crate::vismonjob::StudentSignup>;
    /// The candidate's Vis mon job sign-ups, with the duo page once published.
    MySignups {} = GET "/api/v1/me/vis-mon-job" => Vec<crate::vismonjob::MySignup>;
    /// The entity's ambassadors for an edition.
    ListAmbassadors { slug: String } = GET "/api/v1/recruiter/vis-mon-job/{slug}/ambassadors" => Vec<crate::vismonjob::Ambassador>;
    /// Register an agent of the entity as ambassador.
    CreateAmbassador { slug: String } = POST "/api/v1/recruiter/vis-mon-job/{slug}/ambassadors", body crate::vismonjob::AmbassadorForm => Vec<crate::vismonjob::Ambassador>;
    /// Withdraw one of the entity's ambassadors (their proposed duos go with them).
    DeleteAmbassador { slug: String, id: crate::AmbassadorId } = DELETE "/api/v1/recruiter/vis-mon-job/{slug}/ambassadors/{id}" => ();
    /// Change one of the entity's ambassadors.
    UpdateAmbassador { slug: String, id: crate::AmbassadorId } = PUT "/api/v1/recruiter/vis-mon-job/{slug}/ambassadors/{id}", body crate::vismonjob::AmbassadorForm => Vec<crate::vismonjob::Ambassador>;
    /// Place one of the entity's ambassadors in a session (`null`: in none); the ambassador
    /// gets the session's time and link by e-mail.
    ChooseCoachingSession { slug: String, id: crate::AmbassadorId } = PUT "/api/v1/recruiter/vis-mon-job/{slug}/ambassadors/{id}/coaching", body crate::vismonjob::coaching::CoachingChoice => Vec<crate::vismonjob::coaching::CoachingSession>;
    /// The edition's sessions, with the recruiter's own ambassadors in each.
    RecruiterListCoachingSessions { slug: String } = GET "/api/v1/recruiter/vis-mon-job/{slug}/coaching-sessions" => Vec<crate::vismonjob::coaching::CoachingSession>;
    /// One side's duo page: the other person, the place or visio link, the time.
    ShowDuo { token: String } = GET "/api/v1/vis-mon-job/duos/{token}" => crate::vismonjob::DuoPage;
    /// The day as an iCalendar file.
    DuoCalendar { token: String } = GET "/api/v1/vis-mon-job/duos/{token}/agenda.ics" => crate::api::File;
    /// After the day: one rating and comment per side.
    GiveDuoFeedback { token: String } = POST "/api/v1/vis-mon-job/duos/{token}/feedback", body crate::vismonjob::FeedbackForm => crate::vismonjob::FeedbackForm;
    /// The Vis mon job editions, latest first.
    ListVmjEditions {} = GET "/api/v1/vis-mon-job/editions" => Vec<crate::vismonjob::Edition>;
    /// One edition: dates, format, sign-up window, eligible levels, counts.
    ShowVmjEdition { slug: String } = GET "/api/v1/vis-mon-job/editions/{slug}" => crate::vismonjob::Edition;
    /// The candidate's sign-up for an edition.
    ShowVmjSignup { slug: String } = GET "/api/v1/vis-mon-job/editions/{slug}/signup" => crate::vismonjob::MySignup;
    /// Sign up for an edition. Signed in as a candidate, the sign-up joins the account (201);
    /// otherwise `email` and `password` create the candidate account in the same step, and a link
    /// confirming the address is e-mailed, which signs it in (202). An address that already has
    /// an account gets the same answer, nothing is stored, and its owner is told by e-mail to
    /// sign in: signing up never tells who has an account.
    SignUpToVmj { slug: String } = POST "/api/v1/vis-mon-job/editions/{slug}/signup", body crate::vismonjob::StudentSignupForm => crate::vismonjob::MySignup;
    /// Change the sign-up, until the sign-ups close.
    UpdateVmjSignup { slug: String } = PUT "/api/v1/vis-mon-job/editions/{slug}/signup", body crate::vismonjob::StudentSignupForm => crate::vismonjob::MySignup;
    /// The signed-in student's duo page for an edition, once the duos are announced.
    ShowMyDuo { slug: String } = GET "/api/v1/vis-mon-job/editions/{slug}/signup/duo" => crate::vismonjob::DuoPage;
    /// The signed-in student's day as an iCalendar file.
    MyDuoCalendar { slug: String } = GET "/api/v1/vis-mon-job/editions/{slug}/signup/duo/agenda.ics" => crate::api::File;
    /// The signed-in student's feedback on the day.
    GiveMyFeedback { slug: String } = POST "/api/v1/vis-mon-job/editions/{slug}/signup/duo/feedback", body crate::vismonjob::FeedbackForm => crate::vismonjob::FeedbackForm;
}
