// Diesel table definitions, written to match migrations/postgres (the reference schema).

diesel::table! {
    regions (code) {
        code -> Text,
        name -> Text,
    }
}

diesel::table! {
    departements (code) {
        code -> Text,
        region_code -> Text,
        name -> Text,
    }
}

diesel::table! {
    metier_families (id) {
        id -> BigInt,
        slug -> Text,
        name -> Text,
        position -> Integer,
    }
}

diesel::table! {
    metiers (id) {
        id -> BigInt,
        family_id -> BigInt,
        slug -> Text,
        name -> Text,
        description -> Text,
        position -> Integer,
    }
}

diesel::table! {
    entities (id) {
        id -> BigInt,
        parent_id -> Nullable<BigInt>,
        slug -> Text,
        name -> Text,
        acronym -> Nullable<Text>,
        kind -> Text,
        departement_code -> Nullable<Text>,
        city -> Nullable<Text>,
        website -> Nullable<Text>,
        presentation -> Text,
        missions -> Text,
        values_json -> Text,
        strengths_json -> Text,
        projects_json -> Text,
        organisation -> Text,
        key_figures_json -> Text,
        recruitment_process -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    testimonials (id) {
        id -> BigInt,
        entity_id -> BigInt,
        author_name -> Text,
        job_title -> Text,
        quote -> Text,
        position -> Integer,
    }
}

diesel::table! {
    offers (id) {
        id -> BigInt,
        entity_id -> BigInt,
        metier_id -> BigInt,
        title -> Text,
        mission -> Text,
        profile -> Text,
        team -> Text,
        perks -> Text,
        process -> Text,
        contract_type -> Text,
        category -> Nullable<Text>,
        region_code -> Text,
        departement_code -> Text,
        city -> Text,
        remote -> Text,
        experience -> Text,
        salary_min -> Nullable<Integer>,
        salary_max -> Nullable<Integer>,
        status -> Text,
        published_at -> Timestamp,
        expires_at -> Timestamp,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    search_changes (id) {
        id -> BigInt,
        kind -> Text,
        ref_id -> BigInt,
        changed_at -> Timestamp,
    }
}

diesel::table! {
    offer_changes_purge (id) {
        id -> Integer,
        purged_through -> BigInt,
    }
}

diesel::table! {
    offer_changes (seq) {
        seq -> BigInt,
        offer_id -> BigInt,
        changed_at -> Timestamp,
    }
}

diesel::joinable!(departements -> regions (region_code));
diesel::joinable!(metiers -> metier_families (family_id));
diesel::joinable!(testimonials -> entities (entity_id));
diesel::joinable!(offers -> entities (entity_id));
diesel::joinable!(offers -> metiers (metier_id));
diesel::joinable!(offers -> departements (departement_code));

diesel::table! {
    users (id) {
        id -> BigInt,
        email -> Text,
        password_hash -> Nullable<Text>,
        role -> Text,
        entity_id -> Nullable<BigInt>,
        email_verified_at -> Nullable<Timestamp>,
        disabled_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    sessions (id) {
        id -> BigInt,
        token_hash -> Text,
        user_id -> BigInt,
        created_at -> Timestamp,
        expires_at -> Timestamp,
    }
}

diesel::table! {
    user_tokens (id) {
        id -> BigInt,
        token_hash -> Text,
        user_id -> BigInt,
        purpose -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    outbox (id) {
        id -> BigInt,
        recipient -> Text,
        subject -> Text,
        body -> Text,
        created_at -> Timestamp,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        sent_at -> Nullable<Timestamp>,
        last_error -> Nullable<Text>,
        account_link -> Bool,
    }
}

diesel::table! {
    audit_log (id) {
        id -> BigInt,
        actor_id -> Nullable<BigInt>,
        entity_id -> Nullable<BigInt>,
        action -> Text,
        target -> Text,
        created_at -> Timestamp,
    }
}

diesel::joinable!(users -> entities (entity_id));
diesel::joinable!(sessions -> users (user_id));
diesel::joinable!(user_tokens -> users (user_id));

diesel::table! {
    access_requests (id) {
        id -> BigInt,
        email -> Text,
        full_name -> Text,
        job_title -> Text,
        entity_id -> BigInt,
        message -> Text,
        status -> Text,
        created_at -> Timestamp,
        decided_at -> Nullable<Timestamp>,
        decided_by -> Nullable<BigInt>,
    }
}

diesel::table! {
    offer_views (offer_id, day) {
        offer_id -> BigInt,
        day -> Date,
        views -> BigInt,
    }
}

diesel::joinable!(access_requests -> entities (entity_id));
diesel::joinable!(offer_views -> offers (offer_id));

diesel::table! {
    applications (id) {
        id -> BigInt,
        entity_id -> BigInt,
        offer_id -> Nullable<BigInt>,
        candidate_id -> Nullable<BigInt>,
        idempotency_key -> Text,
        first_name -> Text,
        last_name -> Text,
        email -> Text,
        phone -> Nullable<Text>,
        message -> Text,
        linkedin_url -> Nullable<Text>,
        github_url -> Nullable<Text>,
        portfolio_url -> Nullable<Text>,
        cv_key -> Nullable<Text>,
        consent_at -> Timestamp,
        status -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        first_answer_at -> Nullable<Timestamp>,
        anonymised_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    application_events (id) {
        id -> BigInt,
        application_id -> BigInt,
        actor_id -> Nullable<BigInt>,
        status -> Nullable<Text>,
        body -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    candidate_profiles (user_id) {
        user_id -> BigInt,
        first_name -> Text,
        last_name -> Text,
        phone -> Nullable<Text>,
        metiers_json -> Text,
        regions_json -> Text,
        contracts_json -> Text,
        linkedin_url -> Nullable<Text>,
        github_url -> Nullable<Text>,
        portfolio_url -> Nullable<Text>,
        visible -> Bool,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    profile_hidden_entities (user_id, entity_id) {
        user_id -> BigInt,
        entity_id -> BigInt,
    }
}

diesel::table! {
    job_alerts (id) {
        id -> BigInt,
        user_id -> BigInt,
        name -> Text,
        query -> Text,
        feed_token_hash -> Text,
        created_at -> Timestamp,
        checked_at -> Timestamp,
    }
}

diesel::joinable!(job_alerts -> users (user_id));
diesel::joinable!(candidate_profiles -> users (user_id));
diesel::joinable!(profile_hidden_entities -> candidate_profiles (user_id));
diesel::joinable!(profile_hidden_entities -> entities (entity_id));
diesel::joinable!(applications -> entities (entity_id));
diesel::joinable!(applications -> offers (offer_id));
diesel::joinable!(application_events -> applications (application_id));
diesel::joinable!(application_events -> users (actor_id));

diesel::table! {
    vmj_editions (id) {
        id -> BigInt,
        slug -> Text,
        title -> Text,
        description -> Text,
        starts_at -> Timestamp,
        ends_at -> Timestamp,
        format -> Text,
        signup_opens_at -> Timestamp,
        signup_closes_at -> Timestamp,
        levels_json -> Text,
        status -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    vmj_students (id) {
        id -> BigInt,
        edition_id -> BigInt,
        user_id -> BigInt,
        first_name -> Text,
        last_name -> Text,
        school -> Text,
        study_level -> Text,
        field -> Text,
        departement_code -> Text,
        remote_ok -> Bool,
        wishes_json -> Text,
        administrations_json -> Text,
        motivation -> Text,
        consented_at -> Timestamp,
        unmatched_reason -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    vmj_ambassadors (id) {
        id -> BigInt,
        edition_id -> BigInt,
        entity_id -> BigInt,
        first_name -> Text,
        last_name -> Text,
        email -> Text,
        job_title -> Text,
        metier_id -> BigInt,
        departement_code -> Text,
        on_site -> Bool,
        remote -> Bool,
        capacity -> Integer,
        address -> Text,
        visio_url -> Text,
        coached -> Bool,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        coaching_session_id -> Nullable<BigInt>,
    }
}

diesel::table! {
    vmj_coaching_sessions (id) {
        id -> BigInt,
        edition_id -> BigInt,
        starts_at -> Timestamp,
        ends_at -> Timestamp,
        visio_url -> Text,
        capacity -> Integer,
        booked -> Integer,
        created_at -> Timestamp,
    }
}

diesel::table! {
    vmj_duos (id) {
        id -> BigInt,
        edition_id -> BigInt,
        student_id -> BigInt,
        ambassador_id -> BigInt,
        mode -> Text,
        score -> Integer,
        explanation -> Text,
        pinned -> Bool,
        student_token_hash -> Text,
        ambassador_token_hash -> Text,
        created_at -> Timestamp,
        published_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    vmj_forbidden_pairs (student_id, ambassador_id) {
        student_id -> BigInt,
        ambassador_id -> BigInt,
    }
}

diesel::table! {
    vmj_feedback (duo_id, side) {
        duo_id -> BigInt,
        side -> Text,
        rating -> Integer,
        comment -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    vmj_match_runs (edition_id) {
        edition_id -> BigInt,
        matched -> Integer,
        students -> Integer,
        started_at -> Timestamp,
        finished_at -> Nullable<Timestamp>,
        error -> Nullable<Text>,
    }
}

diesel::joinable!(vmj_students -> vmj_editions (edition_id));
diesel::joinable!(vmj_students -> users (user_id));
diesel::joinable!(vmj_ambassadors -> vmj_editions (edition_id));
diesel::joinable!(vmj_ambassadors -> entities (entity_id));
diesel::joinable!(vmj_ambassadors -> metiers (metier_id));
diesel::joinable!(vmj_ambassadors -> vmj_coaching_sessions (coaching_session_id));
diesel::joinable!(vmj_coaching_sessions -> vmj_editions (edition_id));
diesel::joinable!(vmj_duos -> vmj_students (student_id));
diesel::joinable!(vmj_duos -> vmj_ambassadors (ambassador_id));
diesel::joinable!(vmj_feedback -> vmj_duos (duo_id));
diesel::joinable!(vmj_forbidden_pairs -> vmj_students (student_id));

diesel::table! {
    forum_editions (id) {
        id -> BigInt,
        slug -> Text,
        title -> Text,
        description -> Text,
        starts_at -> Timestamp,
        ends_at -> Timestamp,
        registration_closes_at -> Timestamp,
        published -> Bool,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    forum_sessions (id) {
        id -> BigInt,
        edition_id -> BigInt,
        kind -> Text,
        title -> Text,
        description -> Text,
        speakers_json -> Text,
        entity_id -> Nullable<BigInt>,
        metier_id -> Nullable<BigInt>,
        starts_at -> Timestamp,
        ends_at -> Timestamp,
        capacity -> Integer,
        online_url -> Text,
        confirmed -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    forum_participants (edition_id, user_id) {
        edition_id -> BigInt,
        user_id -> BigInt,
        first_name -> Text,
        last_name -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    forum_registrations (id) {
        id -> BigInt,
        session_id -> BigInt,
        user_id -> BigInt,
        status -> Text,
        created_at -> Timestamp,
        promoted_at -> Nullable<Timestamp>,
        joined_at -> Nullable<Timestamp>,
        reminded_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    forum_slots (id) {
        id -> BigInt,
        session_id -> BigInt,
        starts_at -> Timestamp,
        ends_at -> Timestamp,
        created_at -> Timestamp,
    }
}

diesel::table! {
    forum_bookings (id) {
        id -> BigInt,
        slot_id -> BigInt,
        session_id -> BigInt,
        user_id -> BigInt,
        created_at -> Timestamp,
        reminded_at -> Nullable<Timestamp>,
    }
}

diesel::joinable!(forum_sessions -> forum_editions (edition_id));
diesel::joinable!(forum_sessions -> entities (entity_id));
diesel::joinable!(forum_sessions -> metiers (metier_id));
diesel::joinable!(forum_participants -> forum_editions (edition_id));
diesel::joinable!(forum_participants -> users (user_id));
diesel::joinable!(forum_registrations -> forum_sessions (session_id));
diesel::joinable!(forum_registrations -> users (user_id));
diesel::joinable!(forum_slots -> forum_sessions (session_id));
diesel::joinable!(forum_bookings -> forum_slots (slot_id));
diesel::joinable!(forum_bookings -> forum_sessions (session_id));
diesel::joinable!(forum_bookings -> users (user_id));

diesel::allow_tables_to_appear_in_same_query!(
    offer_changes,
    offer_changes_purge,
    regions,
    departements,
    metier_families,
    metiers,
    entities,
    testimonials,
    offers,
    users,
    sessions,
    user_tokens,
    outbox,
    audit_log,
    access_requests,
    offer_views,
    applications,
    application_events,
    candidate_profiles,
    profile_hidden_entities,
    job_alerts,
    vmj_editions,
    vmj_students,
    vmj_ambassadors,
    vmj_duos,
    vmj_forbidden_pairs,
    vmj_feedback,
    vmj_match_runs,
    vmj_coaching_sessions,
    forum_editions,
    forum_sessions,
    forum_participants,
    forum_registrations,
    forum_slots,
    forum_bookings,
    api_keys,
    rate_limit_hits,
    daily_quotas,
    webhooks,
    webhook_deliveries,
);

diesel::table! {
    api_keys (id) {
        id -> BigInt,
        name -> Text,
        contact_email -> Text,
        key_hash -> Text,
        prefix -> Text,
        created_by -> Nullable<BigInt>,
        created_at -> Timestamp,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    rate_limit_hits (bucket, window_start) {
        bucket -> Text,
        window_start -> BigInt,
        hits -> Integer,
    }
}

diesel::table! {
    daily_quotas (bucket, day) {
        bucket -> Text,
        day -> BigInt,
        used -> BigInt,
    }
}

diesel::table! {
    webhooks (id) {
        id -> BigInt,
        api_key_id -> BigInt,
        url -> Text,
        secret -> Text,
        events -> Text,
        after_seq -> BigInt,
        after_at -> Timestamp,
        next_attempt_at -> Timestamp,
        failures -> Integer,
        disabled_at -> Nullable<Timestamp>,
        disabled_reason -> Nullable<Text>,
        created_by -> Nullable<BigInt>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    webhook_deliveries (id) {
        id -> BigInt,
        webhook_id -> BigInt,
        seq -> BigInt,
        message_id -> Text,
        event -> Text,
        offer_id -> BigInt,
        attempts -> Integer,
        status_code -> Nullable<Integer>,
        last_error -> Nullable<Text>,
        created_at -> Timestamp,
        delivered_at -> Nullable<Timestamp>,
    }
}

diesel::joinable!(webhooks -> api_keys (api_key_id));
diesel::joinable!(webhook_deliveries -> webhooks (webhook_id));
