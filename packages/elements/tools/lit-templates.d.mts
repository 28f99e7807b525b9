import type { Plugin as EsbuildPlugin } from 'esbuild';
import type { Plugin as VitePlugin } from 'vite';

export function minifyLitTemplates(source: string, fileName: string): string | null;
export function escapeNonAscii(text: string): string;
export function litTemplatesPlugin(): VitePlugin;
export function litTemplatesEsbuildPlugin(): EsbuildPlugin;
