//! The agent image on the daemon: imported from a root-filesystem tar through the API (what
//! `docker import` does), looked up by tag, and removed on request. No registry involved.

use super::engine::describe;
use super::{DaemonError, Engine};
use crate::probe::daemon::ImageInfo;
use bollard::query_parameters::{CreateImageOptions, RemoveImageOptionsBuilder};
use futures_util::StreamExt;

impl Engine {
    /// The image, or `None` when there is no such image.
    pub(super) async fn image_info(
        &self,
        reference: &str,
    ) -> Result<Option<ImageInfo>, DaemonError> {
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
    pub(super) async fn import_rootfs(
        &self,
        rootfs: Vec<u8>,
        repo: &str,
        tag: &str,
        changes: &[String],
    ) -> Result<(), DaemonError> {
        let options = CreateImageOptions {
            from_src: Some("-".to_owned()),
            repo: Some(repo.to_owned()),
            tag: Some(tag.to_owned()),
            changes: changes.to_vec(),
            ..CreateImageOptions::default()
        };
        let call = || format!("importing the image {repo}:{tag}");
        self.calls
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let body = bollard::body_full(rootfs.into());
        let mut progress = self.client.create_image(Some(options), Some(body), None);
        while let Some(message) = progress.next().await {
            let message = message.map_err(|error| DaemonError::Transport {
                call: call(),
                detail: describe(&error),
            })?;
            if let Some(error) = message.error_detail.and_then(|d| d.message) {
                return Err(DaemonError::Api {
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
    pub(super) async fn drop_image(&self, reference: &str, force: bool) -> Result<(), DaemonError> {
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
