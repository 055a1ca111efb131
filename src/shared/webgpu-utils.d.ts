// Types for the deep import of webgpu-utils' 1.x build (./wgsl-struct.ts says why that build): the package
// ships them as dist/1.x/webgpu-utils.d.ts, a name TypeScript does not pair with webgpu-utils.module.js.
declare module 'webgpu-utils/dist/1.x/webgpu-utils.module.js' {
  export * from 'webgpu-utils/dist/1.x/webgpu-utils';
}
