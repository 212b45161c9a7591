export { ModelManager } from './ModelManager';
export { chosenPackBaseUrl, usePackCatalog } from './packCatalog';
