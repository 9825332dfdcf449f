//! The mandatory pages linked from the footer.

use leptos::prelude::*;
use leptos_meta::Title;

#[component]
fn TextPage(title: &'static str, children: Children) -> impl IntoView {
    view! {
        <Title text=title />
        <div class="fr-container fr-my-7w">
            <h1>{title}</h1>
            {children()}
        </div>
    }
}

#[component]
pub fn AccessibilityPage() -> impl IntoView {
    view! {
        <TextPage title="Déclaration d'accessibilité">
            <p>"La Direction interministérielle du numérique s'engage à rendre ce service accessible, conformément à l'article 47 de la loi n° 2005-102 du 11 février 2005."</p>
            <h2>"État de conformité"</h2>
            <p>"Ce site est partiellement conforme au référentiel général d'amélioration de l'accessibilité (RGAA 4.1) : chaque page est contrôlée automatiquement (axe-core, critères WCAG 2.1 niveaux A et AA) ; un audit complet reste à conduire."</p>
            <h2>"Retour d'information et contact"</h2>
            <p>"Si vous n'arrivez pas à accéder à un contenu ou à un service, écrivez-nous à talents@numerique.gouv.fr pour être orienté vers une alternative accessible."</p>
            <h2>"Voies de recours"</h2>
            <p>"Si vous constatez un défaut d'accessibilité qui vous empêche d'accéder à un contenu, que vous nous l'avez signalé et que vous n'avez pas obtenu de réponse satisfaisante, vous pouvez saisir le Défenseur des droits."</p>
        </TextPage>
    }
}

#[component]
pub fn LegalNoticePage() -> impl IntoView {
    view! {
        <TextPage title="Mentions légales">
            <h2>"Éditeur"</h2>
            <p>"Direction interministérielle du numérique (DINUM), 20 avenue de Ségur, 75007 Paris."</p>
            <h2>"Directeur de la publication"</h2>
            <p>"La directrice ou le directeur interministériel du numérique."</p>
            <h2>"Hébergement"</h2>
            <p>"Le service est hébergé en France sur une infrastructure qualifiée pour les données de l'État."</p>
            <h2>"Réutilisation des contenus"</h2>
            <p>"Les offres et les vitrines des employeurs sont réutilisables sous licence Etalab 2.0, notamment au moyen de l'API publique."</p>
        </TextPage>
    }
}

#[component]
pub fn PrivacyPage() -> impl IntoView {
    view! {
        <TextPage title="Données personnelles">
            <p>"La consultation des offres et des vitrines ne nécessite aucun compte et ne dépose aucun cookie de suivi."</p>
            <h2>"Données traitées"</h2>
            <p>"Lorsque vous candidatez ou vous inscrivez à un programme (Vis mon job, Forum de l'emploi tech), les données que vous transmettez sont traitées par la DINUM et par l'employeur concerné, pour la seule gestion de votre candidature ou de votre participation."</p>
            <h2>"Vos droits"</h2>
            <p>"Vous disposez d'un droit d'accès, de rectification, d'effacement et de limitation, que vous pouvez exercer auprès du délégué à la protection des données des services du Premier ministre."</p>
        </TextPage>
    }
}
