#!/usr/bin/env bash
# Rebuild the vendored browser libraries in peelgraph/static/vendor/ from the npm registry:
# the exact versions in package.json / package-lock.json, bundled by esbuild into two
# scripts, with every bundled package's licence file copied beside them.
set -euo pipefail
cd "$(dirname "$0")"
npm ci --no-audit --no-fund
out=../peelgraph/static/vendor
mkdir -p "$out/licenses"
npx esbuild graph-entry.js --bundle --minify --format=iife --legal-comments=none --outfile="$out/graph.bundle.js"
npx esbuild editor-entry.js --bundle --minify --format=iife --legal-comments=none --outfile="$out/editor.bundle.js"
rm -f "$out"/licenses/*
for pkg in cytoscape cytoscape-fcose cose-base layout-base codemirror crelt style-mod w3c-keyname \
    @codemirror/autocomplete @codemirror/commands @codemirror/language @codemirror/legacy-modes \
    @codemirror/lint @codemirror/search @codemirror/state @codemirror/view \
    @lezer/common @lezer/highlight @lezer/lr @marijn/find-cluster-break; do
  version=$(node -p "require('./node_modules/$pkg/package.json').version")
  cp "node_modules/$pkg/LICENSE" "$out/licenses/${pkg//\//-}-$version-LICENSE"
done
