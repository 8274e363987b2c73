//! The credit grammar on arbitrary text: finding credits in a line and
//! parsing each one never panics, and every range found lies inside the line.
#![no_main]

use capsift::agency::AgencyTable;
use capsift::credit::{analyse, find_credits};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|line: &str| {
    let table = AgencyTable::builtin();
    if let Some(split) = find_credits(line, table) {
        assert!(split.caption.end <= line.len());
        for r in &split.credits {
            assert!(r.start <= r.end && r.end <= line.len());
            let _ = analyse(&line[r.clone()], table);
        }
    }
    let _ = analyse(line, table);
});
