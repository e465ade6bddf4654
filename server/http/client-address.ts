// Who is calling: the TCP peer, or — only when that peer is a configured reverse proxy
// (TRUSTED_PROXIES) — the right-most X-Forwarded-For address no trusted proxy wrote.
import type { Context, MiddlewareHandler } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { isIP } from 'node:net';
import { normaliseAddress } from '../config';
import type { AppEnv } from './env';

export const UNKNOWN_ADDRESS = 'unknown';

/** The socket's remote address, or 'unknown' for in-process requests without a socket. */
export function peerAddress(c: Context): string {
	try {
		const address = getConnInfo(c).remote.address;
		return address ? normaliseAddress(address) : UNKNOWN_ADDRESS;
	} catch {
		return UNKNOWN_ADDRESS;
	}
}

/** The client behind `peer`, reading X-Forwarded-For only when `peer` is a trusted proxy. */
export function resolveClientAddress(
	peer: string,
	forwardedFor: string | undefined,
	trustedProxies: readonly string[]
): string {
	if (!forwardedFor || !trustedProxies.includes(peer)) return peer;
	const hops = forwardedFor
		.split(',')
		.map((a) => a.trim())
		.filter(Boolean)
		.map(normaliseAddress);
	for (let i = hops.length - 1; i >= 0; i--) {
		if (trustedProxies.includes(hops[i])) continue;
		return isIP(hops[i]) ? hops[i] : peer; // garbage where our proxy writes: fall back to the proxy
	}
	return hops[0] ?? peer;
}

/** 127.0.0.0/8 or ::1. */
export function isLoopback(address: string): boolean {
	return address === '::1' || (isIP(address) === 4 && address.startsWith('127.'));
}

export function clientAddressMiddleware(): MiddlewareHandler<AppEnv> {
	return async function clientAddress(c, next) {
		c.set(
			'clientAddress',
			resolveClientAddress(
				peerAddress(c),
				c.req.header('x-forwarded-for'),
				c.var.deps.config.trustedProxies
			)
		);
		return next();
	};
}
