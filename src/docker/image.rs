//! The agent image on the daemon: imported from a root-filesystem tar through the API (what
//! `docker import` does), looked up by tag, and removed on request. No registry involved.

use super::engine::describe;
use super::{DockerError, Engine};
use bollard::query_parameters::{CreateImageOptions, RemoveImageOptionsBuilder};
use futures_util::StreamExt;

/// An image as netctl needs to know it: its id (to remove exactly it later) and its labels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageInfo {
    pub id: String,
    pub labels: std::collections::BTreeMap<String, String>,
}

impl Engine {
    /// The image, or `None` when there is no such image.
    pub async fn image_info(&self, reference: &str) -> Result<Option<ImageInfo>, DockerError> {
        match self
            .call(
                || format!("inspecting image {reference}"),
                self.client.inspect_image(reference),
            )
            .await
        {
            Ok(image) => Ok(Some(ImageInfo {
                id: image.id.unwrap_or_default(),
                labels: image
                    .config
                    .and_then(|c| c.labels)
                    .unwrap_or_default()
                    .into_iter()
                    .collect(),
            })),
            Err(error) if error.status() == Some(404) => Ok(None),
            Err(error) => Err(error),
        }
    }

    /// Imports `rootfs` (a tar) as `repo:tag` with Dockerfile-style `changes`.
    pub async fn import_image(
        &self,
        rootfs: Vec<u8>,
        repo: &str,
        tag: &str,
        changes: &[&str],
    ) -> Result<(), DockerError> {
        let options = CreateImageOptions {
            from_src: Some("-".to_owned()),
            repo: Some(repo.to_owned()),
            tag: Some(tag.to_owned()),
            changes: changes.iter().map(|c| (*c).to_owned()).collect(),
            ..CreateImageOptions::default()
        };
        let call = || format!("importing the image {repo}:{tag}");
        self.calls
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let body = bollard::body_full(rootfs.into());
        let mut progress = self.client.create_image(Some(options), Some(body), None);
        while let Some(message) = progress.next().await {
            let message = message.map_err(|error| DockerError::Transport {
                call: call(),
                detail: describe(&error),
            })?;
            if let Some(error) = message.error_detail.and_then(|d| d.message) {
                return Err(DockerError::Api {
                    call: call(),
                    status: 500,
                    message: error,
                });
            }
        }
        Ok(())
    }

    /// Removes the image; one that is already gone is fine. Without `force`, the daemon keeps
    /// an image that a container still uses (and says so with 409).
    pub async fn remove_image(&self, reference: &str, force: bool) -> Result<(), DockerError> {
        let options = RemoveImageOptionsBuilder::default().force(force).build();
        match self
            .call(
                || format!("removing image {reference}"),
                self.client.remove_image(reference, Some(options), None),
            )
            .await
        {
            Err(error) if error.status() == Some(404) => Ok(()),
            Err(error) => Err(error),
            Ok(_) => Ok(()),
        }
    }
}
