//! Hard constraints and satisfaction of one (student, ambassador) pair, and its explanation.

use serde::{Deserialize, Serialize};

use crate::{Ambassador, Format, Student};

/// Points for the métier wish of rank 1, 2 and 3.
const METIER_WISH_POINTS: [u32; 3] = [40, 25, 10];
const ADMINISTRATION_POINTS: u32 = 15;
const SAME_DEPARTEMENT_POINTS: u32 = 20;
const SAME_REGION_POINTS: u32 = 10;

/// The best score a pair can have.
pub const MAX_SCORE: u32 = METIER_WISH_POINTS[0] + ADMINISTRATION_POINTS + SAME_DEPARTEMENT_POINTS;

/// How the duo meets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Mode {
    OnSite,
    Remote,
}

/// What makes a pair satisfying, in the order the explanation states it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Reason {
    /// Rank of the métier among the student's wishes, from 1.
    MetierWish(u8),
    SameDepartement,
    SameRegion,
    Remote,
    WishedAdministration,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pairing {
    pub mode: Mode,
    pub score: u32,
    pub reasons: Vec<Reason>,
}

/// `None` when the pair breaks a hard constraint: the student is not eligible, the ambassador's
/// métier is not among the wishes, or neither an on-site day (same region, both the edition and
/// the ambassador allow it) nor a remote one (the edition, the student and the ambassador accept
/// it) is possible. Otherwise the best way for them to meet and its score.
pub fn evaluate(format: Format, student: &Student, ambassador: &Ambassador) -> Option<Pairing> {
    if !student.eligible || ambassador.capacity == 0 {
        return None;
    }
    let rank = student
        .metier_wishes
        .iter()
        .take(METIER_WISH_POINTS.len())
        .position(|&metier| metier == ambassador.metier)?;
    let on_site = format.allows_on_site()
        && ambassador.on_site
        && student.place.region == ambassador.place.region;
    let remote = format.allows_remote() && student.remote_ok && ambassador.remote;
    let (mode, place_reason, place_points) =
        if on_site && student.place.departement == ambassador.place.departement {
            (
                Mode::OnSite,
                Reason::SameDepartement,
                SAME_DEPARTEMENT_POINTS,
            )
        } else if on_site {
            (Mode::OnSite, Reason::SameRegion, SAME_REGION_POINTS)
        } else if remote {
            (Mode::Remote, Reason::Remote, 0)
        } else {
            return None;
        };
    let mut score = METIER_WISH_POINTS[rank] + place_points;
    let mut reasons = vec![
        Reason::MetierWish(u8::try_from(rank + 1).unwrap_or(u8::MAX)),
        place_reason,
    ];
    if ambassador
        .administrations
        .iter()
        .any(|a| student.administrations.contains(a))
    {
        score += ADMINISTRATION_POINTS;
        reasons.push(Reason::WishedAdministration);
    }
    Some(Pairing {
        mode,
        score,
        reasons,
    })
}

/// A short French explanation: « 1er vœu de métier, même département, administration souhaitée ».
pub fn explain(reasons: &[Reason]) -> String {
    reasons
        .iter()
        .map(|reason| match reason {
            Reason::MetierWish(1) => "1er vœu de métier".to_owned(),
            Reason::MetierWish(rank) => format!("{rank}e vœu de métier"),
            Reason::SameDepartement => "même département".to_owned(),
            Reason::SameRegion => "même région".to_owned(),
            Reason::Remote => "en visio".to_owned(),
            Reason::WishedAdministration => "administration souhaitée".to_owned(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Place;

    fn place(departement: &str, region: &str) -> Place {
        Place {
            departement: departement.into(),
            region: region.into(),
        }
    }

    fn student() -> Student {
        Student {
            metier_wishes: vec![7, 3],
            administrations: vec![100],
            place: place("69", "84"),
            remote_ok: false,
            eligible: true,
        }
    }

    fn ambassador(metier: u32, departement: &str, region: &str) -> Ambassador {
        Ambassador {
            metier,
            administrations: vec![12, 100],
            place: place(departement, region),
            on_site: true,
            remote: true,
            capacity: 1,
        }
    }

    #[test]
    fn a_first_wish_nearby_in_a_wished_administration_scores_the_most_and_says_why() {
        let pairing =
            evaluate(Format::Both, &student(), &ambassador(7, "69", "84")).expect("compatible");
        assert_eq!(pairing.score, MAX_SCORE);
        assert_eq!(pairing.mode, Mode::OnSite);
        assert_eq!(
            explain(&pairing.reasons),
            "1er vœu de métier, même département, administration souhaitée"
        );
    }

    #[test]
    fn same_region_beats_remote_and_another_region_needs_remote_on_both_sides() {
        let region =
            evaluate(Format::Both, &student(), &ambassador(3, "38", "84")).expect("same region");
        assert_eq!(
            explain(&region.reasons),
            "2e vœu de métier, même région, administration souhaitée"
        );
        assert_eq!(
            evaluate(Format::Both, &student(), &ambassador(3, "75", "11")),
            None
        );
        let mut remote_student = student();
        remote_student.remote_ok = true;
        let remote =
            evaluate(Format::Both, &remote_student, &ambassador(3, "75", "11")).expect("visio");
        assert_eq!(remote.mode, Mode::Remote);
        assert!(remote.score < region.score);
    }

    #[test]
    fn hard_constraints_rule_pairs_out() {
        assert_eq!(
            evaluate(Format::Both, &student(), &ambassador(9, "69", "84")),
            None,
            "métier not wished"
        );
        assert_eq!(
            evaluate(Format::Remote, &student(), &ambassador(7, "69", "84")),
            None,
            "remote-only edition"
        );
        let mut ineligible = student();
        ineligible.eligible = false;
        assert_eq!(
            evaluate(Format::Both, &ineligible, &ambassador(7, "69", "84")),
            None
        );
    }
}
