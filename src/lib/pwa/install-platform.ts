// Which install path the device offers: Chromium's prompt, iOS's "Sur l'écran d'accueil", or
// none. Pure so the user-agent rules are unit-tested.

export interface PlatformHints {
	userAgent: string;
	maxTouchPoints: number;
	/** `navigator.standalone` (iOS) or `matchMedia('(display-mode: standalone)')`. */
	standalone: boolean;
}

export function isInstalled(hints: PlatformHints): boolean {
	return hints.standalone;
}

/** iPhone, iPod, and iPadOS (which reports itself as a Mac with a touch screen). */
export function isIos({ userAgent, maxTouchPoints }: PlatformHints): boolean {
	if (/iPhone|iPad|iPod/.test(userAgent)) return true;
	return /Macintosh/.test(userAgent) && maxTouchPoints > 1;
}

/** iOS offers "Sur l'écran d'accueil" without a prompt event, so we explain the gesture. */
export function needsIosHowTo(hints: PlatformHints): boolean {
	return isIos(hints) && !isInstalled(hints);
}
