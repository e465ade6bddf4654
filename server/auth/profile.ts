// A parent's identity, address and contacts ("Profil").
import type { Profile } from '../../src/lib/domain/account';
import type { Db } from '../db';
import { ApiError } from '../http/errors';

export interface ProfileView {
	username: string;
	civility: 'Madame' | 'Monsieur' | null;
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
	preferredContact: 'email' | 'phone' | 'mobile' | null;
}

export function getProfile(db: Db, userId: string): ProfileView {
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

const EMAIL_TAKEN = 'Ce courriel est déjà celui d’un autre espace.';

export function updateProfile(db: Db, userId: string, p: Profile, now: number): ProfileView {
	const emailKey = p.email.toLowerCase();
	const clash = db
		.prepare("SELECT 1 FROM users WHERE email_key = ? AND role = 'parent' AND id <> ?")
		.get(emailKey, userId);
	if (clash) throw new ApiError(409, 'email_taken', EMAIL_TAKEN, { email: EMAIL_TAKEN });
	db.prepare(
		`UPDATE users SET civility = ?, last_name = ?, birth_name = ?, first_names = ?, birth_date = ?,
			address_number = ?, address_street = ?, address_building = ?, address_apartment = ?, address_complement = ?,
			address_postal_code = ?, address_city = ?, phone = ?, mobile = ?, email = ?, email_key = ?,
			preferred_contact = ?, updated_at = ? WHERE id = ?`
	).run(
		...identityAndAddressValues(p),
		p.phone ?? null,
		p.mobile ?? null,
		p.email,
		emailKey,
		p.preferredContact ?? null,
		new Date(now).toISOString(),
		userId
	);
	return getProfile(db, userId);
}
