// Shapes of the JSON the API returns, taken from the server's own view types (type-only imports,
// erased from the bundle): a server change to an answer breaks the client's type-check instead
// of drifting from a copy. Request bodies come from the domain schemas ($domain/account).
import type { CIVILITIES, PREFERRED_CONTACTS } from '$domain/account';
import type { ProfileView } from '../../../server/auth/profile';
import type { ApiErrorBody as ErrorEnvelope } from '../../../server/http/errors';
import type { DemoMailView } from '../../../server/routes/demo';
import type { MeView } from '../../../server/routes/me';

export type Civility = (typeof CIVILITIES)[number];
export type PreferredContact = (typeof PREFERRED_CONTACTS)[number];

/** The `error` member of every API error answer: code, French message, per-field messages. */
export type ApiErrorBody = ErrorEnvelope['error'];

/** GET /api/me (also the sign-in answer). */
export type Me = MeView;
export type MeUser = Me['user'];

/** GET and PUT /api/me/profile. */
export type ProfileData = ProfileView;

/** One mail of the demo mailbox (GET /api/demo/mails). */
export type DemoMail = DemoMailView;
