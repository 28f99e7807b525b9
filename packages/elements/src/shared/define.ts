/**
 * Registration that lives beside other code: a tag already defined (another copy of Stride, or the host's own
 * element) is never redefined; a different constructor under our tag gets one warning and this copy stays inert.
 */
export function defineElement(tag: string, ctor: CustomElementConstructor): void {
  const existing = customElements.get(tag);
  if (existing === ctor) return;
  if (existing) {
    console.warn(`Stride: <${tag}> is already defined (another copy of Stride?); this copy does not redefine it.`);
    return;
  }
  customElements.define(tag, ctor);
}
