export { UpdateBar } from './UpdateBar';
export { BUILD_ID } from './buildId';
