import { describe, expect, it } from 'vitest';
import { compareVersions, versionLabel } from './conflict-versions';

describe('compareVersions', () => {
	it('marks the rows whose value differs between versions, and rows only one version has', () => {
		const [a, b] = compareVersions([
			[
				{ label: 'Enfant', value: 'Léa Martin' },
				{ label: 'Date d’entrée souhaitée', value: '1 septembre 2027' },
				{ label: 'Observations', value: 'Le matin' }
			],
			[
				{ label: 'Enfant', value: 'Léa Martin' },
				{ label: 'Date d’entrée souhaitée', value: '1 octobre 2027' }
			]
		]);
		expect(a.map((r) => r.differs)).toEqual([false, true, true]);
		expect(b.map((r) => r.differs)).toEqual([false, true]);
	});

	it('marks nothing when the versions show the same rows', () => {
		const rows = [{ label: 'Enfant', value: 'Léa' }];
		expect(
			compareVersions([rows, rows])
				.flat()
				.some((r) => r.differs)
		).toBe(false);
	});

	it('labels versions without naming a device', () => {
		expect([0, 1].map(versionLabel)).toEqual(['Version 1', 'Version 2']);
	});
});
