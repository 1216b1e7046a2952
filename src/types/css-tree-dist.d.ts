// css-tree's single-file ESM build (`css-tree/dist/csstree.esm`, published in the package) has the API of
// 'css-tree': importing it loads one module instead of the ~530 of lib/ (about 0.4 s of start-up).
declare module 'css-tree/dist/csstree.esm' {
  export * from 'css-tree';
}
