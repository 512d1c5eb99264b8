/** Semantic colour tokens: every colour in the app comes from here. NO_COLOR (any non-empty value) turns them off. */
export interface Theme {
  readonly accent?: string;
  readonly muted?: string;
  readonly success?: string;
  readonly error?: string;
  readonly warning?: string;
  readonly client?: string;
  readonly server?: string;
  readonly selected?: string;
}

const COLOURS: Theme = {
  accent: 'cyan',
  muted: 'gray',
  success: 'green',
  error: 'red',
  warning: 'yellow',
  client: 'blue',
  server: 'magenta',
  selected: 'cyan',
};

/** The theme for an environment: no colours when NO_COLOR is set (https://no-color.org). */
export function themeFor(env: NodeJS.ProcessEnv = process.env): Theme {
  return env.NO_COLOR !== undefined && env.NO_COLOR !== '' ? {} : COLOURS;
}
