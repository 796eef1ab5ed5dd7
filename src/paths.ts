import { fileURLToPath } from 'node:url';

/** The package's own folders, the same whether running from src/ (tests) or dist/ (installed). */
export const PACKAGE_ROOT = fileURLToPath(new URL('..', import.meta.url));
export const SCHEMAS_DIR = fileURLToPath(new URL('../schemas/', import.meta.url));
export const TEMPLATES_DIR = fileURLToPath(new URL('../templates/', import.meta.url));
