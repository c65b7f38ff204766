// Dynamic pages (lazy loading, infinite scroll, live blogs): annotates elements added to the
// article after the first pass.
//
// No loops on our own changes: wrapping only adds tagit's <mark>s and text nodes (split
// tails), and giving text back only moves or removes text, so additions that are text
// nodes, tagit's own marks (asked of the wasm package, not guessed from markup) or the
// widget's host are ignored; only a page element arriving triggers a (debounced) annotate
// of the article, which reads only the blocks it has not seen.

/**
 * Watches `root`; calls `annotate()` (debounced) when page elements are added. `ours(node)`
 * says whether a node is one of tagit's marks. Returns stop().
 */
export function observeArticle(root, ours, annotate, delay = 150) {
  if (typeof MutationObserver !== 'function') return () => {};
  let timer = 0;
  const isOurs = (node) => node.nodeType !== 1 || ours(node) || node.matches('[data-tagit-widget]');
  const observer = new MutationObserver((records) => {
    for (const r of records) {
      for (const n of r.addedNodes) {
        if (!isOurs(n)) {
          clearTimeout(timer);
          timer = setTimeout(() => annotate(), delay);
          return;
        }
      }
    }
  });
  observer.observe(root, { childList: true, subtree: true });
  return () => {
    clearTimeout(timer);
    observer.disconnect();
  };
}
