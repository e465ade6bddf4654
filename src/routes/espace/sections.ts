// Sections of the signed-in area that are announced but not built yet ("Bientôt disponible").
// None today: « Edition de documents » became /espace/documents (issue 11).
export const UPCOMING_SECTIONS: Readonly<Record<string, { title: string; text: string }>> = {};

export const isUpcomingSection = (name: string): boolean => Object.hasOwn(UPCOMING_SECTIONS, name);
