//! Property tests: on random instances the matcher never exceeds a capacity, never breaks a
//! hard constraint, is deterministic, and reaches the same optimum — most duos, then greatest
//! total satisfaction — as an independent exact solver (the Hungarian algorithm of the
//! `pathfinding` crate on the dense matrix where each ambassador has one column per seat).

use matching::generate::{instance, Shape};
use matching::{evaluate, solve, Format, Instance, Outcome, Unmatched, MAX_SCORE};
use pathfinding::prelude::{kuhn_munkres, Matrix};
use proptest::prelude::*;

/// (number of duos, total score) of an optimal assignment, by the Hungarian algorithm.
fn hungarian_optimum(instance: &Instance) -> (u64, u64) {
    let students = instance.students.len();
    let seats: Vec<usize> = instance
        .ambassadors
        .iter()
        .enumerate()
        .flat_map(|(a, ambassador)| std::iter::repeat_n(a, ambassador.capacity as usize))
        .collect();
    // A duo outweighs any sum of scores, so the optimum has the most duos first.
    let duo_weight = i64::from(MAX_SCORE + 1) * students as i64;
    // One "no duo" column per student keeps rows ≤ columns and lets anyone stay alone.
    let weights = Matrix::from_fn(students, seats.len() + students, |(s, column)| {
        seats
            .get(column)
            .and_then(|&a| {
                evaluate(
                    instance.format,
                    &instance.students[s],
                    &instance.ambassadors[a],
                )
            })
            .map_or(0, |pairing| duo_weight + i64::from(pairing.score))
    });
    let (total, _) = kuhn_munkres(&weights);
    (
        u64::try_from(total / duo_weight).unwrap_or(0),
        u64::try_from(total % duo_weight).unwrap_or(0),
    )
}

fn small_instance() -> impl Strategy<Value = Instance> {
    (
        any::<u64>(),
        1..40_usize,
        1..25_usize,
        2..8_u32,
        1..=3_u32,
        0..3_usize,
    )
        .prop_map(
            |(seed, students, ambassadors, metiers, max_capacity, format)| {
                let shape = Shape {
                    students,
                    ambassadors,
                    metiers,
                    ministries: 4,
                    max_capacity,
                };
                let mut generated = instance(seed, shape);
                generated.format = [Format::Both, Format::OnSite, Format::Remote][format];
                generated
            },
        )
}

fn check_feasible(instance: &Instance, outcome: &Outcome) {
    let mut load = vec![0_u32; instance.ambassadors.len()];
    let mut seen = vec![false; instance.students.len()];
    for duo in &outcome.duos {
        load[duo.ambassador] += 1;
        assert!(!seen[duo.student], "student {} has two duos", duo.student);
        seen[duo.student] = true;
        let expected = evaluate(
            instance.format,
            &instance.students[duo.student],
            &instance.ambassadors[duo.ambassador],
        );
        assert_eq!(
            expected.as_ref(),
            Some(&duo.pairing),
            "duo breaks a hard constraint or misstates its score"
        );
    }
    for (a, ambassador) in instance.ambassadors.iter().enumerate() {
        assert!(
            load[a] <= ambassador.capacity,
            "ambassador {a} over capacity"
        );
    }
    for (s, _) in &outcome.unmatched {
        assert!(!seen[*s], "student {s} both matched and unmatched");
        seen[*s] = true;
    }
    assert!(
        seen.iter().all(|&s| s),
        "every student is either matched or told why not"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn optimal_feasible_and_deterministic(instance in small_instance()) {
        let outcome = solve(&instance, |_| {});
        check_feasible(&instance, &outcome);
        let (duos, score) = hungarian_optimum(&instance);
        prop_assert_eq!((outcome.duos.len() as u64, outcome.total_score), (duos, score));
        prop_assert_eq!(solve(&instance, |_| {}), outcome);
    }
}

#[test]
fn pinned_duos_are_kept_and_forbidden_pairs_avoided() {
    let mut generated = instance(
        7,
        Shape {
            students: 30,
            ambassadors: 12,
            metiers: 3,
            ministries: 4,
            max_capacity: 2,
        },
    );
    let free = solve(&generated, |_| {});
    let first = &free.duos[0];
    let second = &free.duos[1];
    generated.forbidden.push((first.student, first.ambassador));
    // Pin the second duo's student to the first duo's ambassador when that pair is allowed.
    let swapped = evaluate(
        generated.format,
        &generated.students[second.student],
        &generated.ambassadors[first.ambassador],
    );
    if swapped.is_some() {
        generated.pinned.push((second.student, first.ambassador));
    }
    let constrained = solve(&generated, |_| {});
    check_feasible(&generated, &constrained);
    assert!(!constrained
        .duos
        .iter()
        .any(|d| (d.student, d.ambassador) == (first.student, first.ambassador)));
    if swapped.is_some() {
        assert!(constrained
            .duos
            .iter()
            .any(|d| d.pinned && (d.student, d.ambassador) == (second.student, first.ambassador)));
    }
}

#[test]
fn unmatched_students_are_told_why() {
    let mut generated = instance(
        3,
        Shape {
            students: 40,
            ambassadors: 3,
            metiers: 6,
            ministries: 4,
            max_capacity: 1,
        },
    );
    generated.students[0].eligible = false;
    let outcome = solve(&generated, |_| {});
    assert!(outcome.unmatched.contains(&(0, Unmatched::NotEligible)));
    assert!(outcome
        .unmatched
        .iter()
        .any(|(_, reason)| *reason == Unmatched::AmbassadorsTaken));
    assert!(outcome
        .unmatched
        .iter()
        .all(|(_, reason)| !reason.explain().is_empty()));
}

#[test]
fn progress_reaches_the_number_of_duos() {
    let generated = instance(
        11,
        Shape {
            students: 200,
            ambassadors: 80,
            metiers: 10,
            ministries: 6,
            max_capacity: 3,
        },
    );
    let mut last = None;
    let outcome = solve(&generated, |progress| last = Some(progress.matched));
    assert_eq!(last, Some(outcome.duos.len()));
}
