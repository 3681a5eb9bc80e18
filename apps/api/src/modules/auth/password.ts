import argon2 from 'argon2';

/** argon2id with the library's defaults (64 MiB, t=3): slow for attackers, fine per login. */
export const hashPassword = (password: string): Promise<string> => argon2.hash(password, { type: argon2.argon2id });
export const verifyPassword = (hash: string, password: string): Promise<boolean> => argon2.verify(hash, password);

/** A password policy short enough to state in the error: at least 10 characters, letters and digits. */
export function passwordProblem(password: string): string | undefined {
  if (password.length < 10) return '密码至少10位';
  if (!/[A-Za-z]/.test(password) || !/[0-9]/.test(password)) return '密码须同时包含字母和数字';
  return undefined;
}
