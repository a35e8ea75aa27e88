//! Who is at the other end: the reader's address, seen through the
//! reverse proxies the portal trusts. Throttles and the newsroom API's
//! loopback rule use it, so behind a proxy each reader still counts as
//! themselves and the proxy's own address opens nothing.

use std::net::{IpAddr, SocketAddr};

use axum::http::HeaderMap;

/// An address range of trusted proxies or metrics readers: the one type
/// loa parses ranges with ([`loa_domain::AddressRange`]); `contains` reads
/// only IPv4-mapped IPv6 as IPv4, so no other IPv6 form is trusted as an
/// IPv4 proxy.
pub use loa_domain::AddressRange as Network;

/// The reader's address: the connection's, unless it comes from a trusted
/// proxy, in which case the right-most `X-Forwarded-For` entry that is not
/// itself a trusted proxy (entries further left are the reader's to forge).
/// `None` when a trusted proxy names no reader (no header, or only proxies,
/// or an entry that does not parse): the reader is unknown, and never
/// taken for this machine.
pub fn forwarded_client(peer: SocketAddr, headers: &HeaderMap, trusted: &[Network]) -> Option<IpAddr> {
    let trusted_ip = |ip: IpAddr| trusted.iter().any(|n| n.contains(ip));
    if !trusted_ip(peer.ip()) {
        return Some(peer.ip());
    }
    let forwarded = headers.get_all("x-forwarded-for").iter().filter_map(|v| v.to_str().ok()).collect::<Vec<_>>().join(",");
    for hop in forwarded.rsplit(',').map(str::trim).filter(|h| !h.is_empty()) {
        let ip = parse_hop(hop)?;
        if !trusted_ip(ip) {
            return Some(ip);
        }
    }
    None
}

/// An `X-Forwarded-For` entry: an address, with or without a port
/// (`203.0.113.7:5678`, `[2001:db8::1]:443`).
fn parse_hop(hop: &str) -> Option<IpAddr> {
    if let Ok(ip) = hop.parse() {
        return Some(ip);
    }
    if let Ok(addr) = hop.parse::<SocketAddr>() {
        return Some(addr.ip());
    }
    hop.strip_prefix('[').and_then(|h| h.strip_suffix(']')).and_then(|h| h.parse().ok())
}

/// The address a request is counted under (throttles): the reader's, or,
/// when a trusted proxy names none, the proxy's, so such requests share
/// one count rather than escape it.
pub fn client_address(peer: SocketAddr, headers: &HeaderMap, trusted: &[Network]) -> IpAddr {
    forwarded_client(peer, headers, trusted).unwrap_or(peer.ip())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn net(s: &str) -> Network {
        Network::parse(s).unwrap()
    }

    #[test]
    fn networks_hold_what_their_prefix_says() {
        assert!(net("10.0.0.0/8").contains("10.200.3.4".parse().unwrap()));
        assert!(!net("10.0.0.0/8").contains("11.0.0.1".parse().unwrap()));
        assert!(net("192.168.1.7").contains("192.168.1.7".parse().unwrap()));
        assert!(!net("192.168.1.7").contains("192.168.1.8".parse().unwrap()));
        assert!(net("0.0.0.0/0").contains("203.0.113.9".parse().unwrap()));
        assert!(net("2001:db8::/32").contains("2001:db8:ffff::1".parse().unwrap()));
        assert!(!net("2001:db8::/32").contains("2001:db9::1".parse().unwrap()));
        assert!(net("127.0.0.1/32").contains("::ffff:127.0.0.1".parse().unwrap()), "IPv4-mapped");
        assert!(!net("::/0").contains("127.0.0.1".parse().unwrap()), "families do not mix");
        for bad in ["", "10.0.0.0/33", "2001:db8::/129", "example.org", "10.0.0.0/x"] {
            assert!(Network::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn the_reader_is_found_behind_trusted_proxies_only() {
        let trusted = [net("127.0.0.1"), net("10.0.0.0/8")];
        let mut h = HeaderMap::new();
        h.insert("x-forwarded-for", "198.51.100.1, 203.0.113.7, 10.0.0.5".parse().unwrap());
        let via_proxy: SocketAddr = "127.0.0.1:5000".parse().unwrap();
        // The reader forged 198.51.100.1; the first untrusted hop from the right is real.
        assert_eq!(client_address(via_proxy, &h, &trusted), "203.0.113.7".parse::<IpAddr>().unwrap());
        // From an untrusted peer the header is ignored.
        let direct: SocketAddr = "203.0.113.50:5000".parse().unwrap();
        assert_eq!(client_address(direct, &h, &trusted), "203.0.113.50".parse::<IpAddr>().unwrap());
        // Nothing trusted: the connection is the reader.
        assert_eq!(client_address(via_proxy, &h, &[]), "127.0.0.1".parse::<IpAddr>().unwrap());
        // Entries with ports, IPv6 in brackets.
        h.insert("x-forwarded-for", "203.0.113.8:5678".parse().unwrap());
        assert_eq!(forwarded_client(via_proxy, &h, &trusted), Some("203.0.113.8".parse().unwrap()));
        h.insert("x-forwarded-for", "[2001:db8::1]:443".parse().unwrap());
        assert_eq!(forwarded_client(via_proxy, &h, &trusted), Some("2001:db8::1".parse().unwrap()));
        h.insert("x-forwarded-for", "[2001:db8::2]".parse().unwrap());
        assert_eq!(forwarded_client(via_proxy, &h, &trusted), Some("2001:db8::2".parse().unwrap()));
        // A proxy that names nobody, or names garbage, or only proxies: unknown.
        for missing in ["", "not-an-ip, 10.0.0.9", "10.0.0.9"] {
            h.insert("x-forwarded-for", missing.parse().unwrap());
            assert_eq!(forwarded_client(via_proxy, &h, &trusted), None, "{missing:?}");
        }
        h.remove("x-forwarded-for");
        assert_eq!(forwarded_client(via_proxy, &h, &trusted), None);
        assert_eq!(client_address(via_proxy, &h, &trusted), "127.0.0.1".parse::<IpAddr>().unwrap(), "counted as the proxy");
    }
}
