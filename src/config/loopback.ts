// Whether an address or URL names this machine. Settings use it (arXiv may be asked faster than
// its 3 s only when every arXiv URL points at a local replay server; developer pages exist by
// default only on a loopback base URL) and so do the developer pages per request.

/** localhost, *.localhost, 127.x.y.z or [::1]; false for anything that does not parse. */
export function isLoopbackUrl(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return false;
  }
  return (
    host === "localhost" || host.endsWith(".localhost") || isLoopbackAddress(host.replace(/^\[|\]$/g, ""))
  );
}

/** 127.x.y.z (also IPv4-mapped) or ::1. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith("::ffff:") ? address.slice(7) : address;
  return address === "::1" || /^127(\.\d{1,3}){3}$/.test(v4);
}
