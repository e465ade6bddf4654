// Start-up data: the structures (reference data, seeded into an empty table in every mode)
// and, in demo mode only, one staff account and one demo family with known credentials.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { splitCapacity } from '../../src/lib/domain/structures';
import type { Db } from '../db';
import { hashPassword } from '../auth/password';

interface StructureSeed {
	id: string;
	name: string;
	label: string;
	commune: string | null;
	capacity: number;
}

export function seedStructures(db: Db): number {
	if ((db.prepare('SELECT COUNT(*) AS n FROM structures').get() as { n: number }).n > 0) return 0;
	const file = new URL('./structures.json', import.meta.url);
	const { structures } = JSON.parse(readFileSync(file, 'utf8')) as { structures: StructureSeed[] };
	const insert = db.prepare(
		`INSERT INTO structures (id, name, label, commune, capacity, capacity_babies, capacity_toddlers,
			capacity_older, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`
	);
	db.transaction(() =>
		structures.forEach((s, i) => {
			const c = splitCapacity(s.capacity);
			insert.run(
				s.id,
				s.name,
				s.label,
				s.commune,
				s.capacity,
				c.babies,
				c.toddlers,
				c.older,
				i + 1
			);
		})
	)();
	return structures.length;
}

export const DEMO_ACCOUNTS = {
	parent: {
		username: 'parent.demo',
		password: 'Demo-Famille-2026',
		email: 'parent.demo@espace-famille.localhost'
	},
	staff: {
		username: 'agent.demo',
		password: 'Demo-Agent-2026',
		email: 'agent.demo@espace-famille.localhost'
	}
} as const;

export interface NewUser {
	username: string;
	email: string;
	password: string;
	role: 'parent' | 'staff' | 'admin';
	civility?: 'Madame' | 'Monsieur' | null;
	lastName: string;
	firstNames: string;
	householdId?: string | null;
	address?: { number?: string; street?: string; postalCode?: string; city?: string };
}

/** Inserts an already-active account (admin CLI, demo seed, tests). */
export async function insertActiveUser(db: Db, u: NewUser, now = Date.now()): Promise<string> {
	const id = randomUUID();
	const iso = new Date(now).toISOString();
	const hash = await hashPassword(u.password);
	db.prepare(
		`INSERT INTO users (id, username, username_key, email, email_key, password_hash, role, household_id, civility,
			last_name, first_names, address_number, address_street, address_postal_code, address_city,
			activated_at, created_at, updated_at)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	).run(
		id,
		u.username,
		u.username.toLowerCase(),
		u.email,
		u.email.toLowerCase(),
		hash,
		u.role,
		u.householdId ?? null,
		u.civility ?? null,
		u.lastName,
		u.firstNames,
		u.address?.number ?? null,
		u.address?.street ?? null,
		u.address?.postalCode ?? null,
		u.address?.city ?? null,
		iso,
		iso,
		iso
	);
	return id;
}

export function createHousehold(db: Db, now = Date.now()): string {
	const id = randomUUID();
	db.prepare('INSERT INTO households (id, created_at) VALUES (?, ?)').run(
		id,
		new Date(now).toISOString()
	);
	return id;
}

/** Seeds the demo accounts on an empty database. Returns true when it did. */
export async function seedDemo(db: Db): Promise<boolean> {
	if ((db.prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number }).n > 0) return false;
	const householdId = createHousehold(db);
	await insertActiveUser(db, {
		...DEMO_ACCOUNTS.parent,
		role: 'parent',
		civility: 'Madame',
		lastName: 'Démo',
		firstNames: 'Claire',
		householdId,
		address: { number: '12', street: 'Rue des Essais', postalCode: '38200', city: 'Vienne' }
	});
	await insertActiveUser(db, {
		...DEMO_ACCOUNTS.staff,
		role: 'staff',
		lastName: 'Agent',
		firstNames: 'Démo'
	});
	return true;
}
