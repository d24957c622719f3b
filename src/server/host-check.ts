/** Host names that always mean "this machine" in a `Host` header. */
const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

/**
 * The `Host` header values the server answers to. A page on another site that rebinds its DNS
 * name to 127.0.0.1 still sends its own name in `Host`, so checking it defeats DNS rebinding.
 * `extraHost` is the address given with `--host`, when it names one interface.
 */
export function allowedHosts(port: number, extraHost?: string): ReadonlySet<string> {
  const names = [...LOOPBACK_NAMES];
  if (extraHost && !isWildcardHost(extraHost)) {
    names.push(extraHost.includes(':') ? `[${extraHost}]` : extraHost);
  }
  return new Set(names.map((name) => `${name}:${port}`.toLowerCase()));
}

/** True for addresses that mean "every interface". */
export function isWildcardHost(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '[::]';
}

/** True for addresses reachable only from this machine. */
export function isLoopbackHost(host: string): boolean {
  return host === '127.0.0.1' || host === 'localhost' || host === '::1' || host === '[::1]';
}
