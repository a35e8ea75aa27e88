//! Address ranges, as configuration names them: the fetcher's allow-list
//! and the web's trusted proxies and metrics readers. One parser, so
//! `10.0.0.0/8` means the same wherever it is written.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// An address range: `10.0.0.0/8`, `2001:db8::/32`, or one address (a
/// bare address is /32 or /128). Surrounding spaces are ignored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AddressRange {
    base: IpAddr,
    prefix: u8,
}

impl AddressRange {
    /// `ADDRESS` or `ADDRESS/PREFIX`; the error says what is wrong.
    pub fn parse(text: &str) -> Result<AddressRange, String> {
        let text = text.trim();
        let (addr, prefix) = match text.split_once('/') {
            Some((a, p)) => (a.trim(), Some(p.trim())),
            None => (text, None),
        };
        let base: IpAddr = addr.parse().map_err(|_| format!("{text:?} is not an address or ADDRESS/PREFIX"))?;
        let max = if base.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            Some(p) => {
                p.parse::<u8>().ok().filter(|p| *p <= max).ok_or_else(|| format!("{text:?}: the prefix must be 0 to {max}"))?
            }
            None => max,
        };
        Ok(AddressRange { base, prefix })
    }

    /// Whether `address` is in the range, an IPv4-mapped IPv6 address
    /// (`::ffff:10.0.0.1`) counting as the IPv4 address it is. Use this to
    /// grant something (a trusted proxy, a metrics reader): no other IPv6
    /// form is read as IPv4.
    pub fn contains(&self, address: IpAddr) -> bool {
        let address = match address {
            IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(address, IpAddr::V4),
            v4 => v4,
        };
        self.holds(address)
    }

    /// Like [`contains`](Self::contains), but every IPv6 form that carries
    /// an IPv4 address (mapped, NAT64, 6to4, IPv4-compatible) counts as
    /// that address: what a guard against reaching internal hosts needs,
    /// since each of those forms reaches the IPv4 host.
    pub fn contains_embedded(&self, address: IpAddr) -> bool {
        self.holds(canonical(address))
    }

    fn holds(&self, address: IpAddr) -> bool {
        let prefix = u32::from(self.prefix);
        match (self.base, address) {
            (IpAddr::V4(base), IpAddr::V4(a)) => {
                let mask = u32::MAX.checked_shl(32 - prefix).unwrap_or(0);
                u32::from(a) & mask == u32::from(base) & mask
            }
            (IpAddr::V6(base), IpAddr::V6(a)) => {
                let mask = u128::MAX.checked_shl(128 - prefix).unwrap_or(0);
                u128::from(a) & mask == u128::from(base) & mask
            }
            _ => false,
        }
    }
}

/// An IPv4 address carried inside IPv6 (`::ffff:10.0.0.1`, NAT64, 6to4,
/// the deprecated compatible form) as the IPv4 address it is; any other
/// address as it is.
pub fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => embedded_v4(v6).map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

fn embedded_v4(v6: Ipv6Addr) -> Option<Ipv4Addr> {
    let s = v6.segments();
    let o = v6.octets();
    if let Some(v4) = v6.to_ipv4_mapped() {
        return Some(v4);
    }
    // 64:ff9b::/96 (NAT64) and ::a.b.c.d (IPv4-compatible, not :: or ::1).
    if s[..6] == [0x64, 0xff9b, 0, 0, 0, 0] || (s[..6] == [0; 6] && s[6] != 0) {
        return Some(Ipv4Addr::new(o[12], o[13], o[14], o[15]));
    }
    // 2002:AABB:CCDD::/48 (6to4) carries AA.BB.CC.DD.
    if s[0] == 0x2002 {
        return Some(Ipv4Addr::new(o[2], o[3], o[4], o[5]));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn ranges_parse_once_for_every_user() {
        let r = AddressRange::parse(" 172.16.0.0 / 12 ").unwrap();
        assert!(r.contains(ip("172.31.1.1")) && !r.contains(ip("172.32.0.0")));
        let one = AddressRange::parse("10.0.0.7").unwrap();
        assert!(one.contains(ip("10.0.0.7")) && !one.contains(ip("10.0.0.8")));
        let v6 = AddressRange::parse("2001:db8::/32").unwrap();
        assert!(v6.contains(ip("2001:db8:ffff::1")) && !v6.contains(ip("2001:db9::1")));
        assert!(AddressRange::parse("0.0.0.0/0").unwrap().contains(ip("203.0.113.9")));
        assert!(!AddressRange::parse("0.0.0.0/0").unwrap().contains(ip("2001:db8::1")), "families do not mix");
        for bad in ["", "10.0.0", "10.0.0.0/33", "::/129", "10.0.0.0/x", "example.org", "10.0.0.0/8/8"] {
            let err = AddressRange::parse(bad).unwrap_err();
            assert!(err.contains(bad.trim()), "{bad}: {err}");
        }
    }

    #[test]
    fn granting_reads_only_mapped_ipv6_as_ipv4_and_guarding_reads_every_form() {
        let private = AddressRange::parse("10.0.0.0/8").unwrap();
        assert!(private.contains(ip("::ffff:10.1.2.3")) && private.contains_embedded(ip("::ffff:10.1.2.3")));
        for carried in ["64:ff9b::a01:203", "2002:a01:203::1", "::10.1.2.3"] {
            assert!(!private.contains(ip(carried)), "{carried} is not granted as 10.1.2.3");
            assert!(private.contains_embedded(ip(carried)), "{carried} is guarded as 10.1.2.3");
        }
        assert_eq!(canonical(ip("::1")), ip("::1"), "loopback is not IPv4-compatible");
        assert_eq!(canonical(ip("2001:db8::1")), ip("2001:db8::1"));
    }
}
