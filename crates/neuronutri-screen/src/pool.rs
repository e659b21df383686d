//! The embedded engine's working-memory pool: DataFusion's fair sharing among the operators
//! that can spill, but among those that have asked for memory rather than all that exist.
//!
//! DataFusion's `FairSpillPool` caps each spilling operator at the pool (less what the
//! operators that cannot spill hold) divided by the number of spilling operators registered.
//! A query registers all of its operators when it starts, so the per-patient aggregation,
//! which does nearly all the work while the lab file is read, shared the limit with some
//! twenty operators that were still waiting for their input (the later aggregations, the
//! sort, the exchanges): at 10^8 rows and 512 MiB it could use 26 MB, spilled 410 sorted runs
//! and merged them all. Here an operator counts once it has reserved memory, so the busy ones
//! share what the idle ones are not using, and the pool's total is still never exceeded (a
//! reservation that would pass it fails, and the operator spills). The last sixteenth is
//! kept for operators that hold less than a sixteenth: without it an operator that started
//! late found the pool taken by earlier ones that grew while they were alone (DataFusion cannot
//! ask them to spill), and failed reserving a few hundred kilobytes to sort what it spills (a
//! 10^7-row extract at `--memory-limit 48M` failed in 9 of 10 runs, and in 1 of 12 with the
//! reserve, while 24M to 40M and 56M to 256M ran every time).

use datafusion::common::{resources_datafusion_err, Result};
use datafusion::execution::memory_pool::{
    human_readable_size, MemoryConsumer, MemoryLimit, MemoryPool, MemoryReservation,
};
use std::collections::HashSet;
use std::sync::Mutex;

/// The part of the spilling operators' memory kept for those that hold little (1/16).
const RESERVE_PART: usize = 16;

/// Fair shares among the spilling operators that have reserved memory (see the module).
#[derive(Debug)]
pub struct BusyFairPool {
    size: usize,
    state: Mutex<State>,
}

#[derive(Debug, Default)]
struct State {
    /// Bytes held by operators that cannot spill.
    unspillable: usize,
    /// Bytes held by operators that can.
    spillable: usize,
    /// The spilling operators (their consumer ids) that have reserved memory.
    busy: HashSet<usize>,
}

impl BusyFairPool {
    /// A pool of `size` bytes.
    pub fn new(size: usize) -> BusyFairPool {
        BusyFairPool {
            size,
            state: Mutex::new(State::default()),
        }
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        // a poisoned lock still holds consistent counts: every update is one statement
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl std::fmt::Display for BusyFairPool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "busy-fair(pool_size: {})",
            human_readable_size(self.size)
        )
    }
}

impl MemoryPool for BusyFairPool {
    fn name(&self) -> &str {
        "busy-fair"
    }

    fn register(&self, _consumer: &MemoryConsumer) {}

    fn unregister(&self, consumer: &MemoryConsumer) {
        if consumer.can_spill() {
            self.state().busy.remove(&consumer.id());
        }
    }

    fn grow(&self, reservation: &MemoryReservation, additional: usize) {
        let mut state = self.state();
        let consumer = reservation.consumer();
        if consumer.can_spill() {
            state.spillable += additional;
            state.busy.insert(consumer.id());
        } else {
            state.unspillable += additional;
        }
    }

    fn shrink(&self, reservation: &MemoryReservation, shrink: usize) {
        let mut state = self.state();
        if reservation.consumer().can_spill() {
            state.spillable = state.spillable.saturating_sub(shrink);
        } else {
            state.unspillable = state.unspillable.saturating_sub(shrink);
        }
    }

