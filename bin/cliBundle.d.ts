/** Types of cliBundle.js (plain JavaScript, run by the launcher before any TypeScript loader exists). */
export type BundleState = { fresh: true; entry: string } | { fresh: false; reason: string };
export function bundleState(root?: string, dist?: string): BundleState;
export const SCORE_V8_FLAGS: string;
