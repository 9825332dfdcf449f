//! `/espace-recruteur/profils`: candidates who let recruiters find them (never those who
//! hide their profile from this entity).

use leptos::prelude::*;
use leptos_meta::Title;
use shared::api::recruiter::ListTalents;

use super::SpaceNav;
use crate::api::browser;
use crate::components::states::{Empty, Loaded};
use crate::format;

#[component]
pub fn TalentsPage() -> impl IntoView {
    let talents = LocalResource::new(|| {
        browser::fetch(ListTalents {
            query: Default::default(),
        })
    });
    view! {
        <Title text="Profils de candidats" />
        <div class="fr-container fr-my-4w">
            <h1>"Profils de candidats"</h1>
            <SpaceNav current="/espace-recruteur/profils" />
            <p>"Ces candidats ont choisi d'être visibles des recruteurs de l'État. Contactez-les au sujet d'une offre qui leur correspond."</p>
            <Loaded resource=talents view=move |list| {
                if list.is_empty() {
                    view! { <Empty message="Aucun profil visible pour l'instant." /> }.into_any()
                } else {
                    view! {
                        <div class="fr-table"><table tabindex="0">
                            <caption>{format::count(list.len() as i64, "profil visible", "profils visibles")}</caption>
                            <thead><tr>
                                <th scope="col">"Candidat"</th>
                                <th scope="col">"Métiers recherchés"</th>
                                <th scope="col">"Régions"</th>
                                <th scope="col">"Contrats"</th>
                            </tr></thead>
                            <tbody>
                                {list.into_iter().map(|t| view! {
                                    <tr>
                                        <td>{format!("{} {}", t.first_name, t.last_name)}<br />
                                            <a href=format!("mailto:{}", t.email)>{t.email.clone()}</a></td>
                                        <td>{t.metiers.join(", ")}</td>
                                        <td>{t.regions.join(", ")}</td>
                                        <td>{t.contract_types.iter().map(|c| c.label()).collect::<Vec<_>>().join(", ")}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table></div>
                    }.into_any()
                }
            } />
        </div>
    }
}
