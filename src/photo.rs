//! Grouping: which caption and credit lines belong to one photo.
//!
//! Lines of one block belong together (`FILE - …` and its second caption line
//! under one picture); a credit-only line joins the caption right before it,
//! and a caption joins a credit-only line right before it. A duplicate joins
//! the photo of the caption it repeats. Body text and source notes end a
//! photo; picture leftovers between its lines do not.

use crate::classify::{Class, Unit};

/// The units of each photo, as indices into `units`, in document order.
/// `creators(i)` names the photographers credited on unit `i`: two lines of
/// one block crediting different photographers are two photos.
pub fn group(units: &[Unit], creators: impl Fn(usize) -> Vec<String>) -> Vec<Vec<usize>> {
    let mut photos: Vec<Vec<usize>> = Vec::new();
    let mut photo_of: Vec<Option<usize>> = vec![None; units.len()];
    let mut open: Option<usize> = None;
    for (i, u) in units.iter().enumerate() {
        match &u.class {
            Class::Caption { caption, .. } => {
                let joins = open.filter(|&p| {
                    let last = &units[*photos[p].last().expect("photos are never empty")];
                    let same_block = last.block == u.block && !creators_differ(&photos[p], i, &creators);
                    same_block || caption.is_empty() || !has_caption_text(&photos[p], units)
                });
                let p = joins.unwrap_or_else(|| {
                    photos.push(Vec::new());
                    photos.len() - 1
                });
                photos[p].push(i);
                photo_of[i] = Some(p);
                open = Some(p);
            }
            Class::Duplicate { of, .. } => {
                // Joins its original's photo once that is known (below); a
                // duplicate does not open a photo for what follows unless the
                // original came first.
                open = if *of < i { photo_of[*of] } else { None };
            }
            Class::Leftover => {}
            Class::Body | Class::SourceNote { .. } => open = None,
        }
    }
    for (i, u) in units.iter().enumerate() {
        if let Class::Duplicate { of, .. } = u.class
            && let Some(p) = photo_of[of]
        {
            let at = photos[p].partition_point(|&j| j < i);
            photos[p].insert(at, i);
        }
    }
    photos
}

/// Both the photo so far and unit `i` name photographers, and none in common.
fn creators_differ(photo: &[usize], i: usize, creators: &impl Fn(usize) -> Vec<String>) -> bool {
    let mine = creators(i);
    let theirs: Vec<String> = photo.iter().flat_map(|&j| creators(j)).collect();
    !mine.is_empty() && !theirs.is_empty() && !mine.iter().any(|c| theirs.contains(c))
}

fn has_caption_text(photo: &[usize], units: &[Unit]) -> bool {
    photo
        .iter()
        .any(|&i| matches!(&units[i].class, Class::Caption { caption, .. } if !caption.is_empty()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(block: usize, class: Class) -> Unit {
        Unit {
            span: 0..0,
            block,
            class,
        }
    }

    fn caption(block: usize, text: bool) -> Unit {
        unit(
            block,
            Class::Caption {
                caption: if text { 0..1 } else { 0..0 },
                credits: vec![],
            },
        )
    }

    #[test]
    fn lines_of_one_block_are_one_photo() {
        let units = [
            unit(0, Class::Body),
            caption(1, true),
            caption(1, true),
            unit(2, Class::Body),
        ];
        assert_eq!(group(&units, |_| vec![]), [vec![1, 2]]);
    }

    #[test]
    fn captions_in_separate_blocks_are_separate_photos() {
        let units = [caption(0, true), caption(1, true)];
        assert_eq!(group(&units, |_| vec![]), [vec![0], vec![1]]);
    }

    #[test]
    fn credit_line_joins_its_caption_across_a_leftover() {
        let units = [
            caption(0, true),
            unit(1, Class::Leftover),
            caption(2, false),
            caption(3, true),
        ];
        assert_eq!(group(&units, |_| vec![]), [vec![0, 2], vec![3]]);
    }

    #[test]
    fn duplicates_join_their_original() {
        let units = [
            caption(0, true),
            unit(1, Class::Body),
            unit(2, Class::Duplicate { of: 0, credits: vec![] }),
        ];
        assert_eq!(group(&units, |_| vec![]), [vec![0, 2]]);
    }

    #[test]
    fn lines_of_one_block_crediting_different_photographers_are_two_photos() {
        let units = [caption(0, true), caption(0, true), caption(0, true)];
        let who = |i: usize| vec![["Ann Lee", "Bo Park", "Bo Park"][i].to_string()];
        assert_eq!(group(&units, who), [vec![0], vec![1, 2]]);
    }
}
