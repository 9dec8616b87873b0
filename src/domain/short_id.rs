//! Short ids: the start of a plan's id that no other plan's id shares, for lists to show and people to type
//! back (`show`, `edit`, `print`... resolve a unique start of an id, case ignored: `store::workbook::find`).

/// The fewest characters a short id has: enough that `find` takes it for an id rather than words of a name
/// (`store::workbook::looks_like_id`), and that a new plan seldom makes an old short id longer.
pub const MIN: usize = 6;

/// For each of `ids`, how many of its first characters tell it apart from every other (case ignored), at least
/// [`MIN`] and at most its length. One sort, then each id against its neighbours: a large workbook costs little.
pub fn lengths(ids: &[&str]) -> Vec<usize> {
    lengths_of(ids.len(), |i| ids[i])
        .into_iter()
        .map(|n| n as usize)
        .collect()
}

/// Two ids in the order of their ASCII-lowercased bytes (as `str::to_ascii_lowercase` copies would sort), without
/// making the copies.
fn cmp_folded(a: &str, b: &str) -> std::cmp::Ordering {
    a.bytes()
        .map(|c| c.to_ascii_lowercase())
        .cmp(b.bytes().map(|c| c.to_ascii_lowercase()))
}

/// [`lengths`] of the `count` ids `id` gives by position, as 4-byte lengths: `overture list` asks for every
/// plan's at 50,000 plans, where a lowercased copy of each id and lists of `usize` took megabytes. The positions
/// are sorted comparing case-insensitively in place.
pub fn lengths_of<'a>(count: usize, id: impl Fn(usize) -> &'a str) -> Vec<u32> {
    let mut order: Vec<u32> = Vec::with_capacity(count);
    order.extend((0..count).filter_map(|i| u32::try_from(i).ok()));
    // Equal ids (in any case) keep their order, as the stable sort of lowercased copies kept it.
    order.sort_unstable_by(|&a, &b| cmp_folded(id(a as usize), id(b as usize)).then(a.cmp(&b)));
    let common = |a: &str, b: &str| {
        a.chars()
            .zip(b.chars())
            .take_while(|(x, y)| x.eq_ignore_ascii_case(y))
            .map(|(x, _)| x.len_utf8())
            .sum::<usize>()
    };
    let mut out = vec![0u32; count];
    for (k, &i) in order.iter().enumerate() {
        let this = id(i as usize);
        let before = k
            .checked_sub(1)
            .map_or(0, |j| common(this, id(order[j] as usize)));
        let after = order
            .get(k + 1)
            .map_or(0, |&j| common(this, id(j as usize)));
        let mut n = (before.max(after) + 1).max(MIN).min(this.len());
        while !this.is_char_boundary(n) {
            n += 1;
        }
        out[i as usize] = u32::try_from(n).unwrap_or(u32::MAX);
    }
    out
}

/// The short id of each of `ids`, in order (see [`lengths`]).
pub fn all<'a>(ids: &[&'a str]) -> Vec<&'a str> {
    lengths(ids)
        .into_iter()
        .zip(ids)
        .map(|(n, id)| id.get(..n).unwrap_or(id))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_is_the_shortest_unique_start_and_at_least_six() {
        let ids = [
            "01M91JM21N2Q0QB4",
            "01M91JM21N2Q0QC5",
            "01M91JM22M000000",
            "01KZZZ0000000000",
            "short",
        ];
        assert_eq!(
            all(&ids),
            vec![
                "01M91JM21N2Q0QB",
                "01M91JM21N2Q0QC",
                "01M91JM22",
                "01KZZZ",
                "short"
            ]
        );
        // Case is ignored, as `find` ignores it: these two need all their characters.
        assert_eq!(
            all(&["01abcdefg", "01ABCDEFG"]),
            vec!["01abcdefg", "01ABCDEFG"]
        );
        assert_eq!(all(&["01ABCDEFGH"]), vec!["01ABCD"]);
        assert!(all(&[]).is_empty());
        // Text written by hand, with letters of more than one byte, is cut on a character.
        assert_eq!(all(&["ééééé-1", "ééééé-2"]), vec!["ééééé-1", "ééééé-2"]);
    }

    /// The lengths as they were made before [`lengths_of`]: from lowercased copies, sorted stably.
    fn lengths_with_copies(ids: &[&str]) -> Vec<usize> {
        let lower: Vec<String> = ids.iter().map(|id| id.to_ascii_lowercase()).collect();
        let mut order: Vec<usize> = (0..ids.len()).collect();
        order.sort_by(|&a, &b| lower[a].cmp(&lower[b]));
        let common = |a: &str, b: &str| {
            a.chars()
                .zip(b.chars())
                .take_while(|(x, y)| x == y)
                .map(|(x, _)| x.len_utf8())
                .sum::<usize>()
        };
        let mut out = vec![0; ids.len()];
        for (k, &i) in order.iter().enumerate() {
            let before = k
                .checked_sub(1)
                .map_or(0, |j| common(&lower[i], &lower[order[j]]));
            let after = order
                .get(k + 1)
                .map_or(0, |&j| common(&lower[i], &lower[j]));
            let id = ids[i];
            let mut n = (before.max(after) + 1).max(MIN).min(id.len());
            while !id.is_char_boundary(n) {
                n += 1;
            }
            out[i] = n;
        }
        out
    }

    #[test]
    fn sorting_in_place_gives_what_the_lowercased_copies_gave() {
        // Ids from a few letters in both cases and some of more than one byte, so that many share long starts.
        let letters = ["0", "1", "a", "A", "b", "B", "é", "É", "z", "-"];
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        for _ in 0..200 {
            let count = next(40);
            let ids: Vec<String> = (0..count)
                .map(|_| {
                    (0..next(12))
                        .map(|_| letters[next(letters.len())])
                        .collect()
                })
                .collect();
            let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
            assert_eq!(lengths(&ids), lengths_with_copies(&ids), "{ids:?}");
        }
    }
}
