//! The local test images (nothing can be pulled here): the busybox placeholder built by
//! scripts/build-test-image.sh, and the agent image made from this build's own netctl, so the
//! tests always probe the code under test.

use std::io::Write;
use std::process::{Command, Stdio};
use std::sync::Once;

/// The placeholder image, built locally by scripts/build-test-image.sh (no registry here).
pub const PLACEHOLDER: &str = "netctl-test-busybox:1";

/// Builds the placeholder image once per test process, when it is missing.
pub fn placeholder() -> &'static str {
    static BUILD: Once = Once::new();
    BUILD.call_once(|| {
        let script = super::files::root().join("scripts/build-test-image.sh");
        let status = Command::new("bash")
            .arg(&script)
            .status()
            .expect("running scripts/build-test-image.sh");
        assert!(
            status.success(),
            "building {PLACEHOLDER} failed: run scripts/ci-deps.sh first (needs busybox-static)"
        );
    });
    PLACEHOLDER
}

/// Imports `netctl agent rootfs` (with Debian's static busybox and the applets the exec
/// strategy runs when `busybox` is set) as `tag`, labelled `io.netctl.test=<run>`.
pub fn agent(tag: &str, run: &str, busybox: bool) {
    let rootfs = Command::new(env!("CARGO_BIN_EXE_netctl"))
        .args(["agent", "rootfs"])
        .output()
        .expect("netctl agent rootfs runs");
    assert!(rootfs.status.success(), "netctl agent rootfs failed");
    let tar = if busybox {
        with_busybox(&rootfs.stdout)
    } else {
        rootfs.stdout
    };
    let mut child = Command::new("docker")
        .args(["import", "--change", r#"ENTRYPOINT ["/netctl"]"#])
        .args(["--change", r#"CMD ["agent", "serve"]"#])
        .args(["--change", &format!("LABEL io.netctl.test={run}")])
        .args(["-", tag])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .expect("docker import starts");
    let mut stdin = child.stdin.take().expect("docker import's stdin");
    stdin
        .write_all(&tar)
        .expect("the rootfs goes to docker import");
    drop(stdin);
    let status = child.wait().expect("docker import ends");
    assert!(
        status.success(),
        "docker import failed: is the Docker daemon running?"
    );
}

/// The applets the exec strategy calls, linked to `/bin/busybox`.
const APPLETS: [&str; 5] = ["sh", "nslookup", "ping", "nc", "timeout"];

/// Re-writes the agent's rootfs with `/bin/busybox` (from busybox-static) and its applets.
fn with_busybox(agent_rootfs: &[u8]) -> Vec<u8> {
    let mut builder = tar::Builder::new(Vec::new());
    let mut archive = tar::Archive::new(agent_rootfs);
    for entry in archive.entries().expect("the rootfs is a tar") {
        let mut entry = entry.expect("a tar entry");
        let header = entry.header().clone();
        builder
            .append(&header, &mut entry)
            .expect("copying an entry");
    }
    let busybox = std::fs::read("/bin/busybox").expect("/bin/busybox: run scripts/ci-deps.sh");
    append(&mut builder, tar::EntryType::Directory, 0o755, "bin/", &[]);
    append(
        &mut builder,
        tar::EntryType::Regular,
        0o755,
        "bin/busybox",
        &busybox,
    );
    for applet in APPLETS {
        let mut link = tar::Header::new_gnu();
        link.set_entry_type(tar::EntryType::Symlink);
        link.set_mode(0o777);
        link.set_size(0);
        builder
            .append_link(&mut link, format!("bin/{applet}"), "busybox")
            .expect("an applet link");
    }
    builder.into_inner().expect("the tar ends")
}

fn append(
    builder: &mut tar::Builder<Vec<u8>>,
    kind: tar::EntryType,
    mode: u32,
    path: &str,
    data: &[u8],
) {
    let mut header = tar::Header::new_gnu();
    header.set_entry_type(kind);
    header.set_mode(mode);
    header.set_size(data.len() as u64);
    builder
        .append_data(&mut header, path, data)
        .expect("a tar entry");
}
