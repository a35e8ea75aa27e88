//! The SSRF guard: loa fetches whatever addresses outlets' feeds name, so
//! a hostile feed could point it at the machine itself, the private network
//! behind it, or a cloud metadata service. Every address is checked after
//! DNS resolution (so a public name resolving to 10.0.0.1 is caught) and on
//! every redirect, unless the configuration's allow-list admits it.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;

use loa_domain::address::canonical;
/// An address range of the allow-list: the one type loa parses ranges
/// with ([`loa_domain::AddressRange`]), judged here with every IPv6 form
/// that carries an IPv4 address read as that address.
pub use loa_domain::AddressRange as Cidr;

/// Why an address must not be fetched, or `None` for a public address.
pub fn forbidden_reason(ip: IpAddr) -> Option<&'static str> {
    match canonical(ip) {
        IpAddr::V4(v4) => {
            let o = v4.octets();
            if v4.is_unspecified() || o[0] == 0 {
                Some("an unspecified address")
            } else if v4.is_loopback() {
                Some("a loopback address (this machine)")
            } else if o == [169, 254, 169, 254] || o == [100, 100, 100, 200] {
                Some("a cloud metadata address")
            } else if v4.is_link_local() {
                Some("a link-local address")
            } else if v4.is_private() {
                Some("a private network address")
            } else if o[0] == 100 && (64..128).contains(&o[1]) {
                Some("a carrier-grade NAT address")
            } else if v4.is_multicast() {
                Some("a multicast address")
            } else if v4.is_broadcast()
                || o[0] >= 240
                // 198.18.0.0/15 (benchmarking) and 192.0.0.0/24 (protocol assignments).
                || (o[0] == 198 && (o[1] == 18 || o[1] == 19))
                || (o[0] == 192 && o[1] == 0 && o[2] == 0)
            {
                Some("a reserved address")
            } else {
                None
            }
        }
        IpAddr::V6(v6) => {
            let s0 = v6.segments()[0];
            if v6.is_unspecified() {
                Some("an unspecified address")
            } else if v6.is_loopback() {
                Some("a loopback address (this machine)")
            } else if s0 & 0xffc0 == 0xfe80 {
                Some("a link-local address")
            } else if s0 & 0xfe00 == 0xfc00 || s0 & 0xffc0 == 0xfec0 {
                // Unique local, and the site-local range it replaced.
                Some("a private network address")
            } else if s0 & 0xff00 == 0xff00 {
                Some("a multicast address")
            } else {
                None
            }
        }
    }
}

/// The address a reserved name stands for: `localhost` and every name
/// under it are loopback (RFC 6761), refused by name before any resolver
/// (or a proxy's) is asked.
pub fn reserved_name_address(name: &str) -> Option<IpAddr> {
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    (name == "localhost" || name.ends_with(".localhost")).then_some(IpAddr::V4(Ipv4Addr::LOCALHOST))
}

/// Which addresses may be fetched: public ones, and the ranges the
/// configuration explicitly allows (tests and the demo allow loopback).
#[derive(Debug, Clone, Default)]
pub struct AddressGuard {
    allow: Vec<Cidr>,
}

impl AddressGuard {
    pub fn allowing(ranges: &[String]) -> Result<AddressGuard, String> {
        Ok(AddressGuard { allow: ranges.iter().map(|r| Cidr::parse(r)).collect::<Result<_, _>>()? })
    }

    /// `Err(reason)` when `ip` must not be contacted.
    pub fn check(&self, ip: IpAddr) -> Result<(), String> {
        match forbidden_reason(ip) {
            Some(_) if self.allow.iter().any(|c| c.contains_embedded(ip)) => Ok(()),
            Some(why) => Err(format!("{ip} is {why}")),
            None => Ok(()),
        }
    }
}

/// Raised by the resolver (for first URLs and redirect targets alike); the
/// fetcher turns it into [`crate::FetchError::Forbidden`].
#[derive(Debug)]
pub(crate) struct Refused(pub String);

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Refused {}

