//! The e-mails the platform sends, in French. They are queued in the `outbox` table in the
//! same transaction as what they announce, then delivered by the outbox sender.

/// One message to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email {
    pub to: String,
    pub subject: String,
    pub body: String,
}

/// The page where a reset or invitation link lets one choose a password.
pub fn password_link(public_url: &str, secret: &str) -> String {
    format!("{public_url}/compte/mot-de-passe?jeton={secret}")
}

const SIGNATURE: &str = "\n\n--\nL'équipe Talents du numérique de l'État (DINUM)";

/// Confirms the address of a new candidate account (at sign-up, or asked again); the link
/// opens the account's session, then goes on to `retour` (a path of this site) if given.
pub fn verify_email(public_url: &str, to: &str, secret: &str, retour: Option<&str>) -> Email {
    let days = shared::account::CONFIRMATION_DAYS;
    let then = retour
        .filter(|r| r.starts_with('/'))
        .map(|r| format!("&retour={}", shared::search::percent_encode(r)))
        .unwrap_or_default();
    Email {
        to: to.to_owned(),
        subject: "Confirmez votre adresse électronique".to_owned(),
        body: format!(
            "Bonjour,\n\nPour confirmer l'adresse de votre compte et vous connecter, ouvrez ce lien (valable {days} jours) :\n\
             {public_url}/compte/confirmer?jeton={secret}{then}\n\n\
             Tant qu'elle n'est pas confirmée, nous ne vous écrivons rien d'autre (candidatures, alertes, forum, Vis mon job) \
             et les recruteurs ne voient pas votre profil. Un compte non confirmé {days} jours après sa création est supprimé.\n\n\
             Si vous n'êtes pas à l'origine de cette inscription, ignorez ce message : le compte sera supprimé.{SIGNATURE}"
        ),
    }
}

/// Someone signed up with an address that already has an account: its owner is told and
/// shown the way in, instead of the sign-up saying who has an account. `about` names what
/// was asked (« un compte », « une inscription à … »).
pub fn signup_existing(public_url: &str, to: &str, about: &str, retour: &str) -> Email {
    let sign_in = format!(
        "{public_url}/connexion?retour={}",
        shared::search::percent_encode(retour)
    );
    Email {
        to: to.to_owned(),
        subject: "Vous avez déjà un compte".to_owned(),
        body: format!(
            "Bonjour,\n\nQuelqu'un, vous sans doute, a demandé {about} avec cette adresse, qui a déjà un compte : \
             rien n'a été créé. Connectez-vous pour continuer :\n{sign_in}\n\n\
             Mot de passe oublié ? {public_url}/compte/mot-de-passe-oublie\n\n\
             Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : rien n'a changé.{SIGNATURE}"
        ),
    }
}

/// A password reset link, valid one hour, usable once.
pub fn reset_password(public_url: &str, to: &str, secret: &str) -> Email {
    Email {
        to: to.to_owned(),
        subject: "Réinitialisation de votre mot de passe".to_owned(),
        body: format!(
            "Bonjour,\n\nPour choisir un nouveau mot de passe, ouvrez ce lien (valable une heure, utilisable une seule fois) :\n\
             {}\n\n\
             Si vous n'avez rien demandé, ignorez ce message : votre mot de passe reste inchangé.{SIGNATURE}",
            password_link(public_url, secret)
        ),
    }
}

/// Invites a recruiter to run an entity's space.
pub fn invitation(public_url: &str, to: &str, entity_name: &str, secret: &str) -> Email {
    Email {
        to: to.to_owned(),
        subject: format!("Invitation à gérer l'espace recruteur de {entity_name}"),
        body: format!(
            "Bonjour,\n\nVous êtes invité(e) à gérer la vitrine et les offres d'emploi de {entity_name} sur Talents du numérique de l'État.\n\
             Choisissez votre mot de passe avec ce lien (valable 7 jours) :\n\
             {}{SIGNATURE}",
            password_link(public_url, secret)
        ),
    }
}

/// Acknowledges an access request.
pub fn access_requested(to: &str, entity_name: &str) -> Email {
    Email {
        to: to.to_owned(),
        subject: "Votre demande d'accès à l'espace recruteur".to_owned(),
        body: format!(
            "Bonjour,\n\nNous avons bien reçu votre demande d'accès à l'espace recruteur de {entity_name}.\n\
             L'équipe talents de la DINUM l'examine ; vous recevrez une invitation si elle est acceptée.{SIGNATURE}"
        ),
    }
}

