/** The text given to a parser is not an nvidia-smi output it understands; the message says why. */
export class CaptureFormatError extends Error {
  override readonly name = 'CaptureFormatError';
}