/// DNS resolution that drops forbidden addresses; if none is left the
/// connection is refused with the reason.
pub(crate) struct GuardedResolver {
    pub guard: Arc<AddressGuard>,
    /// The configured proxy's host name (lower case): the operator chose
    /// it, so its addresses are not judged. With a proxy, this resolver
    /// sees no other name (targets are checked by the fetcher).
    pub exempt: Option<String>,
}

impl reqwest::dns::Resolve for GuardedResolver {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let guard = self.guard.clone();
        let exempt = self.exempt.as_deref().is_some_and(|e| name.as_str().eq_ignore_ascii_case(e));
        Box::pin(async move {
            let host = name.as_str().to_string();
            let addrs: Vec<SocketAddr> = tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            if exempt {
                return Ok(Box::new(addrs.into_iter()) as reqwest::dns::Addrs);
            }
            let mut refusals = Vec::new();
            let allowed: Vec<SocketAddr> = addrs
                .into_iter()
                .filter(|a| match guard.check(a.ip()) {
                    Ok(()) => true,
                    Err(why) => {
                        refusals.push(why);
                        false
                    }
                })
                .collect();
            if allowed.is_empty() {
                let why = refusals.first().cloned().unwrap_or_else(|| "no address".into());
                return Err(Box::new(Refused(format!("{host} resolves to {why}"))) as Box<dyn std::error::Error + Send + Sync>);
            }
            Ok(Box::new(allowed.into_iter()) as reqwest::dns::Addrs)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn refuses_every_internal_kind() {
        for a in [
            "127.0.0.1",
            "127.1.2.3",
            "10.1.2.3",
            "172.16.0.1",
            "172.31.255.255",
            "192.168.1.1",
            "169.254.169.254",
            "169.254.1.1",
            "0.0.0.0",
            "100.64.0.1",
            "224.0.0.1",
            "255.255.255.255",
            "::1",
            "::",
            "fe80::1",
            "fd00:ec2::254",
            "fc00::1",
            "ff02::1",
            "::ffff:127.0.0.1",
            "::ffff:169.254.169.254",
            "64:ff9b::a00:1",
            "2002:c0a8:0101::1",
            "::10.0.0.1",
            "fec0::1",
        ] {
            assert!(forbidden_reason(ip(a)).is_some(), "{a} should be refused");
        }
    }

    #[test]
    fn allows_public_addresses() {
        for a in ["8.8.8.8", "93.184.216.34", "172.32.0.1", "2606:4700::1111", "::ffff:8.8.8.8", "100.128.0.1"] {
            assert_eq!(forbidden_reason(ip(a)), None, "{a} is public");
        }
    }

    #[test]
    fn metadata_is_named() {
        assert_eq!(forbidden_reason(ip("169.254.169.254")), Some("a cloud metadata address"));
    }

    #[test]
    fn allow_list_admits_only_its_ranges() {
        let g = AddressGuard::allowing(&["127.0.0.0/8".into(), "fd12::/16".into()]).unwrap();
        assert!(g.check(ip("127.0.0.1")).is_ok());
        assert!(g.check(ip("::ffff:127.0.0.1")).is_ok());
        assert!(g.check(ip("fd12::5")).is_ok());
        assert!(g.check(ip("10.0.0.1")).unwrap_err().contains("private"));
        assert!(g.check(ip("::1")).is_err());
        assert!(AddressGuard::allowing(&["300.0.0.0/8".into()]).is_err());
        assert!(AddressGuard::allowing(&["10.0.0.0/33".into()]).is_err());
    }

    #[test]
    fn cidr_prefixes_are_exact() {
        let c = Cidr::parse("172.16.0.0/12").unwrap();
        assert!(c.contains(ip("172.31.1.1")));
        assert!(!c.contains(ip("172.32.0.0")));
        let one = Cidr::parse("10.0.0.7").unwrap();
        assert!(one.contains(ip("10.0.0.7")) && !one.contains(ip("10.0.0.8")));
    }
}
