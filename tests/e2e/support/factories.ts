// Test data factories: unique, obviously fake people. Never copied personal data.
import { randomBytes } from 'node:crypto';

const FIRST_NAMES = ['Alix', 'Camille', 'Sacha', 'Noa', 'Lou', 'Eden'];
const LAST_NAMES = ['Testeur', 'Essai', 'Exemple', 'Maquette', 'Prototype'];

const pick = <T>(items: T[]) => items[randomBytes(1)[0] % items.length];
const token = () => randomBytes(4).toString('hex');

/** A password that meets the policy (3 of 4 kinds, 8+ characters, not common). */
export const strongPassword = () => `Vx-${token()}-Kq9!`;

export interface Parent {
	civility: 'Madame' | 'Monsieur';
	lastName: string;
	firstNames: string;
	email: string;
	username: string;
	password: string;
	street: string;
	postalCode: string;
	city: string;
	mobile: string;
}

export function makeParent(overrides: Partial<Parent> = {}): Parent {
	const id = token();
	return {
		civility: 'Madame',
		lastName: `${pick(LAST_NAMES)}${id.slice(0, 3)}`,
		firstNames: pick(FIRST_NAMES),
		email: `parent-${id}@test.localhost`,
		username: `parent-${id}`,
		password: strongPassword(),
		street: `Rue des Essais ${id.slice(0, 2)}`,
		postalCode: '38200',
		city: 'Vienne',
		mobile: '06 12 34 56 78',
		...overrides
	};
}

/** The service's accounts of the journeys, made by the real admin CLI in the global setup. */
export const E2E_AGENT = {
	username: 'agent.e2e',
	email: 'agent.e2e@service.localhost',
	password: 'Bureau-Creche-E2E-42',
	firstNames: 'Agnès',
	lastName: 'Martin'
} as const;
export const E2E_ADMIN = {
	username: 'admin.e2e',
	email: 'admin.e2e@service.localhost',
	password: 'Bureau-Admin-E2E-42',
	firstNames: 'Bruno',
	lastName: 'Admin'
} as const;
