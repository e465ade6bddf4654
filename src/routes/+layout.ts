// Public pages opt into prerendering one by one; everything else runs in the browser
// through the 200.html fallback.
export const trailingSlash = 'never';
