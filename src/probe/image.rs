//! The agent image on the daemon (`netctl agent image`, sidecars): imported from this very binary and
//! tagged with netctl's version. A label holds a digest of the binary, so a rebuilt netctl of
//! the same version refreshes the image instead of probing with an older agent.

use super::daemon::Containers;
use super::rootfs::{IMPORT_CHANGES, RootfsError, image_tag, rootfs_files, rootfs_tar};
use crate::live::DaemonError;
use crate::live::labels::AGENT_DIGEST;
use std::path::Path;

#[derive(Debug, thiserror::Error)]
pub enum ImageError {
    #[error(transparent)]
    Rootfs(#[from] RootfsError),
    #[error(transparent)]
    Docker(#[from] DaemonError),
}

/// Whether the image was already current or had to be imported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageState {
    Current,
    Imported,
}

/// Makes sure `image_tag()` holds the netctl binary `exe`; imports it when missing, stale or
/// `refresh`.
pub async fn ensure_image(
    engine: &impl Containers,
    exe: &Path,
    refresh: bool,
) -> Result<(String, ImageState), ImageError> {
    let tag = image_tag();
    let binary = std::fs::read(exe).map_err(|source| RootfsError::Read {
        path: exe.to_owned(),
        source,
    })?;
    let digest = format!("{:016x}", fnv1a64(&binary));
    let existing = engine.image(&tag).await?;
    let current = existing
        .as_ref()
        .is_some_and(|image| image.labels.get(AGENT_DIGEST) == Some(&digest));
    if current && !refresh {
        return Ok((tag, ImageState::Current));
    }
    let tar = rootfs_tar(&rootfs_files(exe)?)?;
    let digest_change = format!("LABEL {AGENT_DIGEST}={digest}");
    let mut changes: Vec<String> = IMPORT_CHANGES.map(str::to_owned).to_vec();
    changes.push(digest_change);
    let (repo, version) = tag.split_once(':').unwrap_or((tag.as_str(), "latest"));
    engine.import_image(tar, repo, version, &changes).await?;
    if let Some(previous) = existing.filter(|image| image.labels.contains_key(AGENT_DIGEST)) {
        drop_replaced(engine, &tag, &previous.id).await;
    }
    Ok((tag, ImageState::Imported))
}

/// The agent image as the daemon has it, imported only when it has none: what the lock and
/// journal markers are made from. They never run, so an older agent serves as well, and the
/// binary is not read (hashing it would cost every apply).
pub async fn ensure_present(engine: &impl Containers, exe: &Path) -> Result<String, ImageError> {
    let tag = image_tag();
    if engine.image(&tag).await?.is_some() {
        return Ok(tag);
    }
    Ok(ensure_image(engine, exe, false).await?.0)
}

/// The agent image the new import untagged would stay behind as a dangling `<none>` image:
/// remove it, unless the import produced the very same image or a running sidecar still uses
/// it (the daemon refuses then, and the old image stays).
async fn drop_replaced(engine: &impl Containers, tag: &str, previous_id: &str) {
    let now = engine.image(tag).await.ok().flatten();
    if now.is_some_and(|image| image.id != previous_id) {
        let _ = engine.remove_image(previous_id, false).await;
    }
}

/// FNV-1a over the binary: a change detector, not a security measure.
fn fnv1a64(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_digest_tells_binaries_apart() {
        assert_ne!(super::fnv1a64(b"netctl 1"), super::fnv1a64(b"netctl 2"));
        assert_eq!(super::fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
    }
}