/// Tells a requester that their access request was declined, and why.
pub fn access_declined(to: &str, entity_name: &str, reason: &str) -> Email {
    Email {
        to: to.to_owned(),
        subject: "Votre demande d'accès à l'espace recruteur".to_owned(),
        body: format!(
            "Bonjour,\n\nNous ne pouvons pas donner suite à votre demande d'accès à l'espace recruteur de {entity_name}.\n\n\
             {reason}\n\n\
             Un ou une collègue qui dispose déjà d'un accès peut aussi vous inviter depuis l'espace recruteur.{SIGNATURE}"
        ),
    }
}

/// What an application is for, in a sentence: "l'offre « … » (entity)" or a spontaneous one.
pub fn application_subject(offer_title: Option<&str>, entity_name: &str) -> String {
    match offer_title {
        Some(title) => format!("l'offre « {title} » ({entity_name})"),
        None => format!("une candidature spontanée auprès de {entity_name}"),
    }
}

/// Acknowledges an application to the candidate.
pub fn application_received(to: &str, first_name: &str, about: &str) -> Email {
    Email {
        to: to.to_owned(),
        subject: "Nous avons bien reçu votre candidature".to_owned(),
        body: format!(
            "Bonjour {first_name},\n\nVotre candidature pour {about} est bien enregistrée et transmise \
             à l'équipe de recrutement. Vous serez informé(e) par courriel de chaque étape ; si vous \
             avez un compte, vous la suivez aussi dans votre espace candidat.{SIGNATURE}"
        ),
    }
}

/// Tells a recruiter of the entity that an application arrived.
pub fn application_notification(public_url: &str, to: &str, candidate: &str, about: &str) -> Email {
    Email {
        to: to.to_owned(),
        subject: format!("Nouvelle candidature de {candidate}"),
        body: format!(
            "Bonjour,\n\n{candidate} a postulé pour {about}.\n\
             Les candidatures de votre entité : {public_url}/espace-recruteur/candidatures{SIGNATURE}"
        ),
    }
}

/// Tells a recruiter that a candidate withdrew their application.
pub fn application_withdrawn(public_url: &str, to: &str, candidate: &str, about: &str) -> Email {
    Email {
        to: to.to_owned(),
        subject: format!("Candidature retirée par {candidate}"),
        body: format!(
            "Bonjour,\n\n{candidate} a retiré sa candidature pour {about}.\n\
             Les candidatures de votre entité : {public_url}/espace-recruteur/candidatures{SIGNATURE}"
        ),
    }
}

/// Tells a candidate, courteously, that the application was not retained, and why.
pub fn application_rejected(to: &str, first_name: &str, about: &str, reason: &str) -> Email {
    Email {
        to: to.to_owned(),
        subject: "Réponse à votre candidature".to_owned(),
        body: format!(
            "Bonjour {first_name},\n\nNous vous remercions de l'intérêt que vous portez au service public \
             numérique et du temps consacré à votre candidature pour {about}.\n\n\
             Après examen attentif, nous ne pouvons pas y donner une suite favorable :\n\n{reason}\n\n\
             D'autres offres pourraient vous correspondre ; nous vous souhaitons une belle réussite \
             dans vos recherches.{SIGNATURE}"
        ),
    }
}

/// Tells a candidate that their application moved forward (interview, accepted).
pub fn application_progress(to: &str, first_name: &str, about: &str, status: &str) -> Email {
    Email {
        to: to.to_owned(),
        subject: "Votre candidature avance".to_owned(),
        body: format!(
            "Bonjour {first_name},\n\nVotre candidature pour {about} a un nouveau statut : {status}.\n\
             L'équipe de recrutement vous contactera directement pour la suite.{SIGNATURE}"
        ),
    }
}

/// The daily digest of an alert: the new offers of its search.
pub fn alert_digest(
    public_url: &str,
    to: &str,
    name: &str,
    query: &str,
    offers: &[shared::offer::OfferSummary],
) -> Email {
    let lines: String = offers
        .iter()
        .map(|o| {
            format!(
                "- {} — {}, {}\n  {public_url}/offres/{}\n",
                o.title, o.entity.name, o.location.city, o.id
            )
        })
        .collect();
    Email {
        to: to.to_owned(),
        subject: format!("Alerte « {name} » : {} nouvelle(s) offre(s)", offers.len()),
        body: format!(
            "Bonjour,\n\nDe nouvelles offres correspondent à votre alerte « {name} » :\n\n{lines}\n\
             Toutes les offres de cette recherche : {public_url}/offres?{query}\n\
             Gérer vos alertes : {public_url}/espace-candidat/alertes{SIGNATURE}"
        ),
    }
}