    fn try_grow(&self, reservation: &MemoryReservation, additional: usize) -> Result<()> {
        let mut state = self.state();
        let consumer = reservation.consumer();
        if consumer.can_spill() {
            // what the spilling operators may use together, and this one's share of it
            let together = self.size.saturating_sub(state.unspillable);
            let busy = state.busy.len() + usize::from(!state.busy.contains(&consumer.id()));
            let share = together / busy.max(1);
            // The last sixteenth is kept for operators that hold less than that: an operator
            // that started late (or must reserve to sort what it spills) is not starved by
            // earlier ones that grew while they were alone and still hold more than today's
            // share (DataFusion cannot ask them to spill).
            let reserve = together / RESERVE_PART;
            let after = reservation.size() + additional;
            let total = state.spillable + additional;
            if after > share || total > together || (after > reserve && total > together - reserve)
            {
                return Err(resources_datafusion_err!(
                    "Failed to allocate additional {} for {} with {} already allocated for this \
                     reservation - its share is {} of {} for {busy} operators that spill: {self}",
                    human_readable_size(additional),
                    consumer.name(),
                    human_readable_size(reservation.size()),
                    human_readable_size(share),
                    human_readable_size(together.saturating_sub(state.spillable))
                ));
            }
            state.spillable += additional;
            state.busy.insert(consumer.id());
        } else {
            let free = self
                .size
                .saturating_sub(state.unspillable + state.spillable);
            if additional > free {
                return Err(resources_datafusion_err!(
                    "Failed to allocate additional {} for {} with {} already allocated for this \
                     reservation - {} remain available: {self}",
                    human_readable_size(additional),
                    consumer.name(),
                    human_readable_size(reservation.size()),
                    human_readable_size(free)
                ));
            }
            state.unspillable += additional;
        }
        Ok(())
    }

    fn reserved(&self) -> usize {
        let state = self.state();
        state.spillable + state.unspillable
    }

    fn memory_limit(&self) -> MemoryLimit {
        MemoryLimit::Finite(self.size)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[test]
    fn idle_operators_leave_their_share_to_the_busy_ones() {
        // 1 600 bytes: the last sixteenth (100) is kept for operators that hold little
        let pool: Arc<dyn MemoryPool> = Arc::new(BusyFairPool::new(1600));
        let spilling = |name: &str| {
            MemoryConsumer::new(name)
                .with_can_spill(true)
                .register(&pool)
        };
        let a = spilling("a");
        let b = spilling("b");
        // eight more that never ask: a's share is the whole pool while it is alone, less the
        // reserve
        let _idle: Vec<_> = (0..8).map(|i| spilling(&format!("idle{i}"))).collect();
        a.try_grow(1500).unwrap();
        assert!(a.try_grow(1).is_err());
        // b starts late: the reserve is there for it
        assert!(b.try_grow(101).is_err());
        b.try_grow(100).unwrap();
        assert!(b.try_grow(1).is_err());
        // a is past its half (800): it cannot grow, and once it spills it can come back to half
        a.shrink(1000);
        assert!(a.try_grow(301).is_err());
        a.try_grow(300).unwrap();
        assert_eq!(pool.reserved(), 900);
        // an operator that cannot spill takes what is free; the spilling ones then share the
        // rest (1 600 - 400 = 1 200: 600 each, 75 of it kept), and together never pass it
        let join = MemoryConsumer::new("join").register(&pool);
        assert!(join.try_grow(701).is_err());
        join.try_grow(400).unwrap();
        b.try_grow(200).unwrap();
        assert!(b.try_grow(26).is_err());
        // a dropped operator no longer counts: b alone may use all but the reserve
        drop(a);
        assert_eq!(pool.reserved(), 700);
        b.try_grow(825).unwrap();
        assert_eq!(pool.reserved(), 1525);
        assert!(join.try_grow(76).is_err());
        let text = b.try_grow(1).unwrap_err().to_string();
        assert!(
            text.contains("Failed to allocate additional 1.0 B for b with "),
            "{text}"
        );
        // a newcomer still gets the reserve
        let c = spilling("c");
        c.try_grow(75).unwrap();
        assert_eq!(pool.reserved(), 1600);
    }
}
