//! The client's address, for throttles and the audit log. Behind a reverse proxy every request
//! comes from the proxy, so the address the proxy saw is read from `Forwarded` (RFC 7239) or
//! `X-Forwarded-For`, but only when the request came from a configured trusted proxy
//! (`TRUSTED_PROXIES`): anyone else could write those headers to pose as another address.

use std::net::IpAddr;
use std::sync::OnceLock;

use http::HeaderMap;
pub use ipnet::IpNet;

static TRUSTED: OnceLock<Vec<IpNet>> = OnceLock::new();

/// Sets the trusted proxies, once per process (none before).
pub fn install(trusted: Vec<IpNet>) {
    let _ = TRUSTED.set(trusted);
}

fn trusted() -> &'static [IpNet] {
    TRUSTED.get().map_or(&[], Vec::as_slice)
}

/// Trusted proxies from a comma-separated list of addresses and networks
/// (`10.0.0.0/8, 127.0.0.1, ::1`). Errors: the entry that is neither (named in the message).
pub fn parse_trusted(raw: &str) -> Result<Vec<IpNet>, String> {
    raw.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| {
            s.parse::<IpNet>()
                .or_else(|_| s.parse::<IpAddr>().map(IpNet::from))
                .map_err(|_| format!("{s:?} is not an address or a network"))
        })
        .collect()
}

/// The client's address for a request from `peer` with `headers`, under the installed proxies.
pub fn client_ip(peer: IpAddr, headers: &HeaderMap) -> IpAddr {
    resolve(peer, headers, trusted())
}

/// The client's address: `peer` itself unless it is a trusted proxy; then the forwarded chain
/// is walked from the nearest hop back, and the first address that is not a trusted proxy is
/// the client (all trusted: the farthest one). An entry that is not an address stops the walk
/// at the hop before it.
pub fn resolve(peer: IpAddr, headers: &HeaderMap, trusted: &[IpNet]) -> IpAddr {
    let is_trusted = |ip: &IpAddr| trusted.iter().any(|net| net.contains(ip));
    if !is_trusted(&peer) {
        return peer;
    }
    let mut client = peer;
    for hop in chain(headers).iter().rev() {
        let Some(ip) = hop else {
            break;
        };
        client = *ip;
        if !is_trusted(ip) {
            break;
        }
    }
    client
}

/// The forwarded chain, farthest first: `Forwarded`'s `for=` values when present, else
/// `X-Forwarded-For`. `None` for an entry that is not an address (`unknown`, `_hidden`).
fn chain(headers: &HeaderMap) -> Vec<Option<IpAddr>> {
    let forwarded: Vec<Option<IpAddr>> = headers
        .get_all(http::header::FORWARDED)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|element| {
            element.split(';').find_map(|pair| {
                let (k, v) = pair.trim().split_once('=')?;
                k.trim().eq_ignore_ascii_case("for").then(|| node(v))
            })
        })
        .collect();
    if !forwarded.is_empty() {
        return forwarded;
    }
    headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(node)
        .collect()
}

/// One node of a chain: `192.0.2.4`, `"192.0.2.4:8080"`, `"[2001:db8::1]:4711"`, `2001:db8::1`.
fn node(raw: &str) -> Option<IpAddr> {
    let v = raw.trim().trim_matches('"');
    if let Ok(ip) = v.parse::<IpAddr>() {
        return Some(ip);
    }
    if let Some(rest) = v.strip_prefix('[') {
        return rest.split(']').next()?.parse().ok();
    }
    v.rsplit_once(':')?
        .0
        .parse::<std::net::Ipv4Addr>()
        .ok()
        .map(IpAddr::V4)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().expect("ip")
    }

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(*k, http::HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn forwarded_headers_count_only_from_a_trusted_proxy() {
        let proxies = parse_trusted("10.0.0.0/8, ::1").expect("list");
        let spoof = headers(&[("x-forwarded-for", "1.2.3.4")]);
        // A visitor writing the header itself is still itself.
        assert_eq!(
            resolve(ip("203.0.113.9"), &spoof, &proxies),
            ip("203.0.113.9")
        );
        // Through the proxy: the address the proxy saw.
        assert_eq!(resolve(ip("10.0.0.2"), &spoof, &proxies), ip("1.2.3.4"));
        // A client's own forged entry on the left is skipped: the nearest untrusted hop counts.
        let chained = headers(&[("x-forwarded-for", "6.6.6.6, 198.51.100.7, 10.1.1.1")]);
        assert_eq!(
            resolve(ip("10.0.0.2"), &chained, &proxies),
            ip("198.51.100.7")
        );
        // RFC 7239, quoted, with ports and IPv6.
        let fwd = headers(&[(
            "forwarded",
            r#"for="[2001:db8::7]:4711";proto=https, for=10.0.0.9"#,
        )]);
        assert_eq!(resolve(ip("::1"), &fwd, &proxies), ip("2001:db8::7"));
        let port = headers(&[("forwarded", r#"for="192.0.2.43:47011""#)]);
        assert_eq!(resolve(ip("10.0.0.2"), &port, &proxies), ip("192.0.2.43"));
        // Garbage stops the walk at the hop before it.
        let junk = headers(&[("x-forwarded-for", "1.2.3.4, unknown")]);
        assert_eq!(resolve(ip("10.0.0.2"), &junk, &proxies), ip("10.0.0.2"));
        // No proxies configured: headers never count.
        assert_eq!(resolve(ip("10.0.0.2"), &spoof, &[]), ip("10.0.0.2"));
    }

    #[test]
    fn the_list_names_a_bad_entry() {
        assert_eq!(parse_trusted("").expect("empty"), vec![]);
        assert_eq!(parse_trusted(" 127.0.0.1 ").expect("one").len(), 1);
        assert_eq!(
            parse_trusted("10.0.0.0/8, proxy.local"),
            Err("\"proxy.local\" is not an address or a network".into())
        );
    }
}
