// Builds the bookmarklet on www/bookmarklet.html from the address tagit is hosted at.
//
// The bookmarklet injects <script type="module" src=".../embed.js" data-panel="open"> into
// the page the reader is viewing (module scripts load with CORS; embed.js loads pkg/ and
// its stylesheets relative to its own URL). Clicked again, it annotates content that was
// added since (tagit's API is then at window[Symbol.for('tagit')], even on a page that uses
// the name window.tagit for something else).

/** The javascript: URL for a tagit hosted at `embedUrl`. */
export function bookmarkletFor(embedUrl) {
  const code = `(()=>{var t=window[Symbol.for('tagit')];if(t&&t.annotate){t.annotate();return}var s=document.createElement('script');s.type='module';s.src=${JSON.stringify(embedUrl)};s.setAttribute('data-panel','open');s.setAttribute('data-lazy','off');(document.head||document.documentElement).appendChild(s)})()`;
  return `javascript:${encodeURIComponent(code)}`;
}

const embedUrl = new URL('../embed.js', import.meta.url).href;
const link = document.getElementById('tagit-bookmarklet');
if (link) {
  link.href = bookmarkletFor(embedUrl);
  link.addEventListener('click', (e) => {
    // On this page itself a click would only annotate the install page: explain instead.
    e.preventDefault();
    link.classList.add('nudge');
    setTimeout(() => link.classList.remove('nudge'), 600);
  });
}
const origin = document.getElementById('tagit-origin');
if (origin) origin.textContent = embedUrl;