/// Confirms a student's Vis mon job sign-up.
pub fn vmj_signed_up(
    public_url: &str,
    to: &str,
    first_name: &str,
    edition: &str,
    closes: &str,
) -> Email {
    Email {
        to: to.to_owned(),
        subject: format!("Inscription confirmée : {edition}"),
        body: format!(
            "Bonjour {first_name},\n\nVotre inscription à « {edition} » est bien enregistrée.\n\
             Vous pouvez la modifier jusqu'au {closes} depuis votre espace :\n{public_url}/espace-candidat/vis-mon-job\n\n\
             Après la clôture, l'équipe forme les duos ; vous recevrez alors le nom de votre ambassadeur ou ambassadrice.{SIGNATURE}"
        ),
    }
}

/// Tells one side of a duo who the other is, with the link to the duo page.
pub fn vmj_duo(
    to: &str,
    first_name: &str,
    edition: &str,
    day: &str,
    partner: &str,
    page: &str,
) -> Email {
    Email {
        to: to.to_owned(),
        subject: format!("Votre duo Vis mon job du {day}"),
        body: format!(
            "Bonjour {first_name},\n\nPour « {edition} », vous formez un duo avec :\n{partner}\n\n\
             Le lieu ou le lien de visio, l'horaire et le fichier agenda sont sur la page du duo :\n{page}\n\
             Ce lien est personnel : ne le partagez pas.{SIGNATURE}"
        ),
    }
}

/// Tells a student that no duo could be formed, and why.
pub fn vmj_no_duo(to: &str, first_name: &str, edition: &str, reason: &str) -> Email {
    Email {
        to: to.to_owned(),
        subject: format!("{edition} : pas de duo cette fois"),
        body: format!(
            "Bonjour {first_name},\n\nNous n'avons pas pu vous proposer de duo pour « {edition} ».\n\
             La raison : {reason}.\n\nVotre inscription reste dans nos listes : nous vous préviendrons de la prochaine édition.{SIGNATURE}"
        ),
    }
}

/// Tells an ambassador when and where their coaching session is.
pub fn vmj_coaching(
    to: &str,
    first_name: &str,
    edition: &str,
    when: &str,
    visio_url: &str,
) -> Email {
    Email {
        to: to.to_owned(),
        subject: format!("Votre préparation d'ambassadeur : {when}"),
        body: format!(
            "Bonjour {first_name},\n\nVotre service vous a inscrit à la préparation des ambassadeurs de « {edition} ».\n\
             Elle dure une heure, en visio, le {when} :\n{visio_url}\n\n\
             Vous y verrez comment accueillir un étudiant ou une étudiante et ce que la journée doit lui apporter.{SIGNATURE}"
        ),
    }
}

/// Tells a candidate on a forum session's waiting list that a seat is theirs.
pub fn forum_promoted(to: &str, title: &str, when: &str, page: &str) -> Email {
    Email {
        to: to.to_owned(),
        subject: format!("Une place s'est libérée : {title}"),
        body: format!(
            "Bonjour,\n\nUne place s'est libérée pour « {title} », le {when} : votre inscription est confirmée.\n\
             Le lien de la session est sur sa page, une fois connecté :\n{page}\n\n\
             Si vous ne pouvez plus y assister, annulez depuis votre agenda pour laisser la place à la personne suivante.{SIGNATURE}"
        ),
    }
}

/// Reminds a candidate of a forum session or job-dating slot the day before.
pub fn forum_reminder(to: &str, title: &str, when: &str, page: &str) -> Email {
    Email {
        to: to.to_owned(),
        subject: format!("Demain : {title}"),
        body: format!(
            "Bonjour,\n\nRappel : « {title} » a lieu demain, le {when} (heure de Paris).\n\
             Le lien de connexion est sur la page de la session :\n{page}\n\n\
             Empêché ? Annulez depuis votre agenda : quelqu'un attend peut-être votre place.{SIGNATURE}"
        ),
    }
}
