/** jest in ESM mode (see ../shared/design/toolchain.md). */
export default {
  preset: 'ts-jest/presets/default-esm',
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__'],
  testMatch: ['**/*.test.ts?(x)'],
  setupFiles: ['<rootDir>/__tests__/setup.ts'],
  extensionsToTreatAsEsm: ['.ts', '.tsx'],
  moduleNameMapper: {'^(\\.{1,2}/.*)\\.js$': '$1'},
  transform: {'^.+\\.tsx?$': ['ts-jest', {useESM: true, tsconfig: 'tsconfig.json'}]},
  testTimeout: 30000,
};
