/**
 * `style=${styleProps({...})}`: inline style values written only through the CSSOM (`style.setProperty`).
 *
 * Why not Lit's styleMap: its first render writes the `style` attribute as text, and a bank page whose CSP has
 * `style-src 'self'` (no 'unsafe-inline') refuses attribute styles with a `style-src-attr` violation each time.
 * CSSOM writes are not inline styles and are allowed. Keys are CSS property names as written in CSS
 * (`margin-block-end`, `--cols`).
 */
import { noChange } from 'lit';
import { Directive, PartType, directive, type AttributePart, type PartInfo } from 'lit/directive.js';

export type StyleProps = Readonly<Record<string, string | undefined>>;

class StylePropsDirective extends Directive {
  private written = new Set<string>();

  constructor(info: PartInfo) {
    super(info);
    if (info.type !== PartType.ATTRIBUTE || info.name !== 'style')
      throw new Error('styleProps() belongs in a style=${...} binding');
  }

  render(_props: StyleProps): typeof noChange {
    return noChange;
  }

  override update(part: AttributePart, [props]: [StyleProps]): typeof noChange {
    const style = (part.element as HTMLElement).style;
    for (const name of this.written) {
      if (props[name] === undefined) {
        style.removeProperty(name);
        this.written.delete(name);
      }
    }
    for (const [name, value] of Object.entries(props)) {
      if (value === undefined) continue;
      style.setProperty(name, value);
      this.written.add(name);
    }
    return noChange;
  }
}

export const styleProps = directive(StylePropsDirective);
