// Progress lines for people running `npm start` / `npm test`.

export function step(message: string): void {
  console.log(`\n▶ ${message}`);
}

export function info(message: string): void {
  console.log(`  ${message}`);
}

export class UserFacingError extends Error {}
