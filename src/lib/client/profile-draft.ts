// The editable, all-strings form of a profile (what inputs bind to), and conversions from
// the API's profile. Validation turns a draft into the domain `Profile` output.
import type { ProfileData } from './types';

export interface AddressDraft {
	number: string;
	street: string;
	building: string;
	apartment: string;
	complement: string;
	postalCode: string;
	city: string;
}

export interface ProfileDraft {
	civility: string;
	lastName: string;
	birthName: string;
	firstNames: string;
	birthDate: string;
	address: AddressDraft;
	phone: string;
	mobile: string;
	email: string;
	preferredContact: string;
}

export interface RegisterDraft extends ProfileDraft {
	acceptCgu: boolean;
	username: string;
	password: string;
}

export const emptyAddress = (): AddressDraft => ({
	number: '',
	street: '',
	building: '',
	apartment: '',
	complement: '',
	postalCode: '',
	city: ''
});

export const emptyProfile = (): ProfileDraft => ({
	civility: '',
	lastName: '',
	birthName: '',
	firstNames: '',
	birthDate: '',
	address: emptyAddress(),
	phone: '',
	mobile: '',
	email: '',
	preferredContact: ''
});

export const emptyRegister = (): RegisterDraft => ({
	...emptyProfile(),
	acceptCgu: false,
	username: '',
	password: ''
});

const text = (value: unknown) => (typeof value === 'string' ? value : '');

export function draftFromProfile(profile: ProfileData): ProfileDraft {
	const address = profile.address ?? {};
	return {
		civility: text(profile.civility),
		lastName: text(profile.lastName),
		birthName: text(profile.birthName),
		firstNames: text(profile.firstNames),
		birthDate: text(profile.birthDate).slice(0, 10),
		address: {
			number: text(address.number),
			street: text(address.street),
			building: text(address.building),
			apartment: text(address.apartment),
			complement: text(address.complement),
			postalCode: text(address.postalCode),
			city: text(address.city)
		},
		phone: text(profile.phone),
		mobile: text(profile.mobile),
		email: text(profile.email),
		preferredContact: text(profile.preferredContact)
	};
}

/** Restores a saved profile draft, keeping only known string fields. */
export function restoreProfile(saved: unknown): ProfileDraft {
	const draft = emptyProfile();
	if (typeof saved !== 'object' || saved === null) return draft;
	const source = saved as Record<string, unknown>;
	for (const key of Object.keys(draft) as (keyof ProfileDraft)[]) {
		if (key !== 'address') draft[key] = text(source[key]);
	}
	const address = (source.address ?? {}) as Record<string, unknown>;
	for (const key of Object.keys(draft.address) as (keyof AddressDraft)[])
		draft.address[key] = text(address[key]);
	return draft;
}

/** Restores a saved register draft, keeping only known string fields (never the password). */
export function restoreRegister(saved: unknown): RegisterDraft {
	const draft = emptyRegister();
	if (typeof saved !== 'object' || saved === null) return draft;
	const source = saved as Record<string, unknown>;
	for (const key of Object.keys(draft) as (keyof RegisterDraft)[]) {
		if (key === 'password' || key === 'address' || key === 'acceptCgu') continue;
		draft[key] = text(source[key]);
	}
	draft.acceptCgu = source.acceptCgu === true;
	const address = (source.address ?? {}) as Record<string, unknown>;
	for (const key of Object.keys(draft.address) as (keyof AddressDraft)[])
		draft.address[key] = text(address[key]);
	return draft;
}
