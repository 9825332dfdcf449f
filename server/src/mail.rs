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

/// Confirms the address of a new candidate account.
pub fn verify_email(public_url: &str, to: &str, secret: &str) -> Email {
    Email {
        to: to.to_owned(),
        subject: "Confirmez votre adresse électronique".to_owned(),
        body: format!(
            "Bonjour,\n\nVotre compte a bien été créé. Pour confirmer votre adresse, ouvrez ce lien (valable 7 jours) :\n\
             {public_url}/compte/confirmer?jeton={secret}\n\n\
             Si vous n'êtes pas à l'origine de cette inscription, ignorez ce message.{SIGNATURE}"
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
