//! « Vis mon job »: pairs students with State agents (ambassadors) for a day of immersion.
//!
//! Pure and deterministic: no I/O, the same instance always gives the same duos. The objective
//! is lexicographic — as many duos as possible, then the greatest total satisfaction — and it is
//! solved exactly as a minimum-cost maximum flow (see [`flow`]): source → each student
//! (capacity 1) → each compatible ambassador (capacity 1, cost `MAX_SCORE − score`) → sink
//! (capacity = the ambassador's). Every maximum flow has the same number of units, so the
//! cheapest one is the one with the greatest total score.

pub mod flow;
pub mod generate;
mod satisfaction;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use flow::FlowNetwork;
pub use satisfaction::{evaluate, explain, Mode, Pairing, Reason, MAX_SCORE};

/// How the edition's day happens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Format {
    OnSite,
    Remote,
    Both,
}

impl Format {
    pub fn allows_on_site(self) -> bool {
        matches!(self, Self::OnSite | Self::Both)
    }

    pub fn allows_remote(self) -> bool {
        matches!(self, Self::Remote | Self::Both)
    }
}

/// Where someone is: a département code and its region code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    pub departement: String,
    pub region: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Student {
    /// Métier ids, most wished first (at most three are scored).
    pub metier_wishes: Vec<u32>,
    /// Entity ids of the administrations the student would like (may be empty).
    pub administrations: Vec<u32>,
    pub place: Place,
    pub remote_ok: bool,
    /// Study level accepted by the edition.
    pub eligible: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ambassador {
    pub metier: u32,
    /// The ambassador's entity id and those of its ancestors (directorate, ministry).
    pub administrations: Vec<u32>,
    pub place: Place,
    pub on_site: bool,
    pub remote: bool,
    pub capacity: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Instance {
    pub format: Format,
    pub students: Vec<Student>,
    pub ambassadors: Vec<Ambassador>,
    /// Duos fixed by the team (student index, ambassador index): kept as they are when they
    /// respect the hard constraints and the capacity; the rest is solved around them.
    pub pinned: Vec<(usize, usize)>,
    /// Pairs the team ruled out.
    pub forbidden: Vec<(usize, usize)>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Duo {
    pub student: usize,
    pub ambassador: usize,
    pub pairing: Pairing,
    pub pinned: bool,
}

/// Why a student has no duo.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Unmatched {
    NotEligible,
    NoAmbassadorForWishes,
    NoCompatiblePlace,
    AmbassadorsTaken,
}

impl Unmatched {
    pub fn explain(self) -> &'static str {
        match self {
            Self::NotEligible => "Niveau d’études non retenu pour cette édition",
            Self::NoAmbassadorForWishes => "Aucun ambassadeur n’exerce les métiers souhaités",
            Self::NoCompatiblePlace => {
                "Les ambassadeurs des métiers souhaités sont trop loin et la visio n’est pas possible"
            }
            Self::AmbassadorsTaken => {
                "Les ambassadeurs compatibles sont tous pris : un duo de plus en aurait défait un autre"
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outcome {
    /// Sorted by student index.
    pub duos: Vec<Duo>,
    /// Sorted by student index.
    pub unmatched: Vec<(usize, Unmatched)>,
    pub total_score: u64,
}

/// Reported after each phase of the solver: `matched` grows towards at most `students`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub matched: usize,
    pub students: usize,
}

/// Every compatible (student, ambassador) pair with its satisfaction, in a deterministic order.
/// This is the sparse cost structure both the solver and outside checks (SciPy) work from.
pub fn compatible_pairs(instance: &Instance) -> Vec<(usize, usize, Pairing)> {
    let mut by_metier: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
    for (index, ambassador) in instance.ambassadors.iter().enumerate() {
        by_metier.entry(ambassador.metier).or_default().push(index);
    }
    let mut pairs = Vec::new();
    for (s, student) in instance.students.iter().enumerate() {
        let mut candidates: Vec<usize> = student
            .metier_wishes
            .iter()
            .filter_map(|metier| by_metier.get(metier))
            .flatten()
            .copied()
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        for a in candidates {
            if instance.forbidden.contains(&(s, a)) {
                continue;
            }
            if let Some(pairing) = evaluate(instance.format, student, &instance.ambassadors[a]) {
                pairs.push((s, a, pairing));
            }
        }
    }
    pairs
}

/// Solves the instance exactly. `on_progress` is called after each solver phase.
pub fn solve(instance: &Instance, mut on_progress: impl FnMut(Progress)) -> Outcome {
    let students = instance.students.len();
    let mut capacity: Vec<i64> = instance
        .ambassadors
        .iter()
        .map(|a| i64::from(a.capacity))
        .collect();
    let mut duos = Vec::new();
    let mut pinned_student = vec![false; students];
    for &(s, a) in &instance.pinned {
        let (Some(student), Some(ambassador)) =
            (instance.students.get(s), instance.ambassadors.get(a))
        else {
            continue;
        };
        if pinned_student[s] || capacity[a] == 0 {
            continue;
        }
        if let Some(pairing) = evaluate(instance.format, student, ambassador) {
            pinned_student[s] = true;
            capacity[a] -= 1;
            duos.push(Duo {
                student: s,
                ambassador: a,
                pairing,
                pinned: true,
            });
        }
    }

    let pairs: Vec<_> = compatible_pairs(instance)
        .into_iter()
        .filter(|(s, _, _)| !pinned_student[*s])
        .collect();
    let source = 0;
    let sink = 1 + students + instance.ambassadors.len();
    let mut network = FlowNetwork::new(sink + 1);
    for (s, pinned) in pinned_student.iter().enumerate() {
        if !pinned {
            network.add_edge(source, 1 + s, 1, 0);
        }
    }
    let edges: Vec<_> = pairs
        .iter()
        .map(|(s, a, pairing)| {
            network.add_edge(
                1 + s,
                1 + students + a,
                1,
                i64::from(MAX_SCORE - pairing.score),
            )
        })
        .collect();
    for (a, &left) in capacity.iter().enumerate() {
        if left > 0 {
            network.add_edge(1 + students + a, sink, left, 0);
        }
    }
    let already = duos.len();
    network.min_cost_max_flow(source, sink, |flow| {
        on_progress(Progress {
            matched: already + usize::try_from(flow).unwrap_or(0),
            students,
        });
    });

    for ((s, a, pairing), edge) in pairs.iter().zip(edges) {
        if network.flow(edge) > 0 {
            duos.push(Duo {
                student: *s,
                ambassador: *a,
                pairing: pairing.clone(),
                pinned: false,
            });
        }
    }
    duos.sort_by_key(|duo| duo.student);
    let total_score = duos.iter().map(|duo| u64::from(duo.pairing.score)).sum();
    let unmatched = unmatched_reasons(instance, &duos, &pairs);
    Outcome {
        duos,
        unmatched,
        total_score,
    }
}

fn unmatched_reasons(
    instance: &Instance,
    duos: &[Duo],
    pairs: &[(usize, usize, Pairing)],
) -> Vec<(usize, Unmatched)> {
    let mut matched = vec![false; instance.students.len()];
    for duo in duos {
        matched[duo.student] = true;
    }
    let mut compatible = vec![false; instance.students.len()];
    for (s, _, _) in pairs {
        compatible[*s] = true;
    }
    instance
        .students
        .iter()
        .enumerate()
        .filter(|(s, _)| !matched[*s])
        .map(|(s, student)| {
            let reason = if !student.eligible {
                Unmatched::NotEligible
            } else if compatible[s] {
                Unmatched::AmbassadorsTaken
            } else if instance
                .ambassadors
                .iter()
                .any(|a| student.metier_wishes.contains(&a.metier))
            {
                Unmatched::NoCompatiblePlace
            } else {
                Unmatched::NoAmbassadorForWishes
            };
            (s, reason)
        })
        .collect()
}
