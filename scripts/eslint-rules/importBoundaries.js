/**
 * ESLint rule `blobgen/import-boundaries`: the layering of docs/architecture.md ("Import rules").
 *
 * Every import specifier (static, re-export, dynamic `import()`, `import type`, `typeof import()`)
 * is resolved against the importing file's folder, so `../../gpu/x` and `../gpu/x` are the same
 * target whatever the depth. Three checks, each configured in eslint.config.js:
 *
 *  - pure: a file matching `pure.files` may import only files matching `pure.files` and the
 *    packages in `pure.packages` (plus `pure.testPackages` from files matching `pure.testFiles`).
 *  - ort: only files matching `ort.files` may import `ort.package` or any of its subpaths.
 *  - apart: for each pair [A, B] of folders, nothing in A imports from B and nothing in B from A.
 *
 * Paths are repository-relative (to ESLint's cwd, the repository root) with `/` separators.
 * Globs: `**` any run of path segments, `*` anything but `/`.
 */
import path from 'node:path';

/** @param {string} glob */
function globToRegExp(glob) {
  let source = '';
  for (let i = 0; i < glob.length; i += 1) {
    const char = glob[i];
    if (char === '*' && glob[i + 1] === '*') {
      // `dir/**` also matches `dir` itself (an index import such as `../layout`).
      if (source.endsWith('/')) source = `${source.slice(0, -1)}(?:/.*)?`;
      else source += '.*';
      i += 1;
      if (glob[i + 1] === '/') i += 1;
    } else if (char === '*') source += '[^/]*';
    else source += char.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

/** @param {string[] | undefined} globs */
function matcher(globs) {
  const patterns = (globs ?? []).map(globToRegExp);
  return (/** @type {string} */ file) => patterns.some((pattern) => pattern.test(file));
}

/** `@scope/name/sub` → `@scope/name`; `name/sub` → `name`; `node:fs` → `node:*`. */
function packageOf(specifier) {
  if (specifier.startsWith('node:')) return 'node:*';
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function toPosix(file) {
  return file.split(path.sep).join('/');
}

function folderList(globs) {
  return (globs ?? []).map((glob) => glob.replace(/\/\*\*$/, '')).join(', ');
}

const optionsSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    pure: {
      type: 'object',
      additionalProperties: false,
      properties: {
        files: { type: 'array', items: { type: 'string' } },
        packages: { type: 'array', items: { type: 'string' } },
        testFiles: { type: 'array', items: { type: 'string' } },
        testPackages: { type: 'array', items: { type: 'string' } },
      },
    },
    ort: {
      type: 'object',
      additionalProperties: false,
      properties: { package: { type: 'string' }, files: { type: 'array', items: { type: 'string' } } },
    },
    apart: {
      type: 'array',
      items: { type: 'array', items: { type: 'string' }, minItems: 2, maxItems: 2 },
    },
  },
};

/** @type {import('eslint').Rule.RuleModule} */
export const importBoundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'Enforce the import layering of docs/architecture.md' },
    schema: [optionsSchema],
    messages: {
      pureImportsImpure:
        'Pure module imports "{{specifier}}" ({{target}}), which is outside the pure set ({{pureSet}}). Pure modules import only each other and {{packages}}.',
      pureImportsPackage:
        'Pure module imports the package "{{specifier}}"; pure modules may import only {{packages}} (React, ONNX Runtime and WebGPU code stay out).',
      ortOutsideOrtModule:
        '"{{specifier}}" may be imported only by the ORT module ({{ortFiles}}); go through it instead.',
      crossesApart: '{{from}} must not import from {{to}} ("{{specifier}}"); the app shell (src/App.tsx, src/shell/) wires them together.',
    },
  },
  create(context) {
    const options = context.options[0] ?? {};
    const cwd = context.cwd;
    const file = toPosix(path.relative(cwd, context.filename));
    const fileDir = path.posix.dirname(file);

    const isPure = matcher(options.pure?.files);
    const isPureTestFile = matcher(options.pure?.testFiles);
    const isOrtFile = matcher(options.ort?.files);
    const apartPairs = (options.apart ?? []).map(([a, b]) => ({ a, b, inA: matcher([`${a}/**`]), inB: matcher([`${b}/**`]) }));

    const fileIsPure = isPure(file);
    const allowedPackages = new Set([
      ...(options.pure?.packages ?? []),
      ...(isPureTestFile(file) ? (options.pure?.testPackages ?? []) : []),
    ]);
    const packagesText = allowedPackages.size > 0 ? [...allowedPackages].join(', ') : 'no packages';

    /** @param {import('estree').Node} node @param {string} specifier */
    function check(node, specifier) {
      const bare = !specifier.startsWith('.') && !specifier.startsWith('/');
      if (bare) {
        const pkg = packageOf(specifier);
        if (options.ort?.package && pkg === options.ort.package && !isOrtFile(file)) {
          context.report({ node, messageId: 'ortOutsideOrtModule', data: { specifier, ortFiles: (options.ort.files ?? []).join(', ') } });
        }
        if (fileIsPure && !allowedPackages.has(pkg)) {
          context.report({ node, messageId: 'pureImportsPackage', data: { specifier, packages: packagesText } });
        }
        return;
      }
      const withoutQuery = specifier.replace(/[?#].*$/, '');
      // `/src/x` is Vite's root-relative form: relative to the repository root.
      const target = withoutQuery.startsWith('/')
        ? path.posix.normalize(withoutQuery.slice(1))
        : path.posix.normalize(path.posix.join(fileDir, withoutQuery));
      if (fileIsPure && !isPure(target)) {
        context.report({
          node,
          messageId: 'pureImportsImpure',
          data: { specifier, target, pureSet: folderList(options.pure?.files), packages: packagesText },
        });
      }
      for (const { a, b, inA, inB } of apartPairs) {
        const crossing = (inA(file) && inB(target) && { from: a, to: b }) || (inB(file) && inA(target) && { from: b, to: a });
        if (crossing) context.report({ node, messageId: 'crossesApart', data: { ...crossing, specifier } });
      }
    }

    /** @param {import('estree').Node | null | undefined} source */
    function checkSource(node, source) {
      if (source && source.type === 'Literal' && typeof source.value === 'string') check(node, source.value);
    }

    return {
      ImportDeclaration: (node) => checkSource(node, node.source),
      ExportNamedDeclaration: (node) => checkSource(node, node.source),
      ExportAllDeclaration: (node) => checkSource(node, node.source),
      ImportExpression: (node) => checkSource(node, node.source),
      // `typeof import('x')` in a type position (typescript-eslint: argument is a TSLiteralType).
      TSImportType: (node) => checkSource(node, node.source ?? node.argument?.literal),
    };
  },
};

export const blobgenPlugin = {
  meta: { name: 'blobgen' },
  rules: { 'import-boundaries': importBoundaries },
};
