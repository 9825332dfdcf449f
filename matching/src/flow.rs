//! Minimum-cost maximum flow by the primal-dual method, on integer capacities and costs.
//!
//! Why it is optimal. The algorithm keeps node potentials `π` such that every residual edge has
//! a non-negative reduced cost `c(u,v) + π(u) − π(v)`; a flow with no negative residual cycle
//! is a minimum-cost flow of its value, and non-negative reduced costs rule such cycles out
//! (the potentials telescope along a cycle). Each phase:
//!
//! 1. Dijkstra over the residual graph with the reduced costs gives the distances `d` from the
//!    source; the potentials become `π + min(d, d(sink))`, which keeps every reduced cost
//!    non-negative (`min(·, D)` is monotone and 1-Lipschitz) and makes every edge of every
//!    shortest source→sink path cost exactly zero.
//! 2. A maximum flow (Dinic) is pushed through the *admissible* edges — residual, zero reduced
//!    cost. Every path it uses is a shortest path, and the reverse edges it opens also cost zero,
//!    so the invariant holds after the phase.
//!
//! The loop ends when the sink is unreachable: the flow is then maximum, and minimum-cost among
//! maximum flows. Each phase strictly increases the shortest-path distance, so with small integer
//! costs there are few phases. Everything is deterministic: edges are scanned in insertion order
//! and the heap breaks ties by node number.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, VecDeque};

/// An edge handle, to read the flow on it after solving.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EdgeId(usize);

/// A directed network; each added edge is stored with its reverse residual edge at `id ^ 1`.
#[derive(Debug, Clone, Default)]
pub struct FlowNetwork {
    adjacency: Vec<Vec<usize>>,
    head: Vec<usize>,
    residual: Vec<i64>,
    cost: Vec<i64>,
}

/// The totals of a solved network.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FlowTotals {
    pub flow: i64,
    pub cost: i64,
}

const UNREACHED: i64 = i64::MAX;
const NO_LEVEL: usize = usize::MAX;

impl FlowNetwork {
    pub fn new(nodes: usize) -> Self {
        Self {
            adjacency: vec![Vec::new(); nodes],
            ..Self::default()
        }
    }

    /// Adds an edge. Costs must be non-negative (the initial potentials are all zero).
    pub fn add_edge(&mut self, from: usize, to: usize, capacity: i64, cost: i64) -> EdgeId {
        debug_assert!(cost >= 0, "costs are non-negative");
        let id = self.head.len();
        self.adjacency[from].push(id);
        self.head.push(to);
        self.residual.push(capacity);
        self.cost.push(cost);
        self.adjacency[to].push(id + 1);
        self.head.push(from);
        self.residual.push(0);
        self.cost.push(-cost);
        EdgeId(id)
    }

    /// Flow on an edge: what its reverse residual edge holds.
    pub fn flow(&self, edge: EdgeId) -> i64 {
        self.residual[edge.0 ^ 1]
    }

    fn tail(&self, edge: usize) -> usize {
        self.head[edge ^ 1]
    }

    /// Sends as much flow as possible from `source` to `sink` at minimum cost. `on_phase` is
    /// called after each phase with the flow so far (for progress reports).
    pub fn min_cost_max_flow(
        &mut self,
        source: usize,
        sink: usize,
        mut on_phase: impl FnMut(i64),
    ) -> FlowTotals {
        let nodes = self.adjacency.len();
        let mut potential = vec![0_i64; nodes];
        let mut totals = FlowTotals { flow: 0, cost: 0 };
        while let Some(distance) = self.shortest_distances(source, sink, &potential) {
            let to_sink = distance[sink];
            for (p, d) in potential.iter_mut().zip(&distance) {
                *p += (*d).min(to_sink);
            }
            let pushed = self.admissible_max_flow(source, sink, &potential);
            totals.flow += pushed;
            on_phase(totals.flow);
        }
        for edge in (0..self.head.len()).step_by(2) {
            totals.cost += self.residual[edge ^ 1] * self.cost[edge];
        }
        totals
    }

    fn reduced_cost(&self, edge: usize, potential: &[i64]) -> i64 {
        self.cost[edge] + potential[self.tail(edge)] - potential[self.head[edge]]
    }

    /// Dijkstra on reduced costs, stopped once the sink is settled (see the module comment for
    /// why nodes left unsettled may keep a tentative distance). `None` when the sink is unreachable.
    fn shortest_distances(
        &self,
        source: usize,
        sink: usize,
        potential: &[i64],
    ) -> Option<Vec<i64>> {
        let mut distance = vec![UNREACHED; self.adjacency.len()];
        let mut heap = BinaryHeap::new();
        distance[source] = 0;
        heap.push(Reverse((0_i64, source)));
        while let Some(Reverse((d, node))) = heap.pop() {
            if d > distance[node] {
                continue;
            }
            if node == sink {
                return Some(distance);
            }
            for &edge in &self.adjacency[node] {
                if self.residual[edge] <= 0 {
                    continue;
                }
                let next = self.head[edge];
                let candidate = d + self.reduced_cost(edge, potential);
                if candidate < distance[next] {
                    distance[next] = candidate;
                    heap.push(Reverse((candidate, next)));
                }
            }
        }
        None
    }

