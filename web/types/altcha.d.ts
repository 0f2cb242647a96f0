// altcha-lib's browser solver, served by the server from node_modules at /static/vendor/altcha/
// (server/routes/web.ts): the part of its interface the proof-of-work worker uses. Mapped in
// web/tsconfig.json's `paths`.
export function solveChallenge(challenge: string, salt: string, algorithm: string, max: number, start: number): { promise: Promise<{ number: number } | null> };
