// ES module entry: loads the classic script (which defines globalThis.MynawebWidget) and
// re-exports its API. `import { mount } from '@mynaweb/widget';`
import './mynaweb-widget.js';

const widget = globalThis.MynawebWidget;

/** See mynaweb-widget.d.ts. */
export const mount = widget.mount;
export const version = widget.version;
export default widget;
