// Random secrets and their SHA-256 digests: only digests are ever stored.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 20 random bytes (160 bits) in base32-like lowercase, as the Lucia guide recommends. */
export function randomSecret(bytes = 20): string {
	const alphabet = 'abcdefghijkmnpqrstuvwxyz23456789';
	const buf = randomBytes(bytes);
	let out = '';
	for (const b of buf) out += alphabet[b & 31];
	return out;
}

/** A URL-safe token for mail links (activation, reset): 32 random bytes. */
export function urlToken(): string {
	return randomBytes(32).toString('base64url');
}

export function sha256(value: string): Buffer {
	return createHash('sha256').update(value).digest();
}

export function sha256Hex(value: string): string {
	return sha256(value).toString('hex');
}

export function constantTimeEqual(a: Buffer, b: Buffer): boolean {
	return a.length === b.length && timingSafeEqual(a, b);
}
