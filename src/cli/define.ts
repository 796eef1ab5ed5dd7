import { Option, type Command } from 'commander';
import { usageError } from '../errors.js';
import type { CommandContext, CommandResult } from './context.js';

/*
 * Typed command definitions over commander. A command declares its arguments and options once, as
 * data; the implementation receives one object whose type follows from that declaration. Commander
 * still parses (help, usage errors, `--` handling); this module is the one place that reads its
 * untyped results, checking each value at run time rather than casting it.
 */

/** `<name>` → string, `[name]` → string | undefined, `<name...>` or `[name...]` → string[]. */
type ArgValue<S extends string> = S extends `${string}...${'>' | ']'}` ? string[] : S extends `<${string}>` ? string : string | undefined;

export interface ArgSpec<T> {
  readonly syntax: string;
  readonly description: string;
  readonly fallback?: string;
  /** Type only: what the implementation receives. */
  readonly type?: T;
}

export interface OptionSpec<T> {
  readonly flags: string;
  readonly description: string;
  read(raw: unknown): T;
  parse?: (raw: string, previous: unknown) => unknown;
  fallback?: unknown;
}

type ArgSpecs = Readonly<Record<string, ArgSpec<unknown>>>;
type OptionSpecs = Readonly<Record<string, OptionSpec<unknown>>>;

/** What an implementation receives: every argument and option under the key it was declared with. */
export type InputOf<D> = D extends { readonly args: infer A; readonly options: infer O } ? { [K in keyof A]: SpecValue<A[K]> } & { [K in keyof O]: SpecValue<O[K]> } : never;
type SpecValue<S> = S extends OptionSpec<infer T> ? T : S extends ArgSpec<infer T> ? T : never;

export type CommandImpl<I, D = unknown> = (ctx: CommandContext, input: I) => Promise<CommandResult<D>>;

export function arg<S extends string>(syntax: S, description: string): ArgSpec<ArgValue<S>>;
export function arg<S extends `[${string}]`>(syntax: S, description: string, fallback: string): ArgSpec<string>;
export function arg(syntax: string, description: string, fallback?: string): ArgSpec<unknown> {
  return fallback === undefined ? { syntax, description } : { syntax, description, fallback };
}

/** A switch: `--check` is false unless given, `--no-wait` true unless given. */
export function flag(flags: string, description: string): OptionSpec<boolean> {
  const negated = /(^|\s)--no-/.test(flags);
  return { flags, description, read: (raw) => (negated ? raw !== false : raw === true) };
}

/** An option with a value, checked (and converted) by `parse` when given; undefined when not. */
export function value(flags: string, description: string): OptionSpec<string | undefined>;
export function value<T>(flags: string, description: string, parse: (raw: string) => T): OptionSpec<T | undefined>;
export function value<T>(flags: string, description: string, parse?: (raw: string) => T): OptionSpec<T | string | undefined> {
  return {
    flags,
    description,
    // Commander stores what `parse` returned, so the value has parse's type.
    read: (raw) => (raw === undefined ? undefined : (raw as T)),
    parse: parse ?? ((raw: string) => raw),
  };
}

/** An option whose value is one of a few words. */
export function choice<const C extends readonly string[]>(flags: string, description: string, choices: C): OptionSpec<C[number] | undefined> {
  const name = longName(flags);
  return value(flags, description, (raw): C[number] => {
    const found = choices.find((c) => c === raw);
    if (found === undefined) throw usageError(`${name} must be one of ${choices.join(', ')}, not "${raw}"`, `e.g. ${name} ${choices[0] ?? ''}`);
    return found;
  });
}

/** An option that may be given several times; each value is kept, in order. */
export function list(flags: string, description: string): OptionSpec<string[]> {
  return {
    flags,
    description,
    parse: (raw, previous) => [...(Array.isArray(previous) ? previous : []), raw],
    fallback: [],
    read: (raw) => (Array.isArray(raw) ? raw.filter((v): v is string => typeof v === 'string') : []),
  };
}

export interface LeafDefinition<A extends ArgSpecs = ArgSpecs, O extends OptionSpecs = OptionSpecs> {
  readonly name: string;
  readonly description: string;
  /** Shown under "Examples:" in `--help`: whole command lines, each with what it does. */
  readonly examples: readonly Example[];
  readonly args: A;
  readonly options: O;
  readonly usage?: string;
}

