import { describe, expect, it } from 'vitest';
import { computePending, forgetRetriedDenials, recordDenial, toDeniedDoc } from './pending';

const change = (id: string, rev: string, seq = 1) => ({ id, seq, changes: [{ rev }] });

describe('computePending', () => {
	it('counts every local change after the push checkpoint', () => {
		const result = computePending([change('draft:a', '1-a'), change('draft:b', '2-b')], {});
		expect(result.ids).toEqual(['draft:a', 'draft:b']);
	});

	it('skips revisions that came from the server and keeps remembering them', () => {
		const result = computePending([change('svc:status-1', '3-s'), change('draft:a', '1-a')], {
			'svc:status-1': '3-s',
			'svc:gone': '1-g'
		});
		expect(result.ids).toEqual(['draft:a']);
		expect(result.pulledRevs).toEqual({ 'svc:status-1': '3-s' });
	});

	it('counts a pulled document edited locally afterwards', () => {
		const result = computePending([change('draft:a', '4-local')], { 'draft:a': '3-pulled' });
		expect(result.ids).toEqual(['draft:a']);
	});

	it('leaves out _local and design documents and refused documents', () => {
		const result = computePending(
			[change('_local/x', '0-1'), change('_design/v', '1-d'), change('draft:r', '1-r')],
			{},
			[{ id: 'draft:r', reason: 'Champ manquant' }]
		);
		expect(result.ids).toEqual([]);
	});
});

describe('denials', () => {
	it('keeps one entry per document and forgets it once edited again', () => {
		let denied = recordDenial([], { id: 'draft:a', reason: 'A' });
		denied = recordDenial(denied, { id: 'draft:a', reason: 'B' });
		denied = recordDenial(denied, { id: 'draft:b', reason: 'C' });
		expect(denied).toEqual([
			{ id: 'draft:a', reason: 'B' },
			{ id: 'draft:b', reason: 'C' }
		]);
		expect(forgetRetriedDenials(denied, ['draft:a'])).toEqual([{ id: 'draft:b', reason: 'C' }]);
	});

	it('reads the reason from PouchDB denied payloads', () => {
		expect(toDeniedDoc({ id: 'x:1', error: 'forbidden', reason: 'Interdit' })).toEqual({
			id: 'x:1',
			reason: 'Interdit'
		});
		expect(toDeniedDoc({ id: 'x:2', message: 'msg' })?.reason).toBe('msg');
		expect(toDeniedDoc({ id: 'x:3' })?.reason).toBe('Document refusé par le serveur.');
		expect(toDeniedDoc({ reason: 'no id' })).toBeNull();
	});
});
