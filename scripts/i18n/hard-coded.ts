/**
 * Finds English words written straight into a screen instead of through the catalogs: string
 * literals (and the text of template literals) that are an element's children (`h(tag, props,
 * 'Text')`), a user-visible property (`label`, `title`, `placeholder`, `aria-label`, a table's `head`, ...) or a
 * message shown to the user (`notify('…')`, `confirm('…')`), looking through `a ? 'x' : 'y'`,
 * `a || 'x'` and parentheses; and anywhere, a literal that reads as an English phrase (a capital
 * then words: `'No changes yet.'`, `throw new Error('Not submitted: …')`). Text without a Latin
 * word (punctuation, `—`, ` · `) is not text. A line that must keep a literal (a code, a brand)
 * says why in a comment containing `i18n-ignore`.
 */
import ts from 'typescript';

const VISIBLE_PROPS = new Set([
  'label',
  'title',
  'placeholder',
  'aria-label',
  'alt',
  'hint',
  'legend',
  'caption',
  'heading',
  'empty',
  'emptyText',
  'description',
  'confirm',
  'help',
  'head',
]);
const MESSAGE_CALLS = new Set(['notify', 'confirm', 'alert', 'setNotice', 'setMessage']);
const WORD = /[A-Za-z]{2,}/;
/** A capitalised word followed by more words: prose, wherever it stands. */
const PHRASE = /^\s*[A-Z][a-z’']+[,:]?\s+[A-Za-z(]/;

export interface HardCoded {
  line: number;
  text: string;
}

const nameOf = (n: ts.Node | undefined): string | undefined =>
  n && (ts.isIdentifier(n) || ts.isStringLiteral(n))
    ? n.text
    : n && ts.isPropertyAccessExpression(n)
      ? n.name.text
      : undefined;

export function hardCodedStrings(source: string, fileName = 'screen.ts'): HardCoded[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const lines = source.split('\n');
  const found: HardCoded[] = [];
  const report = (node: ts.Node, text: string) => {
    const line = file.getLineAndCharacterOfPosition(node.getStart()).line;
    if (!WORD.test(text) || lines[line]?.includes('i18n-ignore')) return;
    found.push({ line: line + 1, text });
  };
  // A user-visible position: report the text it holds.
  const visible = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) report(node, node.text);
    else if (ts.isTemplateExpression(node))
      report(node, [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join('…'));
    else if (ts.isParenthesizedExpression(node)) visible(node.expression);
    else if (ts.isConditionalExpression(node)) {
      visible(node.whenTrue);
      visible(node.whenFalse);
    } else if (ts.isBinaryExpression(node) && node.operatorToken.kind !== ts.SyntaxKind.PlusToken) {
      visible(node.right);
    } else if (ts.isBinaryExpression(node)) {
      visible(node.left);
      visible(node.right);
    } else if (ts.isArrayLiteralExpression(node)) node.elements.forEach(visible);
  };
  const walk = (node: ts.Node): void => {
    if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) && PHRASE.test(node.text))
      report(node, node.text);
    else if (ts.isTemplateExpression(node) && PHRASE.test(node.head.text)) report(node, node.head.text);
    if (ts.isCallExpression(node)) {
      const callee = nameOf(node.expression);
      if (callee === 'h') node.arguments.slice(2).forEach(visible);
      else if (callee && MESSAGE_CALLS.has(callee)) node.arguments.slice(0, 1).forEach(visible);
    }
    if (ts.isPropertyAssignment(node) && VISIBLE_PROPS.has(nameOf(node.name) ?? ''))
      visible(node.initializer);
    ts.forEachChild(node, walk);
  };
  walk(file);
  // One finding per line: a template literal is seen whole and by its head.
  const seen = new Set<number>();
  return found.filter((f) => {
    if (seen.has(f.line)) return false;
    seen.add(f.line);
    return true;
  });
}
