// Security middleware: response headers for every answer, and CSRF protection by Origin /
// Sec-Fetch-Site on state-changing requests (cookie sessions are SameSite=Lax as a second line).
import type { MiddlewareHandler } from 'hono';
import { errorBody } from './errors';

export interface SecurityHeadersOptions {
	production: boolean;
}

export function securityHeaders({ production }: SecurityHeadersOptions): MiddlewareHandler {
	return async function securityHeadersMiddleware(c, next) {
		await next();
		const h = c.res.headers;
		h.set('X-Content-Type-Options', 'nosniff');
		h.set('Referrer-Policy', 'strict-origin-when-cross-origin');
		// A route may allow its own pages to frame it (the desk's PDF viewer); nobody else.
		if (h.get('X-Frame-Options') !== 'SAMEORIGIN') h.set('X-Frame-Options', 'DENY');
		h.set('Cross-Origin-Opener-Policy', 'same-origin');
		h.set('Permissions-Policy', 'camera=(self), microphone=(), geolocation=(), payment=()');
		if (production) h.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
		if (!h.has('Content-Security-Policy')) h.set('Content-Security-Policy', baseCsp());
	};
}

/** CSP for API answers and any page without inline scripts; HTML pages add their script hashes. */
export function baseCsp(scriptHashes: string[] = []): string {
	const scripts = ["'self'", ...scriptHashes.map((h) => `'${h}'`)].join(' ');
	return [
		"default-src 'self'",
		`script-src ${scripts}`,
		"style-src 'self' 'unsafe-inline'",
		"img-src 'self' data: blob:",
		"font-src 'self'",
		"connect-src 'self'",
		"worker-src 'self'",
		"manifest-src 'self'",
		"object-src 'none'",
		"base-uri 'self'",
		"form-action 'self'",
		"frame-ancestors 'none'"
	].join('; ');
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The host of an Origin header, or null when it is not a URL ('null', garbage): a refusal, not a 500. */
function hostOf(origin: string): string | null {
	if (!URL.canParse(origin)) return null;
	return new URL(origin).host || null;
}

/** Refuses cross-site state-changing requests. Same-origin browsers send Sec-Fetch-Site or Origin. */
export function csrfProtection(): MiddlewareHandler {
	return async function csrfMiddleware(c, next) {
		if (SAFE_METHODS.has(c.req.method)) return next();
		const site = c.req.header('sec-fetch-site');
		const origin = c.req.header('origin');
		const host = c.req.header('host');
		let allowed: boolean;
		if (site) allowed = site === 'same-origin' || site === 'none';
		else if (origin) allowed = !!host && hostOf(origin) === host;
		else allowed = true; // not a browser (curl, server-to-server): no ambient cookie risk from a page
		if (!allowed)
			return c.json(
				errorBody('csrf', 'Requête refusée : elle ne provient pas de l’Espace Famille.'),
				403
			);
		return next();
	};
}
