//! The agent image's root filesystem as a tar stream: netctl's own binary at `/netctl`, plus
//! the loader and libraries it links when it is not static. No registry, no base image.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Why the agent image's root filesystem cannot be made.
#[derive(Debug, thiserror::Error)]
pub enum RootfsError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "{path} is not a 64-bit little-endian ELF executable, so it cannot run in the agent image"
    )]
    NotElf { path: PathBuf },
    #[error(
        "cannot list the libraries of {path} with ldd: {reason}; build a static netctl instead \
         (RUSTFLAGS='-C target-feature=+crt-static' cargo build --release --target x86_64-unknown-linux-gnu)"
    )]
    Ldd { path: PathBuf, reason: String },
    #[error("cannot write the image's root filesystem: {0}")]
    Tar(std::io::Error),
}

/// Where the binary lives in the image.
pub const BINARY_PATH: &str = "/netctl";

/// The `docker import --change` lines (or the API's `changes`) that make the tar an image.
/// Without arguments the agent serves nothing and waits for a stop signal.
pub const IMPORT_CHANGES: [&str; 3] = [
    r#"ENTRYPOINT ["/netctl"]"#,
    r#"CMD ["agent", "serve"]"#,
    "LABEL io.netctl.role=agent",
];

/// The tag of this netctl's agent image: one per version, so an upgrade never uses a stale one.
pub fn image_tag() -> String {
    format!("netctl-agent:{}", env!("CARGO_PKG_VERSION"))
}

/// A file of the image, at its absolute path inside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RootfsFile {
    pub path: PathBuf,
    pub contents: Vec<u8>,
    pub mode: u32,
}

/// The tar of `files` with their parent directories and `/tmp`; owner root, mtime zero, so the
/// same binary always gives the same bytes.
pub fn rootfs_tar(files: &[RootfsFile]) -> Result<Vec<u8>, RootfsError> {
    let mut builder = tar::Builder::new(Vec::new());
    for (directory, mode) in directories(files) {
        let mut header = header(tar::EntryType::Directory, mode, 0);
        builder
            .append_data(
                &mut header,
                format!("{}/", directory.display()),
                std::io::empty(),
            )
            .map_err(RootfsError::Tar)?;
    }
    for file in files {
        let relative = file.path.strip_prefix("/").unwrap_or(&file.path);
        let mut header = header(
            tar::EntryType::Regular,
            file.mode,
            file.contents.len() as u64,
        );
        builder
            .append_data(&mut header, relative, file.contents.as_slice())
            .map_err(RootfsError::Tar)?;
    }
    builder.into_inner().map_err(RootfsError::Tar)
}

fn header(kind: tar::EntryType, mode: u32, size: u64) -> tar::Header {
    let mut header = tar::Header::new_gnu();
    header.set_entry_type(kind);
    header.set_mode(mode);
    header.set_size(size);
    header.set_uid(0);
    header.set_gid(0);
    header.set_mtime(0);
    header
}

/// Every parent directory of the files, parents first, and `/tmp` (world-writable, sticky).
fn directories(files: &[RootfsFile]) -> Vec<(PathBuf, u32)> {
    let mut parents = BTreeSet::new();
    for file in files {
        let relative = file.path.strip_prefix("/").unwrap_or(&file.path);
        parents.extend(
            relative
                .ancestors()
                .skip(1)
                .filter(|p| !p.as_os_str().is_empty())
                .map(Path::to_path_buf),
        );
    }
    let mut directories: Vec<(PathBuf, u32)> = parents.into_iter().map(|p| (p, 0o755)).collect();
    directories.push((PathBuf::from("tmp"), 0o1777));
    directories
}

/// The files the image needs to run `exe`: the binary alone when it is static, else also the
/// loader and every library `ldd` lists, at the same paths.
pub fn rootfs_files(exe: &Path) -> Result<Vec<RootfsFile>, RootfsError> {
    let binary = read(exe)?;
    let dynamic = is_dynamic(&binary).ok_or_else(|| RootfsError::NotElf {
        path: exe.to_path_buf(),
    })?;
    let mut files = vec![RootfsFile {
        path: PathBuf::from(BINARY_PATH),
        contents: binary,
        mode: 0o755,
    }];
    if dynamic {
        for library in linked_libraries(exe)? {
            files.push(RootfsFile {
                contents: read(&library)?,
                path: library,
                mode: 0o755,
            });
        }
    }
    Ok(files)
}

fn read(path: &Path) -> Result<Vec<u8>, RootfsError> {
    std::fs::read(path).map_err(|source| RootfsError::Read {
        path: path.to_path_buf(),
        source,
    })
}

