//! Photo credits: finding them in a caption and parsing them.
//!
//! One grammar serves every convention. A credit is split at its separators
//! (`/`, `\`, `|`, `,`, `;`, `=`, `:`, brackets, ` - `) and at the words `via`
//! and `for`; each segment loses its labels and markers (`Photo by`, `File`,
//! `Pool`, `Handout`, `摄` …, from `data/credit_words.tsv`) and what is left is
//! an agency from the [`AgencyTable`], a person's name, an organisation, or
//! nothing. A stretch of text is a credit when every segment is understood and
//! at least one says "credit" (an agency, a marker, a `Name/Agency` slash).
//!
//! ```
//! use capsift::credit::parse;
//! let c = parse("(Yuri Kadobnov/Pool Photo via AP, File)");
//! assert_eq!(c.creators, ["Yuri Kadobnov"]);
//! assert_eq!(c.via.as_ref().unwrap().name, "Associated Press");
//! assert!(c.pool && c.file_photo && !c.handout);
//! ```

mod find;
mod grammar;
pub mod words;

pub(crate) use find::find_credits_scanned;
pub use find::{CreditSplit, find_credits};
pub(crate) use grammar::is_domain;
pub use grammar::{Analysis, analyse};

use crate::agency::AgencyTable;
use serde::Serialize;

/// An agency named in a credit: from the table (with its id) or not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AgencyRef {
    /// Table id, or `None` for an organisation the table does not know.
    pub id: Option<String>,
    /// Canonical English name from the table, else the name as written.
    pub name: String,
    /// The name exactly as written in the credit.
    pub as_written: String,
}

impl AgencyRef {
    /// Two references name the same organisation.
    pub fn same_as(&self, other: &AgencyRef) -> bool {
        match (&self.id, &other.id) {
            (Some(a), Some(b)) => a == b,
            _ => self.name.to_lowercase() == other.name.to_lowercase(),
        }
    }
}

/// One credit as written, parsed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Credit {
    /// The credit exactly as written, brackets included.
    pub raw: String,
    /// Photographers and artists, as written.
    pub creators: Vec<String>,
    /// Agencies, outlets and organisations credited, the `via` one included.
    pub agencies: Vec<AgencyRef>,
    /// The distributing agency named after `via`.
    pub via: Option<AgencyRef>,
    /// An archive picture (`File`, `Archivo`, `资料图`).
    pub file_photo: bool,
    /// A pool picture.
    pub pool: bool,
    /// A handout or courtesy picture.
    pub handout: bool,
}

/// Parses one credit with the built-in tables.
pub fn parse(raw: &str) -> Credit {
    parse_with(raw, AgencyTable::builtin())
}

/// Parses one credit with the given agency table.
pub fn parse_with(raw: &str, table: &AgencyTable) -> Credit {
    analyse(raw, table).credit
}
