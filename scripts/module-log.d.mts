/** The `--import` preload that appends the URL of every module file a run loads to `log`. */
export function moduleLogPreload(log: string, cli: string): string;
