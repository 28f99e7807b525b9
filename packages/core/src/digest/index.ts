/**
 * The share digest ("Share the day"): results in, a picture and texts for a team's chat group out. Not part of
 * `@stride/core`'s main entry: a page loads it only when someone shares (a chunk of its own in stride.esm.js), and
 * the reference back end's schedule imports it directly.
 */
import { buildDigestModel, type DigestInput, type DigestModel, type DigestOptions } from './digest.model.js';
import { layoutDigest, type DigestLayout } from './digest.layout.js';
import { digestSvg } from './digest.svg.js';
import { digestTexts, type DigestTextOptions, type DigestTexts } from './digest.text.js';

export * from './digest.model.js';
export * from './digest.layout.js';
export * from './digest.svg.js';
export * from './digest.text.js';

export interface Digest extends DigestTexts {
  model: DigestModel;
  layout: DigestLayout;
  svg: string;
}

/** Everything a share needs, computed once: the model, the picture's primitives and SVG, and the three texts. */
export function buildDigest(input: DigestInput, options: DigestOptions & DigestTextOptions = {}): Digest {
  const model = buildDigestModel(input, options);
  const layout = layoutDigest(model);
  return { model, layout, svg: digestSvg(layout), ...digestTexts(model, options) };
}
