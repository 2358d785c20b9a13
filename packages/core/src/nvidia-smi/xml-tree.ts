import { XMLParser } from 'fast-xml-parser';

/**
 * A thin, typed view of fast-xml-parser's output. Every value stays a string (no number parsing,
 * so bus ids like "00000000" survive), and an element that occurs once or many times reads the
 * same way through `children`.
 */
export type XmlNode = string | XmlElement | XmlNode[];
export interface XmlElement {
  [name: string]: XmlNode;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

/** Thrown for text that is not well-formed XML. */
export class XmlSyntaxError extends Error {
  override readonly name = 'XmlSyntaxError';
}

/** Parses an XML document into a tree of strings, after checking that its tags balance. */
export function parseXmlTree(xml: string): XmlElement {
  checkTagsBalance(xml);
  let tree: unknown;
  try {
    tree = parser.parse(xml);
  } catch (error) {
    throw new XmlSyntaxError(`not well-formed XML: ${error instanceof Error ? error.message : String(error)}`);
  }
  return isElement(tree) ? tree : {};
}

// Declarations, doctype, comments and CDATA are skipped; element tags are captured with their name.
const MARKUP =
  /<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<![^>]*>|<(\/?)([A-Za-z_][\w.:-]*)[^>]*?(\/?)>|</g;

/**
 * fast-xml-parser is lenient (a capture cut short by a killed nvidia-smi parses into half a GPU),
 * so the tags are checked to open and close in order, with one root element.
 */
function checkTagsBalance(xml: string): void {
  const open: string[] = [];
  let roots = 0;
  for (const match of xml.matchAll(MARKUP)) {
    const [markup, closing, name, selfClosing] = match;
    const where = () => `line ${xml.slice(0, match.index).split('\n').length}`;
    if (markup === '<') throw new XmlSyntaxError(`not well-formed XML: stray "<" at ${where()}`);
    if (name === undefined) continue;
    if (closing === '/') {
      const expected = open.pop();
      if (expected !== name) {
        throw new XmlSyntaxError(`not well-formed XML: </${name}> at ${where()} closes <${expected ?? 'nothing'}>`);
      }
    } else if (selfClosing !== '/') {
      if (open.length === 0) roots += 1;
      open.push(name);
    } else if (open.length === 0) {
      roots += 1;
    }
  }
  if (open.length > 0) throw new XmlSyntaxError(`not well-formed XML: <${open.join('><')}> never closed (cut short?)`);
  if (roots !== 1) throw new XmlSyntaxError(`not well-formed XML: expected one root element, found ${roots}`);
}

export function isElement(node: unknown): node is XmlElement {
  return typeof node === 'object' && node !== null && !Array.isArray(node);
}

/** All child elements (or text nodes) called `name`, whether there is none, one or many. */
export function children(node: XmlNode | undefined, name: string): XmlNode[] {
  if (!isElement(node)) return [];
  const value = node[name];
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** The first child called `name`, following a path of names: `child(gpu, 'fb_memory_usage', 'total')`. */
export function child(node: XmlNode | undefined, ...path: string[]): XmlNode | undefined {
  let current = node;
  for (const name of path) {
    current = children(current, name)[0];
    if (current === undefined) return undefined;
  }
  return current;
}

/** The text of an element (its `#text` when it also has attributes); `undefined` when absent. */
export function textOf(node: XmlNode | undefined): string | undefined {
  if (typeof node === 'string') return node;
  if (isElement(node)) {
    const text = node['#text'];
    return typeof text === 'string' ? text : '';
  }
  return undefined;
}

/** The text at a path of element names, or `undefined` when any step is absent. */
export function textAt(node: XmlNode | undefined, ...path: string[]): string | undefined {
  return textOf(child(node, ...path));
}

/** An attribute's value. */
export function attribute(node: XmlNode | undefined, name: string): string | undefined {
  if (!isElement(node)) return undefined;
  const value = node[`@_${name}`];
  return typeof value === 'string' ? value : undefined;
}

/** The names of an element's child elements, in document order, without attributes and text. */
export function childNames(node: XmlNode | undefined): string[] {
  if (!isElement(node)) return [];
  return Object.keys(node).filter((key) => !key.startsWith('@_') && key !== '#text');
}
