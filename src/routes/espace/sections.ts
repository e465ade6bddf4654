// Sections of the signed-in area that are announced but not built yet ("Bientôt disponible").
export const UPCOMING_SECTIONS = {
	documents: { title: 'Edition de documents', text: 'Factures, attestation fiscale, etc.' }
} as const;

export type UpcomingSection = keyof typeof UPCOMING_SECTIONS;

export const isUpcomingSection = (name: string): name is UpcomingSection =>
	Object.hasOwn(UPCOMING_SECTIONS, name);
