// Shapes of the JSON the API returns (request bodies come from the domain schemas).
import type { CIVILITIES, PREFERRED_CONTACTS } from '$domain/account';

export type Civility = (typeof CIVILITIES)[number];
export type PreferredContact = (typeof PREFERRED_CONTACTS)[number];

export interface ApiErrorBody {
	code: string;
	message: string;
	fields?: Record<string, string>;
}

export interface MeUser {
	id: string;
	username: string;
	role: 'parent' | 'staff' | 'admin';
	civility: Civility | null;
	lastName: string;
	firstNames: string;
	/** ISO timestamp of the previous sign-in, or null on the first one. */
	lastLoginAt: string | null;
}

export interface Me {
	user: MeUser;
	household: { id: string } | null;
	syncUrl: string | null;
}

export interface AddressData {
	number?: string | null;
	street?: string | null;
	building?: string | null;
	apartment?: string | null;
	complement?: string | null;
	postalCode?: string | null;
	city?: string | null;
}

export interface ProfileData {
	civility: Civility | null;
	lastName: string;
	birthName: string | null;
	firstNames: string;
	birthDate: string | null;
	address: AddressData | null;
	phone: string | null;
	mobile: string | null;
	email: string;
	/** A new address waiting for its confirmation link, or null. */
	pendingEmail: string | null;
	preferredContact: PreferredContact | null;
	username: string;
}

export interface DemoMail {
	id: string | number;
	to: string;
	subject: string;
	text: string;
	html: string | null;
	createdAt: string;
}
