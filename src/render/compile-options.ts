/**
 * How every template compiles, at run time (overrides, user texts) and at package build
 * (scripts/precompile-templates.mjs imports this from dist/): strict, so a misspelt variable fails
 * with its line; no HTML escaping, since outputs are Markdown, JSON and dotenv.
 */
export const COMPILE_OPTIONS = { strict: true, noEscape: true, preventIndent: true } as const;

/** Handlebars' default ban on prototype access, stated so that no option can lift it. */
export const RUNTIME_OPTIONS = { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false } as const;
