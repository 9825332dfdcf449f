//! Seeded random instances shaped like a national edition, for property tests and benchmarks:
//! many ambassadors in Île-de-France (the central administrations), students everywhere,
//! popular métiers wished more often, capacities of 1 to 3.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::{Ambassador, Format, Instance, Place, Student};

/// (département, region) pairs; the Île-de-France ones first.
const PLACES: [(&str, &str); 34] = [
    ("75", "11"),
    ("92", "11"),
    ("93", "11"),
    ("94", "11"),
    ("91", "11"),
    ("78", "11"),
    ("69", "84"),
    ("38", "84"),
    ("63", "84"),
    ("13", "93"),
    ("06", "93"),
    ("83", "93"),
    ("33", "75"),
    ("87", "75"),
    ("64", "75"),
    ("31", "76"),
    ("34", "76"),
    ("59", "32"),
    ("62", "32"),
    ("67", "44"),
    ("54", "44"),
    ("35", "53"),
    ("29", "53"),
    ("44", "52"),
    ("49", "52"),
    ("21", "27"),
    ("25", "27"),
    ("45", "24"),
    ("37", "24"),
    ("76", "28"),
    ("14", "28"),
    ("2A", "94"),
    ("971", "01"),
    ("974", "04"),
];
const ILE_DE_FRANCE: usize = 6;

/// The sizes of a generated instance.
#[derive(Debug, Clone, Copy)]
pub struct Shape {
    pub students: usize,
    pub ambassadors: usize,
    pub metiers: u32,
    pub ministries: u32,
    pub max_capacity: u32,
}

impl Shape {
    /// The benchmark's size: 5,000 students, 2,000 ambassadors of capacity 1 to 3.
    pub const NATIONAL: Self = Self {
        students: 5_000,
        ambassadors: 2_000,
        metiers: 52,
        ministries: 14,
        max_capacity: 3,
    };
}

fn place(rng: &mut ChaCha8Rng, capital_share: f64) -> Place {
    let index = if rng.random_bool(capital_share) {
        rng.random_range(0..ILE_DE_FRANCE)
    } else {
        rng.random_range(0..PLACES.len())
    };
    let (departement, region) = PLACES[index];
    Place {
        departement: departement.to_owned(),
        region: region.to_owned(),
    }
}

/// A métier with a skew: a third of the draws fall on the first few (development, data…).
fn metier(rng: &mut ChaCha8Rng, metiers: u32) -> u32 {
    if rng.random_bool(0.35) {
        rng.random_range(0..metiers.min(6))
    } else {
        rng.random_range(0..metiers)
    }
}

pub fn instance(seed: u64, shape: Shape) -> Instance {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let ambassadors = (0..shape.ambassadors)
        .map(|_| {
            let ministry = rng.random_range(0..shape.ministries);
            Ambassador {
                metier: metier(&mut rng, shape.metiers),
                // The entity id is past the ministries' ids, its ministry among them.
                administrations: vec![shape.ministries + rng.random_range(0..200), ministry],
                place: place(&mut rng, 0.5),
                on_site: rng.random_bool(0.9),
                remote: rng.random_bool(0.5),
                capacity: rng.random_range(1..=shape.max_capacity),
            }
        })
        .collect();
    let students = (0..shape.students)
        .map(|_| {
            let mut metier_wishes = Vec::new();
            for _ in 0..rng.random_range(1..=3) {
                let wish = metier(&mut rng, shape.metiers);
                if !metier_wishes.contains(&wish) {
                    metier_wishes.push(wish);
                }
            }
            let administrations = (0..rng.random_range(0..=2))
                .map(|_| rng.random_range(0..shape.ministries))
                .collect();
            Student {
                metier_wishes,
                administrations,
                place: place(&mut rng, 0.25),
                remote_ok: rng.random_bool(0.7),
                eligible: rng.random_bool(0.97),
            }
        })
        .collect();
    Instance {
        format: Format::Both,
        students,
        ambassadors,
        pinned: Vec::new(),
        forbidden: Vec::new(),
    }
}
