import { StringDecoder } from 'node:string_decoder';

/** No line of a backup comes near this (the widest row is a few KB): past it, the file is not a backup. */
const MAX_LINE_CHARS = 16 * 1024 * 1024;

/** The text of a byte stream, line by line ('\n'); a last line without its newline is still given. */
export async function* splitLines(bytes: AsyncIterable<Buffer>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  for await (const chunk of bytes) {
    rest += decoder.write(chunk);
    let start = 0;
    for (let end = rest.indexOf('\n'); end !== -1; end = rest.indexOf('\n', start)) {
      yield rest.slice(start, end);
      start = end + 1;
    }
    rest = rest.slice(start);
    if (rest.length > MAX_LINE_CHARS) throw new Error(`a line longer than ${String(MAX_LINE_CHARS)} characters`);
  }
  rest += decoder.end();
  if (rest !== '') yield rest;
}

/** Lines with one line of look-ahead, numbered for error messages. */
export class LineReader {
  private peeked: string | undefined;
  private hasPeeked = false;
  /** The number of the line last returned by `next()`, from 1. */
  lineNumber = 0;

  constructor(private readonly lines: AsyncIterator<string>) {}

  async peek(): Promise<string | undefined> {
    if (!this.hasPeeked) {
      const result = await this.lines.next();
      this.peeked = result.done === true ? undefined : result.value;
      this.hasPeeked = true;
    }
    return this.peeked;
  }

  async next(): Promise<string | undefined> {
    const line = await this.peek();
    this.hasPeeked = false;
    if (line !== undefined) this.lineNumber += 1;
    return line;
  }
}
