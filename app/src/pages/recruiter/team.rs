//! `/espace-recruteur/equipe`: the entity's recruiters; invite a colleague, revoke one.

use leptos::prelude::*;
use leptos_meta::Title;
use shared::admin::{ColleagueInvitation, TeamMember};
use shared::api::accounts::ShowMe;
use shared::api::recruiter::{InviteColleague, ListTeam, RevokeColleague};
use shared::Problem;

use super::SpaceNav;
use crate::api::browser;
use crate::components::form::{Success, TextField};
use crate::components::states::{LastProblem, Loading, ProblemAlert};

#[component]
pub fn TeamPage() -> impl IntoView {
    let team = LocalResource::new(|| browser::fetch(ListTeam {}));
    let me = LocalResource::new(|| browser::fetch(ShowMe {}));
    let email = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<Problem>);
    let done = RwSignal::new(None::<String>);
    let invite = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = ColleagueInvitation {
            email: email.get_untracked(),
        };
        browser::act(
            InviteColleague {},
            body,
            problem,
            move |member: Option<TeamMember>| {
                done.set(member.map(|m| format!("Invitation envoyée à {}.", m.email)));
                email.set(String::new());
                team.refetch();
            },
        );
    };
    let revoke = move |member: TeamMember| {
        browser::act(
            RevokeColleague { id: member.id },
            (),
            problem,
            move |_: Option<()>| {
                done.set(Some(format!("Accès retiré à {}.", member.email)));
                team.refetch();
            },
        );
    };
    view! {
        <Title text="Équipe" />
        <div class="fr-container fr-my-4w">
            <h1>"Équipe"</h1>
            <SpaceNav current="/espace-recruteur/equipe" />
            <LastProblem problem />
            <Success message=done />
            <Suspense fallback=|| view! { <Loading /> }>
                {move || Suspend::new(async move {
                    let my_id = me.await.ok().map(|m| m.id);
                    match team.await {
                        Err(problem) => view! { <ProblemAlert problem /> }.into_any(),
                        Ok(members) => view! {
                            <div class="fr-table"><table tabindex="0">
                                <caption>"Recruteurs de votre entité"</caption>
                                <thead><tr><th scope="col">"Adresse"</th><th scope="col">"État"</th><th scope="col">"Action"</th></tr></thead>
                                <tbody>
                                    {members.into_iter().map(|m| {
                                        let own = Some(m.id) == my_id;
                                        let label = format!("Retirer l'accès de {}", m.email);
                                        view! {
                                            <tr>
                                                <td>{m.email.clone()}</td>
                                                <td>{if m.active { "Actif" } else { "Invitation envoyée" }}</td>
                                                <td>{if own {
                                                    view! { <span>"Vous"</span> }.into_any()
                                                } else {
                                                    let m = m.clone();
                                                    view! {
                                                        <button class="fr-btn fr-btn--sm fr-btn--tertiary" type="button" on:click=move |_| revoke(m.clone())>
                                                            {label}
                                                        </button>
                                                    }.into_any()
                                                }}</td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table></div>
                        }.into_any(),
                    }
                })}
            </Suspense>
            <section aria-labelledby="inviter-collegue">
                <h2 id="inviter-collegue">"Inviter un ou une collègue"</h2>
                <form on:submit=invite>
                    <TextField id="colleague-email" label="Adresse électronique professionnelle" value=email kind="email" autocomplete="email" required=true />
                    <button class="fr-btn" type="submit">"Envoyer l'invitation"</button>
                </form>
            </section>
        </div>
    }
}
