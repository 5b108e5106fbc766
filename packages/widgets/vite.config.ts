import { defineConfig } from 'vite';

// One ES module with Lit and the API client inside, served as /widgets/samrad.js: a city adds
// a single <script type="module"> and needs no build step (SPEC 8).
export default defineConfig({
  // Lit and tRPC read NODE_ENV to pick their development builds; cities get the production one.
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: {
    target: 'es2022',
    lib: { entry: 'src/index.ts', formats: ['es'], fileName: () => 'samrad.js' },
    // Vite leaves ES library output unminified, expecting an app to bundle it; cities do not.
    rolldownOptions: { output: { minify: true } },
  },
});
