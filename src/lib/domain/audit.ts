// What the audit log's actions are called on the admins' screen. Pure TypeScript.
export const AUDIT_ACTION_LABELS: Record<string, string> = {
	'request.view': 'Consultation d’une demande',
	'document.view': 'Consultation d’une pièce justificative',
	'request.action': 'Traitement d’une demande',
	'requests.export': 'Export CSV des demandes',
	'member.decision': 'Décision sur un membre déclaré',
	'message.send': 'Message à une famille',
	'news.create': 'Publication d’une actualité',
	'news.update': 'Modification d’une actualité',
	'news.delete': 'Suppression d’une actualité',
	'structure.update': 'Modification d’une structure',
	'commission.session.create': 'Création d’une commission',
	'commission.session.update': 'Modification d’une commission',
	'commission.session.delete': 'Suppression d’une commission',
	'commission.plan-year': 'Planification des commissions de l’année',
	'commission.grid': 'Modification de la grille de critères',
	'commission.capacities': 'Places libérées pour une commission',
	'commission.settings': 'Réglages de la commission',
	'commission.check': 'Vérification d’un critère par un agent',
	'commission.adjust': 'Ajustement de la proposition de la commission',
	'commission.adjust-undo': 'Retour à la proposition de la commission',
	'commission.decision': 'Décision de la commission',
	'commission.close': 'Clôture d’une commission',
	'commission.minutes': 'Procès-verbal d’une commission',
	'commission.offer': 'Place proposée depuis une liste d’attente',
	'commission.expire': 'Proposition de place expirée',
	'billing.run': 'Émission des factures d’un mois',
	'billing.invoice.view': 'Consultation d’une facture',
	'billing.credit-note': 'Avoir sur une facture',
	'billing.scale.rates': 'Nouveaux taux d’effort du barème',
	'billing.scale.bounds': 'Nouveaux plancher et plafond de ressources',
	'billing.parameter': 'Nouveau paramètre de facturation',
	'billing.settings': 'Coordonnées du service sur les factures',
	'billing.contract.create': 'Saisie d’un contrat (enfant déjà accueilli)',
	'billing.contract.terms': 'Conditions d’un contrat',
	'billing.contract.amendment': 'Avenant à un contrat',
	'billing.contract.end': 'Fin d’un contrat',
	'billing.entry.create': 'Saisie du mois (heures complémentaires ou déduction)',
	'billing.entry.delete': 'Retrait d’une saisie du mois',
	'billing.payment': 'Paiement en ligne reçu (PayFiP)'
};

export function auditActionLabel(action: string): string {
	return AUDIT_ACTION_LABELS[action] ?? action;
}

export interface AuditEntry {
	id: number;
	/** ISO timestamp. */
	at: string;
	actorId: string | null;
	actorName: string | null;
	action: string;
	householdId: string | null;
	/** The family's name (the household's parent), when the entry is about a family. */
	familyName: string | null;
	detail: Record<string, unknown> | null;
}
