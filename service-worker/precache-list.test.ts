import { describe, expect, it } from 'vitest';
import { isNetworkOnly, precacheEntries } from './precache-list';

describe('precacheEntries', () => {
	it('revisions hashed assets by name and the rest by build version, shell included', () => {
		const entries = precacheEntries({
			build: ['/_app/immutable/entry/start.abc.js', '/_app/version.json'],
			files: ['/manifest.webmanifest', '/icons/icon-192.png'],
			version: 'v42',
			shell: '/200.html'
		});
		expect(entries).toEqual([
			{ url: '/_app/immutable/entry/start.abc.js', revision: null },
			{ url: '/_app/version.json', revision: 'v42' },
			{ url: '/manifest.webmanifest', revision: 'v42' },
			{ url: '/icons/icon-192.png', revision: 'v42' },
			{ url: '/200.html', revision: 'v42' }
		]);
	});

	it('never lists API or sync URLs and lists each URL once', () => {
		const entries = precacheEntries({
			build: [],
			files: ['/api/me', '/sync/x', '/a.png', '/a.png'],
			version: '1',
			shell: '/200.html'
		});
		expect(entries.map((e) => e.url)).toEqual(['/a.png', '/200.html']);
	});

	it('leaves out the chunks loaded on demand while online (the password meter)', () => {
		const entries = precacheEntries({
			build: ['/_app/immutable/chunks/online-only.D3Bn3e1n.js', '/_app/immutable/chunks/a1.js'],
			files: [],
			version: '1',
			shell: null
		});
		expect(entries.map((e) => e.url)).toEqual(['/_app/immutable/chunks/a1.js']);
	});
});

describe('isNetworkOnly', () => {
	it('matches /api and /sync paths only', () => {
		expect(isNetworkOnly('/api/me')).toBe(true);
		expect(isNetworkOnly('/sync/hh-1/_changes')).toBe(true);
		expect(isNetworkOnly('/api')).toBe(true);
		expect(isNetworkOnly('/apiary')).toBe(false);
		expect(isNetworkOnly('/espace')).toBe(false);
	});
});
