//! Lanes: labelled marks stacked so that no two touch. Each mark, taken from left to right, goes
//! into the first lane where it starts clear of the mark before it; past the last lane there is
//! no room, and the marks left over are summarised with counts ([`clusters`]).

/// The room kept between two marks in a lane.
pub const GAP: f64 = 10.0;

/// The lane of each of `extents` (left and right edge of each mark), or `None` where none of
/// `lanes` lanes has room. Marks are taken by their left edge, ties in the order given.
///
/// ```
/// use docket::render::chart::pack;
/// // The second mark starts before the first ends: it goes below it; the third fits after it.
/// let lanes = pack(&[(0.0, 100.0), (50.0, 120.0), (120.0, 200.0)], 2);
/// assert_eq!(lanes, vec![Some(0), Some(1), Some(0)]);
/// assert_eq!(pack(&[(0.0, 100.0), (1.0, 100.0), (2.0, 100.0)], 2)[2], None);
/// ```
pub fn pack(extents: &[(f64, f64)], lanes: usize) -> Vec<Option<usize>> {
    let mut order: Vec<usize> = (0..extents.len()).collect();
    order.sort_by(|&a, &b| extents[a].0.total_cmp(&extents[b].0).then(a.cmp(&b)));
    let mut free_from: Vec<f64> = Vec::new();
    let mut out = vec![None; extents.len()];
    for i in order {
        let (left, right) = extents[i];
        let lane = match free_from.iter().position(|&free| free <= left) {
            Some(lane) => Some(lane),
            None if free_from.len() < lanes => {
                free_from.push(f64::MIN);
                Some(free_from.len() - 1)
            }
            None => None,
        };
        if let Some(lane) = lane {
            free_from[lane] = right + GAP;
            out[i] = Some(lane);
        }
    }
    out
}

/// Marks at positions `xs` gathered into groups that can each carry one badge `width` wide
/// starting at the group's first mark: a group ends where a mark lies past its badge and the
/// gap after it. Each group is the indices of its marks, left to right.
///
/// ```
/// use docket::render::chart::clusters;
/// assert_eq!(clusters(&[0.0, 5.0, 100.0, 30.0], 40.0), vec![vec![0, 1, 3], vec![2]]);
/// ```
pub fn clusters(xs: &[f64], width: f64) -> Vec<Vec<usize>> {
    let mut order: Vec<usize> = (0..xs.len()).collect();
    order.sort_by(|&a, &b| xs[a].total_cmp(&xs[b]).then(a.cmp(&b)));
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut start = f64::MIN;
    for i in order {
        match groups.last_mut() {
            Some(group) if xs[i] < start + width + GAP => group.push(i),
            _ => {
                start = xs[i];
                groups.push(vec![i]);
            }
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// However marks fall, two marks in one lane never touch, and a mark is left out only
        /// when every lane is taken where it starts.
        #[test]
        fn marks_in_a_lane_never_touch(
            marks in prop::collection::vec((0.0f64..2000.0, 1.0f64..300.0), 0..200),
            lanes in 1usize..12,
        ) {
            let extents: Vec<_> = marks.iter().map(|&(x, w)| (x, x + w)).collect();
            let placed = pack(&extents, lanes);
            for a in 0..extents.len() {
                for b in a + 1..extents.len() {
                    if let (Some(la), Some(lb)) = (placed[a], placed[b]) && la == lb {
                        let (first, second) = if extents[a].0 <= extents[b].0 { (a, b) } else { (b, a) };
                        prop_assert!(extents[first].1 + GAP <= extents[second].0);
                    }
                }
            }
            for (i, lane) in placed.iter().enumerate() {
                if lane.is_none() {
                    let x = extents[i].0;
                    let busy = (0..lanes).all(|l| {
                        extents.iter().zip(&placed).any(|(e, p)| *p == Some(l) && e.0 <= x && x < e.1 + GAP)
                    });
                    prop_assert!(busy);
                }
            }
        }

        #[test]
        fn badges_of_clusters_never_touch(xs in prop::collection::vec(0.0f64..3000.0, 0..300)) {
            let width = 44.0;
            let groups = clusters(&xs, width);
            prop_assert_eq!(groups.iter().map(Vec::len).sum::<usize>(), xs.len());
            for pair in groups.windows(2) {
                prop_assert!(xs[pair[0][0]] + width + GAP <= xs[pair[1][0]]);
            }
        }
    }
}
