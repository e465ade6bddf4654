// A parent's identity, address and contacts ("Profil").
import type { CIVILITIES, PREFERRED_CONTACTS, Profile } from '../../src/lib/domain/account';
import type { Db } from '../db';
import { ApiError } from '../http/errors';
import { pendingEmail } from './email-change';

export interface ProfileView {
	username: string;
	civility: (typeof CIVILITIES)[number] | null;
	lastName: string;
	birthName: string | null;
	firstNames: string;
	birthDate: string | null;
	address: {
		number: string | null;
		street: string | null;
		building: string | null;
		apartment: string | null;
		complement: string | null;
		postalCode: string | null;
		city: string | null;
	};
	phone: string | null;
	mobile: string | null;
	email: string;
	/** A new address waiting for its confirmation link to be opened, or null. */
	pendingEmail: string | null;
	preferredContact: (typeof PREFERRED_CONTACTS)[number] | null;
}

export function getProfile(db: Db, userId: string, now: number): ProfileView {
	const r = db.prepare('SELECT * FROM users WHERE id = ?').get(userId) as Record<
		string,
		string | null
	>;
	return {
		username: r.username as string,
		civility: r.civility as ProfileView['civility'],
		lastName: r.last_name as string,
		birthName: r.birth_name,
		firstNames: r.first_names as string,
		birthDate: r.birth_date,
		address: {
			number: r.address_number,
			street: r.address_street,
			building: r.address_building,
			apartment: r.address_apartment,
			complement: r.address_complement,
			postalCode: r.address_postal_code,
			city: r.address_city
		},
		phone: r.phone,
		mobile: r.mobile,
		email: r.email as string,
		pendingEmail: pendingEmail(db, userId, now),
		preferredContact: r.preferred_contact as ProfileView['preferredContact']
	};
}

/** Identity and address values in the column order of the users table (civility … address_city). */
export function identityAndAddressValues(p: Profile): (string | null)[] {
	const a = p.address ?? {};
	return [
		p.civility,
		p.lastName,
		p.birthName ?? null,
		p.firstNames,
		p.birthDate ?? null,
		...[a.number, a.street, a.building, a.apartment, a.complement, a.postalCode, a.city].map(
			(value) => value ?? null
		)
	];
}

const EMAIL_ELSEWHERE =
	'Le courriel se modifie avec « Modifier mon courriel » (page « Mes identifiants ») : votre mot de passe vous sera demandé et la nouvelle adresse devra être confirmée.';

/** Saves identity, address and contacts; the e-mail only changes through email-change.ts. */
export function updateProfile(db: Db, userId: string, p: Profile, now: number): ProfileView {
	const current = db.prepare('SELECT email_key FROM users WHERE id = ?').get(userId) as {
		email_key: string;
	};
	if (p.email.toLowerCase() !== current.email_key)
		throw new ApiError(400, 'validation', EMAIL_ELSEWHERE, { email: EMAIL_ELSEWHERE });
	db.prepare(
		`UPDATE users SET civility = ?, last_name = ?, birth_name = ?, first_names = ?, birth_date = ?,
			address_number = ?, address_street = ?, address_building = ?, address_apartment = ?, address_complement = ?,
			address_postal_code = ?, address_city = ?, phone = ?, mobile = ?,
			preferred_contact = ?, updated_at = ? WHERE id = ?`
	).run(
		...identityAndAddressValues(p),
		p.phone ?? null,
		p.mobile ?? null,
		p.preferredContact ?? null,
		new Date(now).toISOString(),
		userId
	);
	return getProfile(db, userId, now);
}
