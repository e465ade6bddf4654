// The projectors the app runs; registered once, when the sync routes are created.
import { registerProjector } from './registry';
import { projectReply } from './reply';
import { projectSubmission } from './submission';

let installed = false;

export function installDefaultProjectors() {
	if (installed) return;
	installed = true;
	registerProjector('preinscription', projectSubmission);
	registerProjector('entourage', projectSubmission);
	registerProjector('reply', projectReply);
}

export {
	registerProjector,
	type Projector,
	type AcceptedRevision,
	type ProjectionContext
} from './registry';
