//! The TLS files of a daemon connection, read and checked before the first call: a missing
//! file, a key where a certificate belongs or a file that is not PEM at all is named here,
//! instead of surfacing later as an obscure handshake failure.

use super::DaemonError;
use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, PrivateKeyDer};
use std::path::Path;

/// `ca.pem` and `cert.pem` must hold certificates, `key.pem` a private key.
pub fn check_folder(certs: &Path) -> Result<(), DaemonError> {
    certificates(&certs.join("ca.pem"))?;
    certificates(&certs.join("cert.pem"))?;
    private_key(&certs.join("key.pem"))
}

fn certificates(path: &Path) -> Result<(), DaemonError> {
    readable(path)?;
    let parsed: Result<Vec<CertificateDer>, _> = CertificateDer::pem_file_iter(path)
        .map_err(|error| unusable(path, error.to_string()))?
        .collect();
    match parsed {
        Ok(found) if !found.is_empty() => Ok(()),
        Ok(_) => Err(unusable(path, "holds no PEM certificate".to_owned())),
        Err(error) => Err(unusable(path, error.to_string())),
    }
}

fn private_key(path: &Path) -> Result<(), DaemonError> {
    readable(path)?;
    PrivateKeyDer::from_pem_file(path)
        .map(drop)
        .map_err(|_| unusable(path, "holds no PEM private key".to_owned()))
}

fn readable(path: &Path) -> Result<(), DaemonError> {
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_file() => Ok(()),
        Ok(_) => Err(unusable(path, "is not a regular file".to_owned())),
        Err(error) => Err(unusable(path, error.to_string())),
    }
}

fn unusable(path: &Path, problem: String) -> DaemonError {
    DaemonError::Tls {
        file: path.display().to_string(),
        problem,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_or_garbled_file_is_named_before_any_call() {
        let dir = tempfile::tempdir().unwrap();
        let missing = check_folder(dir.path()).unwrap_err().to_string();
        assert!(missing.contains("ca.pem"), "{missing}");

        std::fs::write(dir.path().join("ca.pem"), "not a certificate\n").unwrap();
        let garbled = check_folder(dir.path()).unwrap_err().to_string();
        assert!(garbled.contains("ca.pem"), "{garbled}");
        assert!(garbled.contains("no PEM certificate"), "{garbled}");

        std::fs::create_dir(dir.path().join("cert.pem")).unwrap();
        std::fs::write(
            dir.path().join("ca.pem"),
            "-----BEGIN CERTIFICATE-----\nMAA=\n-----END CERTIFICATE-----\n",
        )
        .unwrap();
        let folder = check_folder(dir.path()).unwrap_err().to_string();
        assert!(folder.contains("cert.pem"), "{folder}");
        assert!(folder.contains("not a regular file"), "{folder}");
    }
}
