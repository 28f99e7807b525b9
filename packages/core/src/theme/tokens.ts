/**
 * Theme tokens: the one set of `--stride-*` custom properties every widget reads and a host overrides. Values here
 * are the defaults for light and dark; both meet WCAG AA for text on their surface. Charts resolve the same tokens
 * from the element's computed style, so a host's override reaches ECharts too.
 */
export type ThemeName = 'light' | 'dark';
export type ThemeSetting = ThemeName | 'auto';

export const TOKEN_NAMES = [
  'surface',
  'surface-raised',
  'surface-sunken',
  'text',
  'text-muted',
  'border',
  'accent',
  'accent-text',
  'focus',
  'good',
  'warning',
  'bad',
  'neutral',
  'me',
  'band-0',
  'band-1',
  'band-2',
  'band-3',
  'unassigned',
  'series-1',
  'series-2',
  'skeleton',
] as const;
export type TokenName = (typeof TOKEN_NAMES)[number];
export type ThemeTokens = Record<TokenName, string>;

export const LIGHT_TOKENS: ThemeTokens = {
  surface: '#ffffff',
  'surface-raised': '#f7f8fa',
  'surface-sunken': '#eef1f5',
  text: '#1d2433',
  'text-muted': '#525c6e',
  border: '#d5dae3',
  accent: '#1d5fbf',
  'accent-text': '#ffffff',
  focus: '#1d5fbf',
  good: '#17753d',
  warning: '#8a5a00',
  bad: '#b42318',
  neutral: '#525c6e',
  me: '#fff4cc',
  'band-0': '#c62828',
  'band-1': '#ef8f00',
  'band-2': '#7cb342',
  'band-3': '#1b7f3b',
  unassigned: '#b8bec9',
  'series-1': '#1d5fbf',
  'series-2': '#8e5cc4',
  skeleton: '#e6e9ef',
};

export const DARK_TOKENS: ThemeTokens = {
  surface: '#161b24',
  'surface-raised': '#1f2632',
  'surface-sunken': '#11151c',
  text: '#e8ecf3',
  'text-muted': '#a9b2c1',
  border: '#3a4454',
  accent: '#6ea8ff',
  'accent-text': '#0b1220',
  focus: '#8cbcff',
  good: '#5fd08a',
  warning: '#f2c14e',
  bad: '#ff7b72',
  neutral: '#a9b2c1',
  me: '#4a3d12',
  'band-0': '#e5534b',
  'band-1': '#f0a030',
  'band-2': '#8fc45a',
  'band-3': '#3fb66b',
  unassigned: '#5b6577',
  'series-1': '#6ea8ff',
  'series-2': '#c39bff',
  skeleton: '#2a3240',
};

export function tokensFor(theme: ThemeName): ThemeTokens {
  return theme === 'dark' ? DARK_TOKENS : LIGHT_TOKENS;
}