/// Whether a 64-bit little-endian ELF file asks for a program interpreter (a dynamic loader);
/// `None` when the bytes are not such a file.
pub fn is_dynamic(elf: &[u8]) -> Option<bool> {
    const PT_INTERP: u32 = 3;
    if elf.get(..6)? != b"\x7fELF\x02\x01" {
        return None;
    }
    let u16_at = |at: usize| {
        Some(u16::from_le_bytes(
            elf.get(at..at.checked_add(2)?)?.try_into().ok()?,
        ))
    };
    let u32_at = |at: usize| {
        Some(u32::from_le_bytes(
            elf.get(at..at.checked_add(4)?)?.try_into().ok()?,
        ))
    };
    let u64_at = |at: usize| {
        Some(u64::from_le_bytes(
            elf.get(at..at.checked_add(8)?)?.try_into().ok()?,
        ))
    };
    let table = usize::try_from(u64_at(0x20)?).ok()?;
    let (entry_size, entries) = (usize::from(u16_at(0x36)?), usize::from(u16_at(0x38)?));
    let mut found = false;
    for index in 0..entries {
        found |= u32_at(table.checked_add(index.checked_mul(entry_size)?)?)? == PT_INTERP;
    }
    Some(found)
}

fn linked_libraries(exe: &Path) -> Result<Vec<PathBuf>, RootfsError> {
    let failed = |reason: String| RootfsError::Ldd {
        path: exe.to_path_buf(),
        reason,
    };
    let output = Command::new("ldd")
        .arg(exe)
        .output()
        .map_err(|error| failed(error.to_string()))?;
    if !output.status.success() {
        return Err(failed(
            String::from_utf8_lossy(&output.stderr).trim().to_owned(),
        ));
    }
    Ok(ldd_paths(&String::from_utf8_lossy(&output.stdout)))
}

/// The absolute paths in `ldd` output: `libc.so.6 => /lib/.../libc.so.6 (0x...)` and the
/// loader's `/lib64/ld-linux-x86-64.so.2 (0x...)`; the vDSO has no file and is left out.
pub fn ldd_paths(output: &str) -> Vec<PathBuf> {
    output
        .lines()
        .filter_map(|line| {
            let path = line.split("=>").last()?.split_whitespace().next()?;
            path.starts_with('/').then(|| PathBuf::from(path))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(tar_bytes: &[u8]) -> Vec<(String, u32, Vec<u8>)> {
        let mut archive = tar::Archive::new(tar_bytes);
        archive
            .entries()
            .unwrap()
            .map(|entry| {
                let mut entry = entry.unwrap();
                let path = entry.path().unwrap().display().to_string();
                let mode = entry.header().mode().unwrap();
                let mut contents = Vec::new();
                std::io::Read::read_to_end(&mut entry, &mut contents).unwrap();
                (path, mode, contents)
            })
            .collect()
    }

    #[test]
    fn the_tar_holds_the_files_their_directories_and_tmp() {
        let files = [
            RootfsFile {
                path: PathBuf::from("/netctl"),
                contents: b"binary".to_vec(),
                mode: 0o755,
            },
            RootfsFile {
                path: PathBuf::from("/lib/x86_64-linux-gnu/libc.so.6"),
                contents: b"libc".to_vec(),
                mode: 0o755,
            },
        ];
        let tar_bytes = rootfs_tar(&files).unwrap();
        let listed: Vec<(String, u32)> = entries(&tar_bytes)
            .into_iter()
            .map(|(path, mode, _)| (path, mode))
            .collect();
        assert_eq!(
            listed,
            [
                ("lib/".to_owned(), 0o755),
                ("lib/x86_64-linux-gnu/".to_owned(), 0o755),
                ("tmp/".to_owned(), 0o1777),
                ("netctl".to_owned(), 0o755),
                ("lib/x86_64-linux-gnu/libc.so.6".to_owned(), 0o755),
            ]
        );
        assert_eq!(entries(&tar_bytes)[3].2, b"binary");
        assert_eq!(rootfs_tar(&files).unwrap(), tar_bytes, "reproducible");
    }

    #[test]
    fn ldd_output_gives_the_loader_and_libraries_but_not_the_vdso() {
        let output = "\tlinux-vdso.so.1 (0x00007ffd)\n\tlibgcc_s.so.1 => /lib/x86_64-linux-gnu/libgcc_s.so.1 (0x00007f)\n\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f)\n\t/lib64/ld-linux-x86-64.so.2 (0x00007f)\n";
        assert_eq!(
            ldd_paths(output),
            [
                PathBuf::from("/lib/x86_64-linux-gnu/libgcc_s.so.1"),
                PathBuf::from("/lib/x86_64-linux-gnu/libc.so.6"),
                PathBuf::from("/lib64/ld-linux-x86-64.so.2"),
            ]
        );
    }

    #[test]
    fn the_running_test_binary_is_a_dynamic_elf_and_text_is_no_elf() {
        let exe = std::fs::read(std::env::current_exe().unwrap()).unwrap();
        assert_eq!(is_dynamic(&exe), Some(true));
        assert_eq!(is_dynamic(b"#!/bin/sh\n"), None);
        let mut truncated = exe[..0x40].to_vec();
        truncated[0x20..0x28].copy_from_slice(&u64::MAX.to_le_bytes());
        assert_eq!(is_dynamic(&truncated), None);
    }
}
