// Copying highlighted text: the clipboard gets the page's own markup, not tagit's marks.
//
// A browser copies a selection as HTML with the elements inside it, so a highlighted
// paragraph would paste elsewhere with tagit's <mark>s (and, in Chromium, their computed
// colours inline). On `copy` (and when a selection is dragged), when the selection holds any
// of tagit's marks, the selection is cloned, the clones of tagit's marks are replaced by
// their contents, and the clipboard (or the drag) gets that markup and the selection's text.
// A page that handles `copy` itself (it called preventDefault) is left to it. Nothing is parsed from strings: the clone is made with
// Range.cloneContents and only read back (serialised) for the clipboard.

/** Installs the handler; `isTagitMark(el)` tells tagit's marks from look-alikes. Returns uninstall(). */
export function installCopy(isTagitMark) {
  const onCopy = (e) => {
    try {
      const data = e.clipboardData || e.dataTransfer;
      if (e.defaultPrevented || !data) return;
      const sel = document.getSelection();
      if (!sel || sel.isCollapsed || !sel.rangeCount) return;
      const box = document.createElement('div');
      for (let i = 0; i < sel.rangeCount; i++) box.append(sel.getRangeAt(i).cloneContents());
      let ours = false;
      for (const mark of box.querySelectorAll('mark[data-tagit-id]')) {
        const id = mark.getAttribute('data-tagit-id');
        const live = document.querySelector(`mark[data-tagit-id="${CSS.escape(id)}"]`);
        if (!live || !isTagitMark(live)) continue;
        mark.replaceWith(...mark.childNodes);
        ours = true;
      }
      if (!ours) return;
      data.setData('text/html', box.innerHTML);
      data.setData('text/plain', sel.toString());
      // A copy takes these instead of the browser's; a drag just carries them.
      if (e.type === 'copy') e.preventDefault();
    } catch {
      // The browser's own copy goes ahead.
    }
  };
  // Bubbling on window, the last stop: a page handler on document or below runs first.
  window.addEventListener('copy', onCopy);
  window.addEventListener('dragstart', onCopy);
  return () => {
    window.removeEventListener('copy', onCopy);
    window.removeEventListener('dragstart', onCopy);
  };
}
