/** A command that sets a package version: `npm version 1.2.3`, `npm pkg set version=...`, `version=...`. */
export const VERSION_COMMAND = /\b(?:npm|pnpm|yarn|bun)\s+(?:version|pkg\s+set\s+version)\b|\bversion\s*=/;
