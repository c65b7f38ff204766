// Dynamic pages (lazy loading, infinite scroll, live blogs): annotates elements added to the
// article after the first pass.
//
// No loops on our own changes: wrapping only adds tagit's <mark>s and text nodes (split
// tails, moved text) and clearing only moves text back, so additions that are text nodes,
// tagit marks or the widget's own host are ignored; only a page element arriving triggers
// a (debounced) annotate of the article, and annotateElement skips blocks that already
// hold marks, so old paragraphs are not annotated twice.

function isOurs(node) {
  if (node.nodeType !== 1) return true;
  return node.matches('mark.tagit, [data-tagit-widget]');
}

/** Watches `root`; calls `annotate()` (debounced) when page elements are added. Returns stop(). */
export function observeArticle(root, annotate, delay = 150) {
  if (typeof MutationObserver !== 'function') return () => {};
  let timer = 0;
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
