import { PretrainedError } from './errors.js';

/**
 * Readers of a parsed `config.json`'s fields that fail with a {@link PretrainedError}
 * naming the field, its value and `where`.
 *
 * @internal
 */
export function configFields(json: unknown, where: string) {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new PretrainedError(`${where}: expected a JSON object, got ${json === null ? 'null' : Array.isArray(json) ? 'an array' : typeof json}`, where);
  }
  const config = json as Record<string, unknown>;
  return {
    config,
    integer(key: string, fallback?: number): number {
      const value = config[key] ?? fallback;
      if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
        throw new PretrainedError(`${where}: expected ${key} to be a positive integer, got ${JSON.stringify(value ?? null)}`, where);
      }
      return value;
    },
    positive(key: string, fallback: number): number {
      const value = config[key] ?? fallback;
      if (typeof value !== 'number' || !(value > 0) || !Number.isFinite(value)) {
        throw new PretrainedError(`${where}: expected ${key} to be a positive number, got ${JSON.stringify(value)}`, where);
      }
      return value;
    },
    boolean(key: string, fallback: boolean): boolean {
      const value = config[key] ?? fallback;
      if (typeof value !== 'boolean') throw new PretrainedError(`${where}: expected ${key} to be a boolean, got ${JSON.stringify(value)}`, where);
      return value;
    },
    unsupported(key: string, allowed: (value: unknown) => boolean, why: string): void {
      if (!allowed(config[key])) throw new PretrainedError(`${where}: ${key} ${JSON.stringify(config[key])} is not supported (${why})`, where);
    },
    tokenId(key: string): number | undefined {
      const value: unknown = Array.isArray(config[key]) ? (config[key] as unknown[])[0] : config[key];
      return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
    },
  };
}
