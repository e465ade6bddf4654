// `npm run admin -- create-staff`: how a real deployment gets its first staff account.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../clock';
import { testConfig } from '../config';
import { openDatabase } from '../db';
import { createApp } from '../app';
import { run } from './admin';

describe('admin CLI', () => {
	it('creates an active staff account that can sign in, and refuses a duplicate or a weak password', async () => {
		const dataDir = mkdtempSync(join(tmpdir(), 'ef-admin-'));
		const env = { DATA_DIR: dataDir };
		const log = vi.spyOn(console, 'log').mockImplementation(() => {});
		const err = vi.spyOn(console, 'error').mockImplementation(() => {});
		expect(
			await run(
				[
					'create-staff',
					'agent.martin',
					'agent@test.localhost',
					'--password',
					'Bureau-Creche-42',
					'--prenom',
					'Agnès',
					'--nom',
					'Martin'
				],
				env
			)
		).toBe(0);
		expect(
			await run(
				['create-staff', 'Agent.Martin', 'autre@test.localhost', '--password', 'Bureau-Creche-42'],
				env
			)
		).toBe(1);
		expect(
			await run(['create-staff', 'agent.faible', 'f@test.localhost', '--password', 'azerty'], env)
		).toBe(2);
		expect(err.mock.calls.flat().join('\n')).toMatch(/déjà utilisé[\s\S]*au minimum 8 caractères/);
		expect(await run(['oops'], env)).toBe(2);
		log.mockRestore();
		err.mockRestore();

		const db = openDatabase(join(dataDir, 'espace-famille.sqlite'));
		const app = createApp({
			db,
			config: testConfig(),
			clock: new ManualClock(Date.now()),
			kickOutbox: () => {}
		});
		const res = await app.request('/api/auth/login', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ username: 'agent.martin', password: 'Bureau-Creche-42' })
		});
		expect(res.status).toBe(200);
		const me = await res.json();
		expect(me.user.role).toBe('staff');
		// The name shown in a request's history when this agent acts.
		expect(me.user).toMatchObject({ firstNames: 'Agnès', lastName: 'Martin' });
		expect(me.household).toBeNull();
		db.close();
	});
});
