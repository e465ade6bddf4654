// Client address behind a reverse proxy: X-Forwarded-For believed only from TRUSTED_PROXIES.
import { describe, expect, it } from 'vitest';
import { isLoopback, resolveClientAddress } from './client-address';

describe('client address', () => {
	it('ignores X-Forwarded-For from a peer that is not a trusted proxy (spoofing)', () => {
		expect(resolveClientAddress('198.51.100.7', '1.2.3.4', [])).toBe('198.51.100.7');
		expect(resolveClientAddress('198.51.100.7', '127.0.0.1', ['10.0.0.2'])).toBe('198.51.100.7');
	});

	it('takes the right-most address no trusted proxy wrote', () => {
		const proxies = ['10.0.0.2', '10.0.0.3'];
		expect(resolveClientAddress('10.0.0.2', '203.0.113.5', proxies)).toBe('203.0.113.5');
		// The client prepended a lie; our proxies appended the real hop and each other.
		expect(resolveClientAddress('10.0.0.2', '127.0.0.1, 203.0.113.5, 10.0.0.3', proxies)).toBe(
			'203.0.113.5'
		);
		expect(resolveClientAddress('10.0.0.2', '::ffff:203.0.113.9', proxies)).toBe('203.0.113.9');
	});

	it('falls back to the peer when the header is missing or garbage', () => {
		expect(resolveClientAddress('10.0.0.2', undefined, ['10.0.0.2'])).toBe('10.0.0.2');
		expect(resolveClientAddress('10.0.0.2', 'garbage', ['10.0.0.2'])).toBe('10.0.0.2');
	});

	it('knows loopback addresses', () => {
		expect(isLoopback('127.0.0.1')).toBe(true);
		expect(isLoopback('127.8.9.1')).toBe(true);
		expect(isLoopback('::1')).toBe(true);
		expect(isLoopback('192.0.2.1')).toBe(false);
		expect(isLoopback('unknown')).toBe(false);
	});
});
