//! No network code anywhere: no networking crate in the dependency tree, and no
//! socket use in attune's own source.

use std::path::Path;

/// Crates whose purpose is talking over a network.
const NETWORK_CRATES: &[&str] = &[
    "reqwest",
    "hyper",
    "ureq",
    "curl",
    "isahc",
    "surf",
    "attohttpc",
    "h2",
    "h3",
    "quinn",
    "native-tls",
    "openssl",
    "rustls",
    "tokio",
    "async-std",
    "socket2",
    "tungstenite",
    "websocket",
    "lettre",
    "trust-dns-resolver",
    "hickory-resolver",
];

#[test]
fn no_networking_crate_is_in_the_lock_file() {
    let lock =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.lock")).unwrap();
    let names: Vec<&str> = lock
        .lines()
        .filter_map(|l| l.strip_prefix("name = \""))
        .map(|l| l.trim_end_matches('"'))
        .collect();
    assert!(
        names.len() > 50,
        "the lock file was read ({} packages)",
        names.len()
    );
    for name in names {
        assert!(
            !NETWORK_CRATES.contains(&name),
            "{name} talks over a network; attune must not depend on it"
        );
    }
}

#[test]
fn attunes_own_code_opens_no_sockets() {
    let mut files = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("src")];
    let mut checked = 0;
    while let Some(path) = files.pop() {
        if path.is_dir() {
            files.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).unwrap();
            for banned in [
                "std::net",
                "TcpStream",
                "TcpListener",
                "UdpSocket",
                "UnixStream",
                "ToSocketAddrs",
            ] {
                assert!(!text.contains(banned), "{} uses {banned}", path.display());
            }
            checked += 1;
        }
    }
    assert!(checked > 20, "checked {checked} files");
}
