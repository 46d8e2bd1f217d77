"""The public booking page's bookkeeping of requests: plain functions, no ORM.

What its per-address limit counts (client_network), and how a visitor's
secret link is kept (token_digest: only the hash is stored)."""
import hashlib
import ipaddress


def client_network(address):
    """What the per-address limit counts: an IPv4 address, or the /64
    network of an IPv6 one (one client commonly holds a whole /64)."""
    try:
        ip = ipaddress.ip_address(address or "")
    except ValueError:
        return address or False
    if ip.version == 6:
        if ip.ipv4_mapped:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network("%s/64" % ip, strict=False))
    return str(ip)


def token_digest(token):
    """The sha256 hex digest a secret token is stored as."""
    return hashlib.sha256(token.encode()).hexdigest()


def ilike_exact(value):
    """``value`` as an SQL (=)ilike pattern that matches it only, whatever
    the case: its wildcards and backslashes escaped."""
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
