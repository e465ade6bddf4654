import { afterEach, describe, expect, it, vi } from 'vitest';
import { commissionApi } from './commission-api';
import { CommissionSessionFile } from './commission-session.svelte';
import type { PlacesLeft, SessionFiles } from './commission-types';

const places = (babies: number): PlacesLeft[] => [
	{
		structureId: 'lilas',
		name: 'Les Lilas',
		babies,
		toddlers: 0,
		older: 0,
		capacity: { babies: 2, toddlers: 0, older: 0 }
	}
];

const files = (babies: number): SessionFiles =>
	({
		session: { id: 's3', state: 'planned' },
		items: [],
		decisions: [],
		waitlist: [],
		adjustments: [],
		placesLeft: places(babies),
		closed: false
	}) as unknown as SessionFiles;

const ok = <T>(data: T) => ({ ok: true as const, status: 200, data });

describe('an agent adjusting the proposal', () => {
	afterEach(() => vi.restoreAllMocks());

	it('asks for the reason before sending anything', async () => {
		const adjust = vi.spyOn(commissionApi, 'adjust');
		const file = new CommissionSessionFile('s3');
		const error = await file.adjust(12, { kind: 'hold', reason: '   ' });
		expect(error).toBe('Indiquez le motif de cet ajustement.');
		expect(adjust).not.toHaveBeenCalled();
	});

	it('asks for the structure of an assignment', async () => {
		const file = new CommissionSessionFile('s3');
		expect(await file.adjust(12, { kind: 'assign', reason: 'Fratrie' })).toBe(
			'Choisissez la structure où proposer la place.'
		);
	});

	it('shows the server’s new proposal and announces the places left that changed', async () => {
		vi.spyOn(commissionApi, 'files').mockResolvedValue(ok(files(1)));
		const adjust = vi.spyOn(commissionApi, 'adjust').mockResolvedValue(ok(files(0)));
		const file = new CommissionSessionFile('s3');
		await file.load();
		expect(file.announced).toBe('');
		const error = await file.adjust(12, {
			kind: 'assign',
			structureId: 'lilas',
			reason: ' Fratrie '
		});
		expect(error).toBeNull();
		expect(adjust).toHaveBeenCalledWith('s3', 12, {
			kind: 'assign',
			structureId: 'lilas',
			reason: 'Fratrie'
		});
		expect(file.data?.placesLeft[0]!.babies).toBe(0);
		expect(file.announced).toBe(
			'Demande n° 12 ajustée. Places restantes mises à jour : Les Lilas, Bébés : Complet (2 places attribuées).'
		);
	});

	it('gives the server’s refusal as is (no place left, session closed)', async () => {
		vi.spyOn(commissionApi, 'adjust').mockResolvedValue({
			ok: false,
			status: 409,
			error: { code: 'no_place', message: 'Plus de place chez les bébés aux Lilas.' }
		});
		const file = new CommissionSessionFile('s3');
		expect(await file.adjust(12, { kind: 'assign', structureId: 'lilas', reason: 'x' })).toBe(
			'Plus de place chez les bébés aux Lilas.'
		);
	});

	it('goes back to the automatic proposal, reading the files again when the answer has no body', async () => {
		const load = vi
			.spyOn(commissionApi, 'files')
			.mockResolvedValueOnce(ok(files(0)))
			.mockResolvedValueOnce(ok(files(1)));
		vi.spyOn(commissionApi, 'unadjust').mockResolvedValue({
			ok: true,
			status: 204,
			data: null as never
		});
		const file = new CommissionSessionFile('s3');
		await file.load();
		expect(await file.unadjust(12)).toBeNull();
		expect(load).toHaveBeenCalledTimes(2);
		expect(file.data?.placesLeft[0]!.babies).toBe(1);
		expect(file.announced).toContain('Demande n° 12 : retour à la proposition.');
	});
});
