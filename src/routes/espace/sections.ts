// Sections of the signed-in area that are announced but not built yet ("Bientôt disponible").
export const UPCOMING_SECTIONS = {
	demandes: { title: 'Dernières demandes', text: 'Le suivi de vos demandes' },
	pieces: { title: 'Pièces justificatives', text: 'Le stockage sécurisé de vos justificatifs' },
	actualites: { title: 'Mes actualités', text: 'Les messages envoyés par les services' },
	documents: { title: 'Edition de documents', text: 'Factures, attestation fiscale, etc.' }
} as const;

export type UpcomingSection = keyof typeof UPCOMING_SECTIONS;

export const isUpcomingSection = (name: string): name is UpcomingSection =>
	Object.hasOwn(UPCOMING_SECTIONS, name);
