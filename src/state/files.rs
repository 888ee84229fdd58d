//! How netctl's files reach the disk (`plan --out`): never through a symlink someone
//! planted, and whole or not at all (a temporary file, synced, then renamed), so a crash leaves
//! the old content or the new, never half of either.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

/// Replaces `path` with `bytes` atomically. `mode` is for a new file (the umask still
/// applies); the temporary file is created fresh, so no symlink or earlier file is followed.
pub fn write_atomically(path: &Path, bytes: &[u8], mode: u32) -> std::io::Result<()> {
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty());
    let name = path
        .file_name()
        .ok_or_else(|| std::io::Error::other("not a file name"))?;
    let mut temp_name = std::ffi::OsString::from(".");
    temp_name.push(name);
    temp_name.push(format!(".{}.tmp", std::process::id()));
    let temp = folder.map_or_else(|| temp_name.clone().into(), |f| f.join(&temp_name));
    let written = (|| {
        let mut file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(mode)
            .custom_flags(rustix::fs::OFlags::NOFOLLOW.bits() as i32)
            .open(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&temp, path)?;
        File::open(folder.unwrap_or(Path::new(".")))?.sync_all()
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    written
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn mode_of(path: &Path) -> u32 {
        std::fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn files_are_replaced_whole_with_the_mode_asked_for() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("a/b");
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("journal.json");
        write_atomically(&file, b"first", 0o600).unwrap();
        write_atomically(&file, b"second", 0o600).unwrap();
        assert_eq!(std::fs::read(&file).unwrap(), b"second");
        assert_eq!(mode_of(&file), 0o600);
        let left: Vec<_> = std::fs::read_dir(&dir).unwrap().collect();
        assert_eq!(left.len(), 1, "no temporary file stays");
    }

    #[test]
    fn a_planted_symlink_is_not_written_through() {
        let root = tempfile::tempdir().unwrap();
        let target = root.path().join("elsewhere");
        std::fs::write(&target, b"someone else's").unwrap();
        let link = root.path().join("lock");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        write_atomically(&link, b"ours", 0o600).unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"someone else's");
        assert_eq!(std::fs::read(&link).unwrap(), b"ours");
        assert!(!std::fs::symlink_metadata(&link).unwrap().is_symlink());
    }
}
