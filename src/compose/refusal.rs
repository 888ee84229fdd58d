//! Why the loader refuses a file that Compose refuses: where, what, and what to do instead.
//!
//! The loader's steps (normalizing one document, checking it whole, following `extends:`,
//! checking the merged project) know the file only by its index; [`Refusal::into_error`] turns
//! the index into the path and text the located error shows.

use super::load::LoadError;
use super::model::{Place, SourceFile};
use crate::diagnostic::{Diagnostic, Location};

/// One reason to refuse, in file number `file` of the project's [`SourceFile`] list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub file: usize,
    pub location: Option<Location>,
    pub message: String,
    pub help: String,
}

impl Refusal {
    pub fn new(
        file: usize,
        location: Option<Location>,
        message: impl Into<String>,
        help: impl Into<String>,
    ) -> Self {
        Self {
            file,
            location,
            message: message.into(),
            help: help.into(),
        }
    }

    /// A refusal of the value written at `place`.
    pub fn at(place: Place, message: impl Into<String>, help: impl Into<String>) -> Self {
        Self::new(place.file, Some(place.location), message, help)
    }

    /// The located error the CLI prints, with the file's text for its snippet.
    pub fn into_error(self, files: &[SourceFile]) -> LoadError {
        let (path, text) = files
            .get(self.file)
            .map(|f| (f.path.clone(), f.text.clone()))
            .unwrap_or_default();
        LoadError::Invalid {
            source_text: text,
            diagnostic: Box::new(
                Diagnostic::error(path, self.location, self.message).with_help(self.help),
            ),
        }
    }
}
