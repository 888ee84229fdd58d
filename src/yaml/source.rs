//! A file's bytes within a size cap. The cap is enforced by a bounded read, never by the size
//! the metadata claims (a device such as `/dev/zero` claims none), and the file is opened
//! without blocking and refused when it is a FIFO or socket, which might never end.

use crate::diagnostic::Diagnostic;
use rustix::fs::{Mode, OFlags};
use std::fs::File;
use std::io::Read;
use std::os::unix::fs::FileTypeExt;
use std::path::Path;

#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("is a directory")]
    Directory,
    #[error("the file is not a regular file")]
    NotRegular,
    #[error("the file is too large")]
    TooLarge { limit: u64 },
}

impl SourceError {
    /// The refusal as a diagnostic on `file`; `kind` names the format ("a topology file").
    pub fn diagnostic(&self, file: &str, kind: &str) -> Diagnostic {
        let help = match self {
            SourceError::TooLarge { limit } => format!("{kind} is at most {limit} bytes"),
            SourceError::NotRegular => {
                "name a regular file: a FIFO or socket is not read, as it may never end".to_owned()
            }
            SourceError::Io(_) | SourceError::Directory => {
                "check the path and its permissions".to_owned()
            }
        };
        Diagnostic::error(file, None, self.to_string()).with_help(help)
    }
}

/// The bytes of the file at `path`, at most `limit` of them.
pub fn read_file(path: &Path, limit: u64) -> Result<Vec<u8>, SourceError> {
    let file = open_without_blocking(path)?;
    let metadata = file.metadata()?;
    let kind = metadata.file_type();
    if kind.is_dir() {
        return Err(SourceError::Directory);
    }
    if kind.is_fifo() || kind.is_socket() {
        return Err(SourceError::NotRegular);
    }
    // A regular file that says it is too large is refused without reading it; one that says
    // otherwise is still held to the limit by the read, as it may grow meanwhile.
    if kind.is_file() && metadata.len() > limit {
        return Err(SourceError::TooLarge { limit });
    }
    read_bounded(file, limit)
}

/// Everything `reader` gives, refused once it passes `limit` bytes.
pub fn read_bounded(reader: impl Read, limit: u64) -> Result<Vec<u8>, SourceError> {
    let mut bytes = Vec::new();
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(SourceError::TooLarge { limit });
    }
    Ok(bytes)
}

/// Opening a FIFO that no one writes to blocks until someone does; without blocking it opens
/// at once, and its type is checked before anything is read.
fn open_without_blocking(path: &Path) -> std::io::Result<File> {
    let flags = OFlags::RDONLY | OFlags::NONBLOCK | OFlags::CLOEXEC;
    let fd = rustix::fs::open(path, flags, Mode::empty())?;
    Ok(File::from(fd))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_device_that_never_ends_is_too_large() {
        let error = read_file(Path::new("/dev/zero"), 1024).expect_err("endless");
        assert!(
            matches!(error, SourceError::TooLarge { limit: 1024 }),
            "{error}"
        );
    }

    #[test]
    fn a_fifo_is_refused_without_blocking() {
        let dir = tempfile::tempdir().expect("temp dir");
        let fifo = dir.path().join("fifo");
        rustix::fs::mkfifoat(rustix::fs::CWD, &fifo, Mode::RUSR | Mode::WUSR).expect("mkfifo");
        let error = read_file(&fifo, 1024).expect_err("a FIFO");
        assert!(matches!(error, SourceError::NotRegular), "{error}");
    }

    #[test]
    fn a_directory_and_a_missing_file_are_told_apart() {
        let dir = tempfile::tempdir().expect("temp dir");
        assert!(matches!(
            read_file(dir.path(), 1),
            Err(SourceError::Directory)
        ));
        let missing = read_file(&dir.path().join("missing"), 1);
        assert!(matches!(missing, Err(SourceError::Io(_))));
    }

    #[test]
    fn a_file_at_the_limit_is_read_whole() {
        assert_eq!(read_bounded(&b"abcd"[..], 4).ok(), Some(b"abcd".to_vec()));
        assert!(matches!(
            read_bounded(&b"abcde"[..], 4),
            Err(SourceError::TooLarge { limit: 4 })
        ));
    }
}
