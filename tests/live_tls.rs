//! TLS to the daemon: a socat TLS proxy on loopback in front of the local socket stands in for
//! a daemon started with --tlsverify. Certificates are made per test with the openssl CLI.
//! (The proxy does not ask for the client certificate: socat's OpenSSL server rejects the
//! session resumption rustls attempts when it verifies peers. netctl still sends it.)

pub mod harness;

use harness::Test;
use harness::test::Output;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

/// The TLS proxy; killed on drop.
struct Proxy {
    child: Child,
    port: u16,
}

impl Drop for Proxy {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn openssl(dir: &Path, args: &[&str]) {
    let output = std::process::Command::new("openssl")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the openssl CLI (scripts/ci-deps.sh installs it)");
    assert!(
        output.status.success(),
        "openssl {}: {}",
        args.join(" "),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// A CA, a server certificate for 127.0.0.1 and a client certificate, in the file names
/// the docker CLI expects (ca.pem, cert.pem, key.pem) plus server.pem/server-key.pem.
fn certificates(dir: &Path) {
    let key = ["-newkey", "rsa:2048", "-nodes"];
    openssl(
        dir,
        &[
            &["req", "-x509"][..],
            &key,
            &[
                "-keyout",
                "ca-key.pem",
                "-out",
                "ca.pem",
                "-days",
                "1",
                "-subj",
                "/CN=netctl-test-ca",
            ],
        ]
        .concat(),
    );
    std::fs::write(
        dir.join("server.ext"),
        "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n",
    )
    .expect("server.ext");
    std::fs::write(dir.join("client.ext"), "extendedKeyUsage=clientAuth\n").expect("client.ext");
    for (name, key_file, cert, ext) in [
        ("server", "server-key.pem", "server.pem", "server.ext"),
        ("client", "key.pem", "cert.pem", "client.ext"),
    ] {
        let csr = format!("{name}.csr");
        let subject = format!("/CN={name}");
        openssl(
            dir,
            &[
                &["req"][..],
                &key,
                &["-keyout", key_file, "-out", &csr, "-subj", &subject],
            ]
            .concat(),
        );
        openssl(
            dir,
            &[
                "x509",
                "-req",
                "-in",
                &csr,
                "-CA",
                "ca.pem",
                "-CAkey",
                "ca-key.pem",
                "-CAcreateserial",
                "-out",
                cert,
                "-days",
                "1",
                "-extfile",
                ext,
            ],
        );
    }
}

fn proxy(certs: &Path) -> Proxy {
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let listen = format!(
        "OPENSSL-LISTEN:{port},bind=127.0.0.1,reuseaddr,fork,cert={dir}/server.pem,key={dir}/server-key.pem,verify=0",
        dir = certs.display()
    );
    let child = std::process::Command::new("socat")
        .args([listen.as_str(), "UNIX-CONNECT:/var/run/docker.sock"])
        .stderr(Stdio::null())
        .spawn()
        .expect("socat (scripts/ci-deps.sh installs it)");
    let proxy = Proxy { child, port };
    let deadline = Instant::now() + Duration::from_secs(5);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "socat did not listen on {port}");
        std::thread::sleep(Duration::from_millis(50));
    }
    proxy
}

fn topology(dir: &Path) -> PathBuf {
    let path = dir.join("t.yaml");
    std::fs::write(
        &path,
        "version: 1\nproject: tls\nnetworks:\n  n: {}\nservices:\n  svc:\n    networks: [n]\n",
    )
    .expect("writing the topology");
    path
}

fn plan(dir: &Path, env: &[(&str, &str)], args: &[&str]) -> Output {
    // Cleared first: a later env_remove would undo the values set for the test.
    let mut test = Test::in_dir(dir)
        .env_remove("DOCKER_HOST")
        .env_remove("DOCKER_TLS_VERIFY")
        .env_remove("DOCKER_CERT_PATH")
        .env_remove("DOCKER_CONTEXT")
        .env("DOCKER_CONFIG", dir.join("docker-config"));
    for (name, value) in env {
        test = test.env(name, value);
    }
    test.arg("plan")
        .args(args)
        .arg(topology(dir))
        .timeout(Duration::from_secs(30))
        .any_status()
        .run()
}

#[test]
fn docker_tls_verify_and_cert_path_reach_a_tls_daemon() {
    let dir = tempfile::tempdir().expect("a temp dir");
    certificates(dir.path());
    let proxy = proxy(dir.path());
    let host = format!("tcp://127.0.0.1:{}", proxy.port);
    let certs = dir.path().display().to_string();
    let output = plan(
        dir.path(),
        &[
            ("DOCKER_HOST", &host),
            ("DOCKER_TLS_VERIFY", "1"),
            ("DOCKER_CERT_PATH", &certs),
        ],
        &[],
    );
    assert_eq!(output.code(), Some(0), "{}", output.stderr);
}

#[test]
fn a_server_certificate_from_another_ca_is_refused_clearly() {
    let dir = tempfile::tempdir().expect("a temp dir");
    certificates(dir.path());
    let other = tempfile::tempdir().expect("a temp dir");
    certificates(other.path());
    for file in ["cert.pem", "key.pem"] {
        std::fs::copy(dir.path().join(file), other.path().join(file)).expect("copying");
    }
    let proxy = proxy(dir.path());
    let host = format!("tcp://127.0.0.1:{}", proxy.port);
    let certs = other.path().display().to_string();
    let output = plan(
        dir.path(),
        &[
            ("DOCKER_HOST", &host),
            ("DOCKER_TLS_VERIFY", "1"),
            ("DOCKER_CERT_PATH", &certs),
        ],
        &[],
    );
    let stderr = &output.stderr;
    assert_eq!(output.code(), Some(1), "{stderr}");
    assert!(stderr.contains(&format!("{host} (TLS)")), "{stderr}");
    assert!(stderr.contains("invalid peer certificate"), "{stderr}");
}

#[test]
fn a_tls_context_uses_the_certificates_in_the_context_store() {
    use sha2::Digest;
    let dir = tempfile::tempdir().expect("a temp dir");
    certificates(dir.path());
    let proxy = proxy(dir.path());
    let digest: String = sha2::Sha256::digest(b"secure")
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let config = dir.path().join("docker-config");
    let meta = config.join("contexts/meta").join(&digest);
    let tls = config.join("contexts/tls").join(&digest).join("docker");
    std::fs::create_dir_all(&meta).expect("meta dir");
    std::fs::create_dir_all(&tls).expect("tls dir");
    for file in ["ca.pem", "cert.pem", "key.pem"] {
        std::fs::copy(dir.path().join(file), tls.join(file)).expect("copying");
    }
    let host = format!("tcp://127.0.0.1:{}", proxy.port);
    std::fs::write(
        meta.join("meta.json"),
        format!(r#"{{"Name":"secure","Metadata":{{}},"Endpoints":{{"docker":{{"Host":"{host}","SkipTLSVerify":false}}}}}}"#),
    )
    .expect("meta.json");
    let output = plan(dir.path(), &[], &["--context", "secure"]);
    assert_eq!(output.code(), Some(0), "{}", output.stderr);
}
