//! The probe side of the seam: what `probe::Containers` asks, served by the Engine's calls.

use super::Engine;
use crate::live::DaemonError;
use crate::probe::ExecOutput;
use crate::probe::daemon::{Containers, ImageInfo, PlaceholderSpec, SidecarSpec};
use crate::probe::sidecar::{SidecarGate, SidecarOutput};

impl Containers for Engine {
    async fn exec(
        &self,
        container: &str,
        argv: &[String],
        stdin: Option<&[u8]>,
    ) -> Result<ExecOutput, DaemonError> {
        self.run_exec(container, argv, stdin).await
    }

    async fn run_sidecar(
        &self,
        gate: &SidecarGate,
        sidecar: &SidecarSpec,
    ) -> Result<SidecarOutput, DaemonError> {
        self.sidecar(gate, sidecar).await
    }

    async fn start_placeholder(&self, spec: &PlaceholderSpec) -> Result<String, DaemonError> {
        self.placeholder(spec).await
    }

    async fn remove_container(&self, id: &str) -> Result<(), DaemonError> {
        self.force_remove(id).await
    }

    async fn image(&self, reference: &str) -> Result<Option<ImageInfo>, DaemonError> {
        self.image_info(reference).await
    }

    async fn import_image(
        &self,
        rootfs: Vec<u8>,
        repo: &str,
        tag: &str,
        changes: &[String],
    ) -> Result<(), DaemonError> {
        self.import_rootfs(rootfs, repo, tag, changes).await
    }

    async fn remove_image(&self, reference: &str, force: bool) -> Result<(), DaemonError> {
        self.drop_image(reference, force).await
    }
}
