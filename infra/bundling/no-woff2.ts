/**
 * Bundle-time stand-in for `brotli/decompress.js` (an esbuild alias in FUNCTION_BUNDLING).
 * fontkit needs brotli only to open WOFF2 fonts; the PDF renderer embeds TTF files only
 * (DejaVu), and brotli's decoder with its dictionary is 475 KB of minified code.
 */
export default function decompress(): never {
  throw new Error('WOFF2 fonts are not supported in the Lambda bundle (brotli is left out)');
}