    /// The edges of zero reduced cost, by tail node (compressed rows). Reduced costs do not
    /// change during a phase, so this is computed once per phase; whether an edge still has
    /// residual capacity is checked as the flow moves.
    fn zero_cost_edges(&self, potential: &[i64]) -> ZeroCostEdges {
        let mut start = Vec::with_capacity(self.adjacency.len() + 1);
        let mut edges = Vec::new();
        for outgoing in &self.adjacency {
            start.push(edges.len());
            edges.extend(
                outgoing
                    .iter()
                    .copied()
                    .filter(|&edge| self.reduced_cost(edge, potential) == 0),
            );
        }
        start.push(edges.len());
        ZeroCostEdges { start, edges }
    }

    /// Dinic's maximum flow restricted to admissible edges (residual, zero reduced cost).
    fn admissible_max_flow(&mut self, source: usize, sink: usize, potential: &[i64]) -> i64 {
        let zero = self.zero_cost_edges(potential);
        let mut pushed = 0;
        while let Some(mut level) = self.levels(source, sink, &zero) {
            let mut next_edge = zero.start[..zero.start.len() - 1].to_vec();
            pushed += self.blocking_flow(source, sink, &zero, &mut level, &mut next_edge);
        }
        pushed
    }

    /// Breadth-first levels over admissible edges; `None` when the sink is not reached.
    fn levels(&self, source: usize, sink: usize, zero: &ZeroCostEdges) -> Option<Vec<usize>> {
        let mut level = vec![NO_LEVEL; self.adjacency.len()];
        let mut queue = VecDeque::from([source]);
        level[source] = 0;
        while let Some(node) = queue.pop_front() {
            for &edge in zero.from(node) {
                let next = self.head[edge];
                if level[next] == NO_LEVEL && self.residual[edge] > 0 {
                    level[next] = level[node] + 1;
                    queue.push_back(next);
                }
            }
        }
        (level[sink] != NO_LEVEL).then_some(level)
    }

    /// Iterative depth-first search with current-arc pointers (`next_edge` indexes
    /// `zero.edges`). Paths can be thousands of edges long: no recursion, so no stack overflow
    /// on small worker-thread stacks.
    fn blocking_flow(
        &mut self,
        source: usize,
        sink: usize,
        zero: &ZeroCostEdges,
        level: &mut [usize],
        next_edge: &mut [usize],
    ) -> i64 {
        let mut pushed = 0;
        let mut path: Vec<usize> = Vec::new();
        let mut node = source;
        loop {
            if node == sink {
                let bottleneck = path.iter().map(|&e| self.residual[e]).min().unwrap_or(0);
                for &edge in &path {
                    self.residual[edge] -= bottleneck;
                    self.residual[edge ^ 1] += bottleneck;
                }
                pushed += bottleneck;
                let saturated = path
                    .iter()
                    .position(|&e| self.residual[e] == 0)
                    .unwrap_or(0);
                path.truncate(saturated);
                node = path.last().map_or(source, |&e| self.head[e]);
                continue;
            }
            let mut advanced = false;
            while next_edge[node] < zero.start[node + 1] {
                let edge = zero.edges[next_edge[node]];
                let next = self.head[edge];
                if level[next] == level[node] + 1 && self.residual[edge] > 0 {
                    path.push(edge);
                    node = next;
                    advanced = true;
                    break;
                }
                next_edge[node] += 1;
            }
            if advanced {
                continue;
            }
            // Dead end: never enter this node again in this round, and step back.
            level[node] = NO_LEVEL;
            match path.pop() {
                Some(edge) => {
                    node = self.tail(edge);
                    next_edge[node] += 1;
                }
                None => return pushed,
            }
        }
    }
}

/// Edges of zero reduced cost grouped by tail: those of node `n` are `edges[start[n]..start[n + 1]]`.
struct ZeroCostEdges {
    start: Vec<usize>,
    edges: Vec<usize>,
}

impl ZeroCostEdges {
    fn from(&self, node: usize) -> &[usize] {
        &self.edges[self.start[node]..self.start[node + 1]]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefers_the_cheaper_of_two_paths_and_then_uses_both() {
        // source 0 → {1, 2} → sink 3; the path through 2 is cheaper.
        let mut network = FlowNetwork::new(4);
        let a = network.add_edge(0, 1, 1, 5);
        let b = network.add_edge(0, 2, 1, 1);
        network.add_edge(1, 3, 1, 0);
        network.add_edge(2, 3, 1, 0);
        let totals = network.min_cost_max_flow(0, 3, |_| {});
        assert_eq!(totals, FlowTotals { flow: 2, cost: 6 });
        assert_eq!((network.flow(a), network.flow(b)), (1, 1));
    }

    #[test]
    fn reroutes_through_a_reverse_edge_to_reach_the_maximum_flow() {
        // Two students, two ambassadors: student 1 prefers ambassador 3, which student 2 alone
        // can use; maximum flow forces 1 → 4 and 2 → 3.
        let mut network = FlowNetwork::new(6);
        network.add_edge(0, 1, 1, 0);
        network.add_edge(0, 2, 1, 0);
        let preferred = network.add_edge(1, 3, 1, 0);
        let fallback = network.add_edge(1, 4, 1, 10);
        let only = network.add_edge(2, 3, 1, 3);
        network.add_edge(3, 5, 1, 0);
        network.add_edge(4, 5, 1, 0);
        let totals = network.min_cost_max_flow(0, 5, |_| {});
        assert_eq!(totals, FlowTotals { flow: 2, cost: 13 });
        assert_eq!(network.flow(preferred), 0);
        assert_eq!((network.flow(fallback), network.flow(only)), (1, 1));
    }
}