export interface Example {
  readonly run: string;
  readonly does: string;
}

export function defineCommand<const A extends ArgSpecs, const O extends OptionSpecs>(
  definition: LeafDefinition<A, O>,
): LeafDefinition<A, O> {
  const keys = [...Object.keys(definition.args), ...Object.keys(definition.options)];
  const twice = keys.find((k, i) => keys.indexOf(k) !== i);
  if (twice !== undefined) throw new Error(`command ${definition.name}: "${twice}" is declared twice`);
  return definition;
}

/** One command of the table: its definition, with the implementation loaded only when it runs. */
export interface CommandEntry {
  readonly name: string;
  readonly description: string;
  readonly examples: readonly Example[];
  /** Adds the command to `parent`; `run` is called when commander picks it. */
  attach(parent: Command, run: Runner): Command;
}

/** Runs one picked command: `path` is its full name (`secrets set`), `invoke` its implementation. */
export type Runner = (path: string, command: Command, invoke: (ctx: CommandContext) => Promise<CommandResult>) => Promise<void>;

/** A verb: arguments and options read from commander into the typed input of `load()`'s implementation. */
export function lazy<D extends LeafDefinition>(definition: D, load: () => Promise<CommandImpl<InputOf<D>>>): CommandEntry {
  return {
    name: definition.name,
    description: definition.description,
    examples: definition.examples,
    attach(parent, run) {
      const cmd = parent.command(definition.name).description(definition.description);
      if (definition.usage) cmd.usage(definition.usage);
      for (const a of Object.values(definition.args)) {
        if (a.fallback === undefined) cmd.argument(a.syntax, a.description);
        else cmd.argument(a.syntax, a.description, a.fallback);
      }
      for (const o of Object.values(definition.options)) {
        const option = new Option(o.flags, o.description);
        if (o.parse) option.argParser(o.parse);
        if (o.fallback !== undefined) option.default(o.fallback);
        cmd.addOption(option);
      }
      addExamples(cmd, definition.examples);
      const path = commandPath(cmd);
      cmd.action(async () => {
        const input = readInput(definition, cmd);
        await run(path, cmd, async (ctx) => (await load())(ctx, input as InputOf<D>));
      });
      return cmd;
    },
  };
}

/** A verb with verbs of its own (`ccm secrets set`): each with its own arguments, options and help. */
export function group(definition: { name: string; description: string; examples: readonly Example[]; commands: readonly CommandEntry[] }): CommandEntry {
  return {
    ...definition,
    attach(parent, run) {
      const cmd = parent.command(definition.name).description(definition.description);
      for (const sub of definition.commands) sub.attach(cmd, run);
      addExamples(cmd, definition.examples);
      return cmd;
    },
  };
}

export function addExamples(cmd: Command, examples: readonly Example[]): void {
  if (examples.length === 0) return;
  const width = Math.max(...examples.map((e) => e.run.length));
  const lines = examples.map((e) => `  $ ${e.run.padEnd(width)}  ${e.does}`);
  cmd.addHelpText('after', `\nExamples:\n${lines.join('\n')}\n`);
}

/**
 * The input object, from commander's parsed arguments and options. Each value is checked against
 * what its spec declares, so the one cast below only names the type those checks established.
 */
function readInput(definition: LeafDefinition, cmd: Command): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  const processed: unknown[] = cmd.processedArgs;
  Object.entries(definition.args).forEach(([key, spec], i) => {
    const raw = processed[i];
    input[key] = spec.syntax.includes('...')
      ? (Array.isArray(raw) ? raw.filter((v): v is string => typeof v === 'string') : [])
      : (typeof raw === 'string' ? raw : undefined);
  });
  const opts = cmd.opts();
  const options = cmd.options;
  for (const [key, spec] of Object.entries(definition.options)) {
    const option = options.find((o) => o.flags === spec.flags);
    input[key] = spec.read(option ? opts[option.attributeName()] : undefined);
  }
  return input;
}

function commandPath(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c?.parent; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

function longName(flags: string): string {
  return /--[\w-]+/.exec(flags)?.[0] ?? flags;
}
