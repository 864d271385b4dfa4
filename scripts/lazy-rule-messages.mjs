// A rolldown plugin of the CLI bundle (scripts/build.mjs): each rule's `meta.messages` made on first
// read. A rule's messages (a `{ text, why, fix }` object per message id) are read only when the rule
// reports (src/engine/run.ts), so a run with no finding never needs them; as object literals at the
// top level they cost every start-up their creation (bench/README.md, thirty-second stop).
//
// In tsc's output of a rule module (`dist/rules/<id>/*.js`), the `messages` property of the `meta`
// object passed to `defineRule(...)` becomes a getter that builds the object once and returns the
// same object on every later read:
//
//   messages: { a: {...} }               ->  get messages() { return (messages$lazy0 ??= { a: {...} }); }
//   messages: M  (with `const M = {...}`  ->  the same, the literal moved out of the declaration
//                 in the module, read
//                 nowhere else)
//
// Anything else (`messages` imported from another module, read elsewhere, spread) is left as it is.
// The tests and the ESLint plugin run the sources, where `messages` is a plain property.
import { parseAst } from 'rolldown/parseAst';

const RULE_MODULE = /[\\/]dist[\\/]rules[\\/][^\\/]+[\\/][^\\/]+\.js$/;

/** Visits every node of an ESTree program, depth first. */
function walk(node, visit) {
  if (!node || typeof node.type !== 'string') return;
  visit(node);
  for (const key of Object.keys(node)) {
    const value = node[key];
    if (Array.isArray(value)) for (const child of value) walk(child, visit);
    else if (value && typeof value.type === 'string') walk(value, visit);
  }
}

function propertyNamed(object, name) {
  return object.properties.find((p) => p.type === 'Property' && p.kind === 'init' && !p.computed && !p.method && p.key.type === 'Identifier' && p.key.name === name);
}

/**
 * The edits (`{ start, end, text }`, source offsets) that make each `defineRule` call's
 * `meta.messages` lazy, and the module-level `let` declarations they need.
 */
export function lazyMessageEdits(code, file = 'rule.js') {
  const program = parseAst(code, { sourceType: 'module' }, file);
  const constants = new Map(); // name -> { declaration, declarator } of a top-level `const X = {...}`
  for (const statement of program.body) {
    if (statement.type === 'VariableDeclaration' && statement.kind === 'const' && statement.declarations.length === 1) {
      const [declarator] = statement.declarations;
      if (declarator.id.type === 'Identifier' && declarator.init?.type === 'ObjectExpression') constants.set(declarator.id.name, { statement, declarator });
    }
  }
  // How often each name is read or declared (not as a property key or a member's property name).
  const references = new Map();
  const keys = new Set();
  walk(program, (node) => {
    if ((node.type === 'Property' || node.type === 'MethodDefinition' || node.type === 'PropertyDefinition') && !node.computed && !node.shorthand) keys.add(node.key);
    if (node.type === 'MemberExpression' && !node.computed) keys.add(node.property);
    if (node.type === 'Identifier' && !keys.has(node)) references.set(node.name, (references.get(node.name) ?? 0) + 1);
  });
  const edits = [];
  walk(program, (node) => {
    if (node.type !== 'CallExpression' || node.callee.type !== 'Identifier' || node.callee.name !== 'defineRule') return;
    const [spec] = node.arguments;
    if (spec?.type !== 'ObjectExpression') return;
    const meta = propertyNamed(spec, 'meta');
    if (meta?.value.type !== 'ObjectExpression') return;
    const messages = propertyNamed(meta.value, 'messages');
    if (!messages) return;
    const slot = `messages$lazy${edits.length}`;
    let literal;
    if (messages.value.type === 'ObjectExpression') {
      literal = code.slice(messages.value.start, messages.value.end);
    } else if (messages.value.type === 'Identifier') {
      const constant = constants.get(messages.value.name);
      // Declared, and read here only.
      const uses = references.get(messages.value.name) ?? 0;
      if (!constant || uses !== (messages.shorthand && messages.key !== messages.value ? 3 : 2)) return;
      literal = code.slice(constant.declarator.init.start, constant.declarator.init.end);
      edits.push({ start: constant.statement.start, end: constant.statement.end, text: '' });
    } else {
      return;
    }
    if (!literal.startsWith('{') || !literal.endsWith('}')) throw new Error(`build: ${file}: could not read the messages of a rule (offsets)`);
    edits.push({ start: messages.start, end: messages.end, text: `get messages() { return (${slot} ??= ${literal}); }`, slot });
  });
  return edits;
}

export const lazyRuleMessages = {
  name: 'tp-doctor:lazy-rule-messages',
  transform(code, id) {
    if (!RULE_MODULE.test(id) || !code.includes('defineRule(')) return null;
    const edits = lazyMessageEdits(code, id);
    if (edits.length === 0) return null;
    let out = code;
    for (const edit of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
    const slots = edits.flatMap((e) => (e.slot ? [e.slot] : []));
    return { code: `let ${slots.join(', ')};\n${out}`, map: null };
  },
};
